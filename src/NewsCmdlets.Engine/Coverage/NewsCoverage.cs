using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>What a coverage item compares.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))] // names in ConvertTo-Json, see NewsCmdlets.Engine.csproj
public enum CoverageKind
{
    /// <summary>A person, organisation, place or group named in the coverage.</summary>
    Entity,
    /// <summary>A speaker quoted (directly, partly or in reported speech).</summary>
    Quote,
    /// <summary>A source a claim is credited to ("according to …", "officials said").</summary>
    Source,
    /// <summary>A number, amount or percentage, keyed by what it measures (a death toll, a depth, jobs cut) and about what.</summary>
    Number,
    /// <summary>A date, keyed by what it dates (the day of the event, a record "since").</summary>
    Date,
    /// <summary>How the story is told: hedges and certainty, loaded words, whose sources are quoted.</summary>
    Framing,
    /// <summary>A set of articles that are copies of one text (a wire story republished).</summary>
    Copy,
}

/// <summary>How the outlets stand on a coverage item.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))] // names in ConvertTo-Json, see NewsCmdlets.Engine.csproj
public enum CoverageStatus
{
    /// <summary>Every outlet covering the story has it, and they agree.</summary>
    Shared,
    /// <summary>More than one outlet, but not all, has it.</summary>
    Partial,
    /// <summary>Only one outlet has it.</summary>
    Unique,
    /// <summary>
    /// Outlets give different values for the same measure of the same subject, beyond rounding, approximation and unit
    /// conversion (or different people for the same office).
    /// </summary>
    Conflict,
    /// <summary>
    /// Outlets give different values for a figure that changes as the story develops (a death toll, people evacuated, a
    /// seat count, a share price), reported at different or unknown times: a later report updates an earlier one.
    /// </summary>
    Update,
}

/// <summary>
/// One compared item of one story (long format: one row per entity, quote, source, number, date or framing point).
/// </summary>
public sealed class NewsCoverageItem
{
    /// <summary>The story's Id.</summary>
    public string Story { get; init; } = "";

    /// <summary>The story's representative headline.</summary>
    public string? StoryTitle { get; init; }

    public CoverageKind Kind { get; init; }

    /// <summary>What is compared: an entity's name, a speaker, a source, what a number counts, what a date is for, a framing point.</summary>
    public string Key { get; init; } = "";

    /// <summary>Finer kind: the entity type, the source kind, the unit, the date granularity, the framing aspect.</summary>
    public string? Type { get; init; }

    /// <summary>The outlets that have the item.</summary>
    public TextList Outlets { get; init; } = TextList.Empty;

    public int OutletCount { get; init; }

    /// <summary>The story's outlets that do not have it.</summary>
    public TextList MissingFrom { get; init; } = TextList.Empty;

    public CoverageStatus Status { get; init; }

    /// <summary>Per-outlet values or wording, "Outlet: value | Outlet: value", when they differ or need showing.</summary>
    public string? Detail { get; init; }

    /// <summary>The values per outlet (the same data as <see cref="Detail"/>), for scripts.</summary>
    public FieldSources Values { get => _values ??= new(); init => _values = value; }

    /// <summary>Conflicts and updates: the outlets whose value differs from the value most outlets give (empty when no value has a majority).</summary>
    public TextList Differing { get; init; } = TextList.Empty;

    /// <summary>Each outlet's sentence (shortened), to check the item against the article: for numbers and dates the sentence
    /// stating the value, for entities the sentence naming it, for sources the words quoted or the sentence citing it.</summary>
    public FieldSources Sentences { get => _sentences ??= new(); init => _sentences = value; }

    /// <summary>Numbers and dates: each outlet's publication time ("2025-03-28 14:05 UTC", "2025-03-28 (date only)", "no date").</summary>
    public FieldSources Times { get => _times ??= new(); init => _times = value; }

    /// <summary>Conflicts and updates of numbers and dates: who each outlet credits its value to in the value's sentence
    /// ("Kestria health ministry", "police"), for the outlets that name one; empty for other items.</summary>
    public FieldSources GivenBy { get => _givenBy ??= new(); init => _givenBy = value; }

    // Made when first read unless given: an item is often made with most of them given, and the comparison makes dozens a
    // story (four empty tables an item, most replaced at once, were a few per cent of what it allocated).
    private FieldSources? _values, _sentences, _times, _givenBy;

    public override string ToString() => Kind + ": " + Key;
}

/// <summary>One outlet's coverage of one story (Compare-NewsCoverage -Summary).</summary>
public sealed class NewsCoverageSummary
{
    public string Story { get; init; } = "";
    public string? StoryTitle { get; init; }
    public string Outlet { get; init; } = "";
    public int Articles { get; init; }
    public int Words { get; init; }
    /// <summary>People, organisations, places and groups the outlet names.</summary>
    public int Entities { get; init; }
    /// <summary>Of those, the ones no other outlet names.</summary>
    public int UniqueEntities { get; init; }
    public int Quotes { get; init; }
    /// <summary>Distinct sources the outlet credits (speakers and attributions).</summary>
    public int Sources { get; init; }
    /// <summary>0–1: the share of the story's shared facts (items more than one outlet has) this outlet includes.</summary>
    public double SharedFactShare { get; init; }
    /// <summary>0–1: mean text similarity of this outlet's coverage to the other outlets'.</summary>
    public double Similarity { get; init; }
    /// <summary>Hedging words and phrases used ("alleged", "if confirmed", "reportedly").</summary>
    public int Hedges { get; init; }
    /// <summary>True when the outlet's text is a copy of another outlet's (a republished wire story).</summary>
    public bool IsCopy { get; init; }

    public override string ToString() => Outlet;
}

/// <summary>One entity of one story with its mentions per outlet (Compare-NewsCoverage -Matrix).</summary>
public sealed class NewsCoverageMatrixRow
{
    public string Story { get; init; } = "";
    public string? StoryTitle { get; init; }
    public string Entity { get; init; } = "";
    public string Type { get; init; } = "";
    /// <summary>Mentions per outlet, in the story's outlet order; 0 where an outlet does not name it.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Counts { get; init; } = Array.Empty<KeyValuePair<string, int>>();
}

/// <summary>Everything Compare-NewsCoverage derives from one story.</summary>
public sealed class CoverageComparison
{
    public NewsStory Story { get; init; } = new();
    public IReadOnlyList<NewsCoverageItem> Items { get; init; } = Array.Empty<NewsCoverageItem>();
    public IReadOnlyList<NewsCoverageSummary> Summary { get; init; } = Array.Empty<NewsCoverageSummary>();
    public IReadOnlyList<NewsCoverageMatrixRow> Matrix { get; init; } = Array.Empty<NewsCoverageMatrixRow>();
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}
