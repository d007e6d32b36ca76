using System.Text;

namespace NewsCmdlets.PowerShell.Tests;

/// <summary>
/// A test class's own temporary folder (<see cref="Dir"/>), deleted when xunit disposes the class, and
/// <see cref="Write"/> to put a UTF-8 text file (no byte-order mark) in it. For the test classes that used to carry
/// this themselves.
/// </summary>
public abstract class TempFolderTest : IDisposable
{
    protected TempFolderTest(string prefix) => Dir = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder, created empty for each test.</summary>
    protected string Dir { get; }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the folder; returns its full path.</summary>
    protected string Write(string name, string text)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
