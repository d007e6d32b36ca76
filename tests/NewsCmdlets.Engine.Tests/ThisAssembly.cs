namespace NewsCmdlets.TestSupport;

/// <summary>This test assembly's name, for the discoverer of [StoreFact] (tests/Shared/PostgresTestServer.cs).</summary>
internal static class ThisAssembly
{
    public const string Name = "NewsCmdlets.Engine.Tests";
}
