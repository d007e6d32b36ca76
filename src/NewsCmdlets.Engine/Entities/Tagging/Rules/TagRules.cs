namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// The families of rules the tagger runs after decoding, in order. Each family is a file of this folder named after
/// the convention of news copy it reads; tools/NerTrainer's <c>rules</c> command switches each off in turn and prints
/// what it is worth on every evaluation set (the table is in tools/NerTrainer/README.md).
/// </summary>
internal static class TagRules
{
    private static readonly ITagRule LowerCaseTails = new LowerCaseTails(), Datelines = new Datelines(), ResultLines = new ResultLines(),
        Scorecards = new Scorecards(), KnownOrganisations = new KnownOrganisations();

    /// <summary>
    /// The order matters. Names typed from a convention that leaves no doubt (a dateline, a result line, a title
    /// before a name, a known organisation) are typed before label propagation, which then carries their types to the
    /// same names elsewhere in the story; the rules after it correct the edges of names, and the first kind runs again
    /// at the end, so that propagation and the organisation rules do not undo them (each is a cheap scan). A family
    /// that appears twice is one family: switching it off removes both.
    /// </summary>
    public static readonly IReadOnlyList<ITagRule> InOrder = new ITagRule[]
    {
        // Before label propagation: names typed by their context.
        LowerCaseTails,
        new EastAsianNames(),
        new TitledNames(),
        Datelines,
        ResultLines,
        Scorecards,
        new Acronyms(),
        KnownOrganisations,
        new Affiliations(),
        new PartyNames(),
        // The tagger's own step: a name's majority type wherever it appears.
        new LabelPropagation(),
        // After it: what names are made of and where they start and end.
        new OrganisationWords(),
        new Shares(),
        new CapitalsAndRegions(),
        new ClubNames(),
        new NameParticles(),
        new Initials(),
        new LowerCaseStarts(),
        new PersonNames(),
        // Again, so that what came after propagation does not undo them.
        Datelines,
        ResultLines,
        Scorecards,
        KnownOrganisations,
        LowerCaseTails,
        // Last: the edges of names in headlines, events, places and organisations, and works' titles.
        new Headlines(),
        new CountryArticles(),
        new SportingEvents(),
        new Nationalities(),
        new DescribedPlaces(),
        new Airlines(),
        new OrganisationThenPerson(),
        new OrganisationWordStarts(),
        new WorkTitles(),
    };

    /// <summary>The rules the module runs: all of them, less any that tools/NerTrainer switched off for one run
    /// (<see cref="NerAblations.RulesOff"/>).</summary>
    public static IReadOnlyList<ITagRule> Enabled() =>
        NerAblations.RulesOff.Count == 0 ? InOrder : InOrder.Where(r => !NerAblations.RulesOff.Contains(r.Name)).ToArray();

    /// <summary>Each family once, in the order of its first run.</summary>
    public static IEnumerable<ITagRule> Families => InOrder.Distinct();
}
