namespace NewsCmdlets.Engine.Quotes;

/// <summary>How the words of a quote are reported.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))] // names in ConvertTo-Json, see NewsCmdlets.Engine.csproj
public enum QuoteKind
{
    /// <summary>A whole sentence or more in quotation marks.</summary>
    Direct,
    /// <summary>A few quoted words inside the writer's own sentence (a regime that calls defectors "human scum").</summary>
    Partial,
    /// <summary>Reported speech without quotation marks ("X said that …").</summary>
    Indirect,
}

/// <summary>What kind of source a claim is credited to.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))] // names in ConvertTo-Json, see NewsCmdlets.Engine.csproj
public enum SourceKind
{
    /// <summary>Governments, armies, ministries, police, officials and their spokespeople.</summary>
    Official,
    /// <summary>News agencies (wire services): AFP, Reuters, The Associated Press, Yonhap.</summary>
    Agency,
    /// <summary>Other news media: newspapers, broadcasters, "local media".</summary>
    Media,
    /// <summary>Analysts, researchers, professors, experts.</summary>
    Expert,
    /// <summary>Unnamed sources ("a source said", "people familiar with the matter").</summary>
    Anonymous,
    /// <summary>Any other named person or organisation.</summary>
    Other,
}

/// <summary>One quote: who said what, in which article, where.</summary>
public sealed class NewsQuote
{
    /// <summary>The quoted words, without the quotation marks (for Indirect: the reported clause).</summary>
    public string Text { get; init; } = "";

    /// <summary>Canonical name of the speaker (the same names as Get-NewsEntity), or null when unknown.</summary>
    public string? Speaker { get; init; }

    /// <summary>How the speaker is described where the quote is attributed ("the analyst", "a senior analyst at …").</summary>
    public string? SpeakerDescription { get; init; }

    /// <summary>
    /// How the speaker was found when it was not named beside the verb ("'he' resolved to the nearest person it can
    /// refer to", "continues the quote before"), or why there is none ("no verb of saying, and no speaker in the sentence
    /// before").
    /// </summary>
    public string? SpeakerNote { get; init; }

    /// <summary>The speech verb ("said", "told", "according to").</summary>
    public string? Verb { get; init; }

    public QuoteKind Kind { get; init; }

    public string? ArticleId { get; init; }
    public string? Outlet { get; init; }

    /// <summary>Character offset of the quote (its opening mark) in the article's Body.</summary>
    public int Offset { get; init; }

    /// <summary>Length in characters, marks included.</summary>
    public int Length { get; init; }

    public override string ToString() => Text;
}

/// <summary>A claim credited to a source without (or besides) a quote: "according to …", "told the AFP news agency", "officials said".</summary>
public sealed class NewsAttribution
{
    /// <summary>The source as named (canonical name when it is a known person or organisation; otherwise as written).</summary>
    public string Source { get; init; } = "";

    public SourceKind SourceKind { get; init; }

    /// <summary>"according to", "told", "citing", "said", …</summary>
    public string Verb { get; init; } = "";

    /// <summary>The sentence that credits the source.</summary>
    public string Sentence { get; init; } = "";

    public string? ArticleId { get; init; }
    public string? Outlet { get; init; }

    /// <summary>Character offset of the source's name in the article's Body.</summary>
    public int Offset { get; init; }

    public override string ToString() => Source;
}
