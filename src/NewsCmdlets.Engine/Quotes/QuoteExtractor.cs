using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Quotes;

/// <summary>The quotes and attributions of one article.</summary>
public sealed class ArticleQuotes
{
    public IReadOnlyList<NewsQuote> Quotes { get; init; } = Array.Empty<NewsQuote>();
    public IReadOnlyList<NewsAttribution> Attributions { get; init; } = Array.Empty<NewsAttribution>();

    /// <summary>Problems with the text's quotation marks (marks that do not balance), for the cmdlet to warn about.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Finds quotes (curly or straight marks, nested, over several sentences and paragraphs, partial), indirect speech and
/// attributions in an article's Body, and names their speakers the way a careful reader does: the subject of a verb of
/// saying, writing, posting, warning … (<see cref="QuoteLexicon"/>: VerbNet's and Open English WordNet's verbs of
/// communication) before or after the quote ("…,” she said / he said: “…” / “…,” said the minister / according to X);
/// pronouns and descriptions ("he", "the analyst", "the ministry") resolved to the nearest compatible named person or
/// organisation, never to a name inside quotation marks; a quote with no verb of its own keeps the previous speaker
/// until another one speaks; quoted words inside a sentence get the speaker of their clause. A speaker is a name, a
/// description the article gives ("officials", "a source close to the talks"), or empty with the reason in
/// <see cref="NewsQuote.SpeakerNote"/>. Names come from the article's entities (<see cref="EntityExtractor"/>) when
/// given, so they match Get-NewsEntity; otherwise a fast rule-based name finder stands in (capitalised words, the
/// gazetteer's titles and organisation words), merged with <see cref="EntityMerger"/> as Get-NewsEntity does.
/// Linear in the length of the text; no regular expressions.
/// </summary>
public sealed class QuoteExtractor
{
    private readonly Gazetteer _gaz;
    private readonly QuoteLexicon _lex;

    public QuoteExtractor() : this(Gazetteer.Shared) { }
    public QuoteExtractor(Gazetteer gazetteer) { _gaz = gazetteer; _lex = QuoteLexicon.Shared; }

    /// <summary>Longest quote in characters; an unclosed mark never swallows more.</summary>
    public const int MaxQuoteLength = QuoteSpans.MaxLength;

    public ArticleQuotes Extract(NewsArticle article, ArticleEntities? entities = null, CancellationToken cancel = default) =>
        ExtractText(article.Body ?? "", article.Id, article.Outlet ?? article.Agency, entities, cancel);

    public ArticleQuotes ExtractText(string text, string? articleId = null, string? outlet = null, ArticleEntities? entities = null, CancellationToken cancel = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return new ArticleQuotes();
        var doc = new QuoteDocument(text, entities, _gaz, _lex);
        try
        {
            cancel.ThrowIfCancellationRequested();
            return doc.Extract(articleId, outlet, cancel);
        }
        finally
        {
            doc.Release(); // its per-token arrays go to this thread's next document
        }
    }

    /// <summary>Quote spans [Start, End) including their marks (see <see cref="QuoteSpans"/>).</summary>
    public static List<(int Start, int End)> FindQuoteSpans(string text) => QuoteSpans.Find(text);

    private static readonly string[] AgencyWords = { "AFP", "Reuters", "Associated Press", "AP", "Yonhap", "Xinhua", "Kyodo", "news agency", "News Agency", "Bloomberg", "dpa", "ANSA", "EFE", "Agence France-Presse", "wire service" };
    private static readonly string[] MediaWords = { "media", "newspaper", "daily", "Daily", "broadcaster", "television", "TV", "radio", "Times", "Post", "Journal", "Herald", "Tribune", "Gazette", "Ilbo", "Courier", "Ledger", "outlet", "magazine", "news" };
    private static readonly string[] AnonymousWords = { "a source", "sources", "source", "familiar with", "anonymity", "unnamed", "insider", "insiders", "people close", "a person" };
    private static readonly string[] ExpertWords = { "analyst", "expert", "professor", "researcher", "economist", "scientist", "scholar", "academic", "specialist", "think tank" };
    private static readonly string[] OfficialWords = { "official", "officials", "ministry", "Ministry", "military", "government", "police", "Chiefs", "army", "Army", "spokesman", "spokeswoman", "spokesperson", "president", "President", "minister", "Minister", "council", "Council", "mayor", "Mayor", "authorities", "department", "Department", "agency", "regime", "Secretary", "secretary", "governor", "Governor", "embassy", "Authority", "authority" };

    /// <summary>What kind of source a name or description denotes.</summary>
    public static SourceKind Classify(string source, string? description = null)
    {
        // "source description" (asked for every attribution) written into a buffer on the stack, or a pooled one when long.
        int length = source.Length + 1 + (description?.Length ?? 0);
        char[]? rented = length > 512 ? System.Buffers.ArrayPool<char>.Shared.Rent(length) : null;
        Span<char> buffer = rented ?? stackalloc char[512];
        source.AsSpan().CopyTo(buffer);
        buffer[source.Length] = ' ';
        description.AsSpan().CopyTo(buffer[(source.Length + 1)..]);
        ReadOnlySpan<char> s = buffer[..length];
        var kind = ContainsWord(s, AgencyWords) ? SourceKind.Agency
            : ContainsWord(s, AnonymousWords) ? SourceKind.Anonymous
            : ContainsWord(s, ExpertWords) ? SourceKind.Expert
            : ContainsWord(s, OfficialWords) ? SourceKind.Official
            : ContainsWord(s, MediaWords) ? SourceKind.Media
            : SourceKind.Other;
        if (rented != null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        return kind;
    }

    private static bool ContainsWord(ReadOnlySpan<char> s, string[] words)
    {
        foreach (var w in words)
        {
            int i = 0;
            while ((i = IndexOf(s, w, i)) >= 0)
            {
                bool left = i == 0 || !char.IsLetter(s[i - 1]);
                bool right = i + w.Length >= s.Length || !char.IsLetter(s[i + w.Length]) || (s[i + w.Length] == 's' && (i + w.Length + 1 >= s.Length || !char.IsLetter(s[i + w.Length + 1])));
                if (left && right) return true;
                i += w.Length;
            }
        }
        return false;

        static int IndexOf(ReadOnlySpan<char> s, string w, int from)
        {
            int k = s[from..].IndexOf(w.AsSpan(), StringComparison.Ordinal);
            return k < 0 ? -1 : from + k;
        }
    }

}
