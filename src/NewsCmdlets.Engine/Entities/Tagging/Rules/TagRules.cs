namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// The families of rules the tagger runs after decoding, in order. Each family is a file of this folder named after
/// the convention of news copy it reads; tools/NerTrainer's <c>rules</c> command switches each off in turn and prints
/// what it is worth on every evaluation set (the table is in tools/NerTrainer/README.md).
/// </summary>
internal static class TagRules
{
    private static readonly ITagRule LowerCaseTails = new LowerCaseTails(), KnownOrganisations = new KnownOrganisations();

    /// <summary>
    /// The order matters. Names typed from a context that leaves little doubt (a title before a name, a known
    /// organisation, a person's team) are typed before label propagation, which then carries their types to the same
    /// names elsewhere in the story; the rules after it correct where names start and end and what a lone word is, and
    /// the known organisations and lower-case tails run again, so that propagation and the rules after it do not undo
    /// them (each is a cheap scan). A family that appears twice is one family: switching it off removes both runs.
    /// Sixteen families were retired in issue 32 (tools/NerTrainer/README.md says which and why).
    /// </summary>
    public static readonly IReadOnlyList<ITagRule> InOrder = new ITagRule[]
    {
        // Before label propagation: names typed by their context.
        LowerCaseTails,
        new TitledNames(),
        new Acronyms(),
        KnownOrganisations,
        new Affiliations(),
        // The tagger's own step: a name's majority type wherever it appears.
        new LabelPropagation(),
        // After it: governments and initials, and where names start and end.
        new CapitalsAndRegions(),
        new Initials(),
        new LowerCaseStarts(),
        new PersonNames(),
        // Again, so that what came after propagation does not undo them.
        KnownOrganisations,
        LowerCaseTails,
        // Last: what a lone word is, and works' titles.
        new Nationalities(),
        new WorkTitles(),
    };

    /// <summary>The rules the module runs: all of them, less any that tools/NerTrainer switched off for one run
    /// (<see cref="NerAblations.RulesOff"/>).</summary>
    public static IReadOnlyList<ITagRule> Enabled() =>
        NerAblations.RulesOff.Count == 0 ? InOrder : InOrder.Where(r => !NerAblations.RulesOff.Contains(r.Name)).ToArray();

    /// <summary>Each family once, in the order of its first run.</summary>
    public static IEnumerable<ITagRule> Families => InOrder.Distinct();
}
