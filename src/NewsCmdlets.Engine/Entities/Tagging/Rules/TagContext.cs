namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// What the rules of one document share: the document, its tags (changed in place), the gazetteer, and the names
/// typed for sure by their context (<see cref="Sure"/>). One instance serves one tagger, reset for each document.
/// </summary>
internal sealed class TagContext
{
    public TagContext(Gazetteer gazetteer) => Gazetteer = gazetteer;

    public Gazetteer Gazetteer { get; }
    public NerDocument Doc { get; private set; } = null!;
    public int[] Tags { get; private set; } = Array.Empty<int>();

    /// <summary>The first tokens of names that a rule typed from their context ("President [Clinton]", a team in a result
    /// line): their votes weigh three times in label propagation. Null while there are none.</summary>
    public bool[]? Sure { get; private set; }

    /// <summary>Starts on a document whose tags the model has just decoded.</summary>
    public void Start(NerDocument doc, int[] tags)
    {
        Doc = doc;
        Tags = tags;
        Sure = null;
        if (_classes.Length < tags.Length) _classes = new GazetteerClass[Math.Max(tags.Length, _classes.Length * 2)];
        else Array.Clear(_classes, 0, tags.Length);
    }

    /// <summary>Each token's <see cref="WordClass"/> once asked, with <see cref="GazetteerClass.Prefix"/> (which lookups
    /// never return) set to tell it from a word of no class; 0 while not asked.</summary>
    private GazetteerClass[] _classes = new GazetteerClass[256];

    /// <summary>Lets go of the document.</summary>
    public void Finish()
    {
        Doc = null!;
        Tags = Array.Empty<int>();
        Sure = null;
    }

    /// <summary>Marks the name starting at k as typed by its context.</summary>
    public void MarkSure(int k) => (Sure ??= new bool[Tags.Length])[k] = true;

    /// <summary>Tags s..e-1 as one name typed by its context (<see cref="Spans.SetSpan"/>), so that it weighs more in
    /// propagation; a token after it (before <paramref name="end"/>) that went on an old name starts its own.</summary>
    public void SetSure(int s, int e, int b, int end)
    {
        Spans.SetSpan(Tags, s, e, b);
        Spans.StartAfresh(Tags, e, end);
        MarkSure(s);
    }

    /// <summary>The gazetteer classes of one word of the document.</summary>
    public GazetteerClass WordClass(int k)
    {
        var c = _classes[k];
        if (c == 0) _classes[k] = c = Gazetteer.Lookup(Gazetteer.Extend(Gazetteer.SequenceSeed, Doc.Lower[k])) | GazetteerClass.Prefix;
        return c & ~GazetteerClass.Prefix;
    }

    /// <summary>The gazetteer classes of the phrase of tokens s..e-1.</summary>
    public GazetteerClass PhraseClass(int s, int e)
    {
        ulong h = Gazetteer.SequenceSeed;
        for (int k = s; k < e; k++) h = Gazetteer.Extend(h, Doc.Lower[k]);
        return Gazetteer.Lookup(h);
    }

    /// <summary>Tokens s..e-1 name a country, city, town or region in the gazetteer and no organisation or company.</summary>
    public bool IsKnownPlace(int s, int e)
    {
        var c = PhraseClass(s, e);
        return (c & Words.PlaceClasses) != 0 && (c & (GazetteerClass.WnOrg | GazetteerClass.Company)) == 0;
    }

    /// <summary>A nationality written before a person's name ("Australian", "Briton", "Dutchman"), unless it is also a
    /// given name ("Christian").</summary>
    public bool IsNationality(int k)
    {
        var c = WordClass(k);
        return (c & GazetteerClass.GivenName) == 0 && ((c & GazetteerClass.Demonym) != 0 || Words.NationalityNouns.Contains(Doc.Lower[k]));
    }

    /// <summary>A capitalised organisation word of the gazetteer ("Bank", "Party") or a company's legal form or
    /// institution word of <see cref="Words.CompanySuffixes"/> ("AG", "Treasury").</summary>
    public bool IsOrgWord(int k) =>
        (Doc.Flags[k] & NerDocument.FCap) != 0 && ((WordClass(k) & GazetteerClass.OrgWord) != 0 || Words.IsCompanySuffix(Doc.Tokens[k].Span(Doc.Text)));

    /// <summary>Is a word of s..e-1 a given name?</summary>
    public bool HasGivenName(int s, int e)
    {
        for (int k = s; k < e; k++)
            if ((WordClass(k) & GazetteerClass.GivenName) != 0) return true;
        return false;
    }

    /// <summary>"Mariners", "Orioles": a plural that is no nationality ("Americans") and no organisation word ("Forces").</summary>
    public bool IsPluralName(int k)
    {
        var w = Doc.Tokens[k].Span(Doc.Text);
        if (w.Length < 4 || w[^1] != 's' || w[^2] == 's' || w[^2] == '\'') return false;
        return (WordClass(k) & (GazetteerClass.Demonym | GazetteerClass.OrgWord | GazetteerClass.Title | GazetteerClass.Calendar | GazetteerClass.Country)) == 0;
    }
}
