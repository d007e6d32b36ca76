namespace NewsCmdlets.Engine.Entities.Tagging;

/// <summary>
/// Parts of the tagger that tools/NerTrainer can switch off to measure what each adds (its README lists the switches).
/// The module never changes them: everything is on.
/// </summary>
internal static class NerAblations
{
    /// <summary>Gazetteer lists left out ("wordnet", "towns", "subdivisions"); read when the gazetteer is first built.</summary>
    public static string[] GazetteersOff { get; set; } = Array.Empty<string>();

    /// <summary>Words of a sentence in capitals read in their usual case.</summary>
    public static bool TrueCaseHeadlines { get; set; } = true;

    /// <summary>Families of rules left out, by name (<see cref="Rules.ITagRule.Name"/>: "Datelines", "Propagation" …).</summary>
    public static IReadOnlySet<string> RulesOff { get; set; } = new HashSet<string>();

    /// <summary>A person's family name alone votes for that person in label propagation.</summary>
    public static bool SurnameVotes { get; set; } = true;

    /// <summary>Word clusters left out of the features (read when the clusters are first loaded).</summary>
    public static bool ClustersOff { get; set; }
}
