using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Entities;

/// <summary>What kind of thing an entity is.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))] // names in ConvertTo-Json, see NewsCmdlets.Engine.csproj
public enum NewsEntityType
{
    Person,
    Organization,
    Location,
    /// <summary>Nationalities and other collective names ("North Koreans", "Democrats").</summary>
    Group,
    Date,
    Quantity,
    Money,
    Percent,
}

/// <summary>How precise a resolved date is.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))] // names in ConvertTo-Json, see NewsCmdlets.Engine.csproj
public enum DateGranularity
{
    Day,
    Week,
    Month,
    Year,
    Decade,
}

/// <summary>
/// One entity of one article (or, in corpus scope, of all the articles given): its canonical name, every surface form
/// seen, how often and where it was mentioned, and for dates and quantities their resolved value.
/// </summary>
public sealed class NewsEntity
{
    /// <summary>Canonical name: the fullest form seen ("Lee Jae-myung" for "Lee", "President Lee").</summary>
    public string Name { get; init; } = "";

    public NewsEntityType Type { get; init; }

    /// <summary>Number of mentions.</summary>
    public int Mentions { get; init; }

    /// <summary>The surface forms seen, most frequent first.</summary>
    public TextList Forms { get; init; } = TextList.Empty;

    /// <summary>Field of the first mention: Title, Standfirst or Body.</summary>
    public string FirstField { get; init; } = "Body";

    /// <summary>Character offset of the first mention within <see cref="FirstField"/>.</summary>
    public int FirstOffset { get; init; }

    /// <summary>0–1: how central the entity is to the article (mentions, weighted towards the title and the top).</summary>
    public double Salience { get; init; }

    /// <summary>An appositive or title that describes the entity ("a senior analyst at …", "South Korea's president").</summary>
    public string? Description { get; init; }

    /// <summary>The sentence of the first mention.</summary>
    public string? Sentence { get; init; }

    /// <summary>The article's Id (in corpus scope: the first article that mentions it).</summary>
    public string? ArticleId { get; init; }

    /// <summary>The article's outlet (in corpus scope: every outlet that mentions it, joined).</summary>
    public string? Outlet { get; init; }

    /// <summary>In corpus scope: the Ids of the articles that mention the entity.</summary>
    public TextList Articles { get; init; } = TextList.Empty;

    /// <summary>Number of articles that mention the entity.</summary>
    public int ArticleCount { get; init; } = 1;

    /// <summary>Dates: the resolved value ("2025-10-19", "2024-08", "2024", "1950s"); quantities: number and unit.</summary>
    public string? Value { get; init; }

    /// <summary>Dates: how precise <see cref="Value"/> is.</summary>
    public DateGranularity? Granularity { get; init; }

    /// <summary>Quantities, money and percentages: the number (lower bound for "tens of thousands").</summary>
    public double? Number { get; init; }

    /// <summary>Quantities: the unit ("people", "kilometer", "percent", "USD").</summary>
    public string? Unit { get; init; }

    /// <summary>Quantities: what is counted ("North Koreans arrived in the South").</summary>
    public string? Counted { get; init; }

    /// <summary>Quantities: true for "about 34,000", "tens of thousands", "more than 40".</summary>
    public bool Approximate { get; init; }

    public override string ToString() => Name;
}

/// <summary>One mention of an entity in an article (the long-format stream of -IncludeMentions).</summary>
public sealed class NewsEntityMention
{
    /// <summary>Canonical name of the entity the mention belongs to.</summary>
    public string Name { get; init; } = "";

    public NewsEntityType Type { get; init; }

    /// <summary>The text as written.</summary>
    public string Text { get; init; } = "";

    /// <summary>Title, Standfirst or Body.</summary>
    public string Field { get; init; } = "Body";

    /// <summary>Character offset within <see cref="Field"/>.</summary>
    public int Offset { get; init; }

    public int Length { get; init; }

    /// <summary>0-based index of the sentence in the article (title first).</summary>
    public int SentenceIndex { get; init; }

    public string? Sentence { get; init; }

    /// <summary>An appositive or title attached to this mention.</summary>
    public string? Description { get; init; }

    public string? Value { get; init; }
    public DateGranularity? Granularity { get; init; }
    public double? Number { get; init; }
    public string? Unit { get; init; }
    public string? Counted { get; init; }
    public bool Approximate { get; init; }

    public string? ArticleId { get; init; }
    public string? Outlet { get; init; }

    public override string ToString() => Text;
}
