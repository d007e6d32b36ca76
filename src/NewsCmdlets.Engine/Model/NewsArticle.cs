using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Model;

/// <summary>
/// One news article as imported: the story's text with page chrome removed, its metadata, and where each
/// derived value came from. Every property exports as one clean CSV column.
/// </summary>
public sealed class NewsArticle
{
    /// <summary>Stable identifier: the first 16 hex digits of SHA-256 over the normalised title, body and outlet (one wire story run by two outlets is two articles).</summary>
    public string Id { get; init; } = "";

    /// <summary>The headline. When the text has none, the standfirst stands in (see <see cref="Sources"/>).</summary>
    /// <remarks>Kept as UTF-8 like <see cref="Body"/> (from <see cref="Utf8Body.MinTitleChars"/> characters) and decoded
    /// each time it is read.</remarks>
    public string? Title
    {
        get => _title is null ? null : Utf8Body.Unpack(_title);
        init => _title = value is null ? null : Utf8Body.Pack(value, Utf8Body.MinTitleChars);
    }

    private readonly object? _title;

    /// <summary>The summary line under the headline ("dek"), when the text has one.</summary>
    public string? Standfirst { get; init; }

    /// <summary>The story, one paragraph a line.</summary>
    /// <remarks>Kept as UTF-8 (<see cref="Utf8Body"/>) and decoded each time it is read: read it once into a variable
    /// where it is used more than once.</remarks>
    public string Body
    {
        get => _body is null ? null! : Utf8Body.Unpack(_body);
        init
        {
            _body = value is null ? null : Utf8Body.Pack(value);
            // Paragraphs given first as the lines of this body: a view over the packed body instead of the string.
            if (_body != null && _paragraphs is { Inner: BodyLines view } && view.IsOver(value!)) _paragraphs = LinesOfBody;
        }
    }

    /// <summary>The body packed by <see cref="Utf8Body.Pack(string)"/>: a string, or its UTF-8 bytes (null when Body was set to null).</summary>
    private readonly object? _body = "";

    /// <summary>How the body is held (a string or its UTF-8 bytes), for tests.</summary>
    internal object? PackedBody => _body;

    /// <summary>The story's paragraphs (subheadings included).</summary>
    public TextList Paragraphs
    {
        get
        {
            var p = Volatile.Read(ref _paragraphs);
            if (!ReferenceEquals(p, LinesOfBody)) return p;
            Interlocked.CompareExchange(ref _paragraphs, BodyLines.OfPacked(_body!), LinesOfBody); // one view, made when first asked for
            return _paragraphs;
        }
        init => _paragraphs = _body != null && value is { Inner: BodyLines view } && view.IsOver(_body) ? LinesOfBody : value;
    }

    private TextList _paragraphs = TextList.Empty;

    /// <summary>Marks <see cref="_paragraphs"/> as the lines of the body, a view made when first read.</summary>
    private static readonly TextList LinesOfBody = new(Array.Empty<string>(), "\n");

    /// <summary>Photo and video captions found with the story, kept out of the body.</summary>
    public TextList Captions { get; init; } = TextList.Empty;

    /// <summary>When the article was first published, with its offset; null when unknown. A date without a time of day
    /// is held at 00:00 UTC of that day: <see cref="PublishedPrecision"/> says so.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>How much of <see cref="Published"/> the input stated: <c>Date</c> (the day only: the time of day is
    /// unknown, not midnight), <c>TimeWithoutZone</c> (a time read as UTC) or <c>Time</c>; null when Published is. Read
    /// from the precision note of <c>Sources['Published']</c>, which the cache keeps.</summary>
    public DatePrecision? PublishedPrecision =>
        Published == null ? null : DatePrecisions.Of(_sources != null && _sources.TryGetValue("Published", out var s) ? s : null);

    /// <summary>When the article was last updated; null when the text does not say.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>Human authors (wire services and organisations go to <see cref="Agency"/>).</summary>
    /// <remarks>One list object for each list of a few authors seen again (<see cref="TextList.Shared"/>).</remarks>
    public TextList Authors { get => _authors; init => _authors = TextList.Shared(value); }
    private readonly TextList _authors = TextList.Empty;

    /// <summary>The wire service credited for the story (The Associated Press, Reuters, AFP, …), if any.</summary>
    public string? Agency { get => _agency; init => _agency = SharedText.Of(value); }
    private readonly string? _agency;

    /// <summary>The publication the article came from, when known.</summary>
    public string? Outlet { get => _outlet; init => _outlet = SharedText.Of(value); }
    private readonly string? _outlet;

    /// <summary>The place named in the dateline ("Seoul"), if the story has one.</summary>
    public string? Dateline { get => _dateline; init => _dateline = SharedText.Of(value); }
    private readonly string? _dateline;

    /// <summary>ISO 639-1 code of the text's language ("en"), or null when it cannot be told.</summary>
    public string? Language { get => _language; init => _language = SharedText.Of(value); }
    private readonly string? _language;

    /// <summary>Number of words in <see cref="Body"/>.</summary>
    public int WordCount { get; init; }

    /// <summary>The file path or URI the article was read from, or the name given with -SourceName.</summary>
    /// <remarks>Kept as its folder, shared with the other articles of the folder (<see cref="SharedFolder"/>), and its
    /// name, joined each time it is read.</remarks>
    public string? Source { get => SharedFolder.Join(_sourceFolder, _sourceName); init => (_sourceFolder, _sourceName) = SharedFolder.Split(value); }
    private readonly string? _sourceFolder, _sourceName;

    /// <summary>Whether this article's <see cref="Source"/> is <paramref name="source"/> (null as ""), without joining it.</summary>
    internal bool HasSource(string? source)
    {
        var s = (source ?? "").AsSpan();
        string folder = _sourceFolder ?? "", name = _sourceName ?? "";
        return s.Length == folder.Length + name.Length && s.StartsWith(folder, StringComparison.Ordinal) && s[folder.Length..].SequenceEqual(name);
    }

    /// <summary>The article's web address: the page's canonical link, or the address it was read from; null for text.</summary>
    public string? Url { get; init; }

    /// <summary>Categories and tags the article was filed under (from its feed item); empty when unknown.</summary>
    public TextList Categories { get; init; } = TextList.Empty;

    /// <summary>What kind of input the article came from: Text, Html or Feed.</summary>
    public string SourceKind { get; init; } = "Text";

    /// <summary>Where each derived field came from, e.g. <c>Published=file header line; Authors=byline</c>.</summary>
    public FieldSources Sources
    {
        get => _sources ??= new(); // made when first asked for: the cache passes its own, a reader fills a new one
        init
        {
            value?.Freeze(); // its entries shared with other articles' (see FieldSources.Freeze)
            _sources = value;
        }
    }

    private FieldSources? _sources;

    private static readonly TextList NoLines = new(Array.Empty<string>(), Environment.NewLine);

    /// <summary>Text that was not taken into the story (page chrome, teasers, stamps), block by block, so nothing is lost.</summary>
    public TextList Removed { get; init; } = NoLines;

    /// <summary>Problems noticed while reading the input (e.g. invalid UTF-8 replaced).</summary>
    public TextList Warnings { get; init; } = TextList.Empty;

    public override string ToString() => Title ?? Id;
}
