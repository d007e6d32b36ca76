using System.Text.Json;

namespace NewsCmdlets.Bench.Fuzz;

/// <summary>
/// The last fuzzer run over every target, kept in bench/results/fuzz.json with its date and commit so that RESULTS.md
/// (written by <c>bench/run</c>) can report the hours run, executions, crashes, hangs and slowest inputs.
/// </summary>
internal sealed class FuzzRecord
{
    public string Date { get; set; } = "";
    public string Commit { get; set; } = "";
    public bool UncommittedChanges { get; set; }
    public int Seed { get; set; }
    public Fuzzer.Stats Summary { get; set; } = new();

    private static string PathIn(string repo) => Path.Combine(repo, "bench", "results", "fuzz.json");

    public static void Save(string repo, Fuzzer.Stats summary, int seed)
    {
        var (commit, dirty) = Harness.Runner.GitState(repo);
        var record = new FuzzRecord
        {
            Date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            Commit = commit, UncommittedChanges = dirty, Seed = seed, Summary = summary,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(PathIn(repo))!);
        File.WriteAllText(PathIn(repo), JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static FuzzRecord? Load(string repo)
    {
        try { return File.Exists(PathIn(repo)) ? JsonSerializer.Deserialize<FuzzRecord>(File.ReadAllText(PathIn(repo))) : null; }
        catch (JsonException) { return null; }
    }
}
