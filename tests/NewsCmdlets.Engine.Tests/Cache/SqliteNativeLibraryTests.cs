using System.Runtime.InteropServices;
using NewsCmdlets.Engine.Cache;

namespace NewsCmdlets.Engine.Tests.Cache;

/// <summary>
/// The folder the resolver looks in on each platform. Only linux-x64 can load the library here; with these names and
/// the module-folder test that checks each folder's library is built for that platform (CacheOutOfProcessTests), the
/// other platforms' paths are at least the right ones.
/// </summary>
public sealed class SqliteNativeLibraryTests
{
    [Theory]
    [InlineData("windows", Architecture.X64, false, "win-x64")]
    [InlineData("windows", Architecture.Arm64, false, "win-arm64")]
    [InlineData("macos", Architecture.X64, false, "osx-x64")]
    [InlineData("macos", Architecture.Arm64, false, "osx-arm64")]
    [InlineData("linux", Architecture.X64, false, "linux-x64")]
    [InlineData("linux", Architecture.Arm64, false, "linux-arm64")]
    [InlineData("linux", Architecture.X64, true, "linux-musl-x64")]
    [InlineData("linux", Architecture.Arm64, true, "linux-musl-arm64")]
    [InlineData("linux", Architecture.Arm, false, "linux-arm")]
    public void Each_platform_looks_in_the_runtimes_folder_the_packages_ship(string os, Architecture arch, bool musl, string rid) =>
        Assert.Equal(rid, SqliteNativeLibrary.RuntimeIdFor(os, arch, musl));

    [Fact]
    public void This_process_looks_first_in_its_own_platform_folder_beside_the_assemblies()
    {
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64 && File.Exists("/lib64/ld-linux-x86-64.so.2"))
            Assert.Equal("linux-x64", SqliteNativeLibrary.RuntimeId); // this machine
        string first = SqliteNativeLibrary.Candidates().First();
        Assert.EndsWith(Path.Combine("runtimes", SqliteNativeLibrary.RuntimeId, "native", SqliteNativeLibrary.FileName), first);
    }
}
