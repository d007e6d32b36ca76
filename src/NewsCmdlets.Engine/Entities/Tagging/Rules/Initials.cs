using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// Once introduced, organisations go by their initials in capitals: "talks with the [NFA]", "[HTU] members voted".
/// Initials of three letters or more that the model left untagged, in running text, are an organisation, unless they
/// spell a word or name a country, a currency or something common (GDP, CEO, GMT).
/// </summary>
internal sealed class Initials : ITagRule
{
    public string Name => nameof(Initials);

    /// <summary>Initials the model left untagged are an organisation ("the [IMF]"; see <see cref="IsOrgInitials"/>),
    /// in articles in normal case.</summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken;
            for (int i = sent.FirstToken; i < end; i++)
            {
                if (tags[i] != 0 || !IsOrgInitials(ctx, i)) continue;
                tags[i] = 3;
                StartAfresh(tags, i + 1, end);
            }
        }
    }

    /// <summary>
    /// Initials in capitals in running text that the model left untagged ("the IMF", "OPEC ministers", "talks with GM"):
    /// in news these name organisations. Three letters or more, in an article of three sentences or more; not a word of
    /// the dictionary in capitals ("AIDS"), a country, a title, a currency, or common initials that name no organisation
    /// ("GDP", "CEO", "GMT").
    /// </summary>
    internal static bool IsOrgInitials(TagContext ctx, int i)
    {
        var doc = ctx.Doc;
        const byte flags = NerDocument.FAllCaps | NerDocument.FCap;
        if ((doc.Flags[i] & (flags | NerDocument.FHeadline | NerDocument.FDigit | NerDocument.FPunct)) != flags) return false;
        var w = doc.Tokens[i].Span(doc.Text);
        if (w.Length < 3 || w.Length > 6 || doc.Sentences.Count < 3) return false; // "IL", "VP"; a single tweet
        foreach (char c in w) if (!char.IsLetter(c) && c != '&') return false;
        // Not inside a run of capitals (a heading, a defined term in a contract: "EVENTS OF DEFAULT").
        if (i > 0 && (doc.Flags[i - 1] & NerDocument.FAllCaps) != 0 && doc.Tokens[i - 1].Length > 1 && (doc.Flags[i - 1] & NerDocument.FPunct) == 0) return false;
        if (i + 1 < doc.Tokens.Count && (doc.Flags[i + 1] & NerDocument.FAllCaps) != 0 && doc.Tokens[i + 1].Length > 1 && (doc.Flags[i + 1] & NerDocument.FPunct) == 0) return false;
        var cls = ctx.WordClass(i);
        if ((cls & (GazetteerClass.LowerWord | GazetteerClass.Country | GazetteerClass.Title | GazetteerClass.Calendar | GazetteerClass.Demonym | GazetteerClass.City)) != 0) return false;
        return !CommonInitials.Contains(doc.Exact[i]);
    }

    private static readonly HashSet<ulong> CommonInitials = new[]
    {
        "GDP", "GNP", "CPI", "CEO", "CFO", "COO", "MP", "MPs", "TV", "PC", "CD", "DVD", "GMT", "EST", "EDT", "CET", "BST", "PST", "UTC",
        "AM", "PM", "VAT", "IPO", "NGO", "NGOs", "HIV", "DNA", "PCT", "OK", "ID", "IQ", "UFO", "SUV", "ATM", "FAQ", "PR", "HQ", "RBI", "ERA",
        "MVP", "KO", "TKO", "AGM", "EPS", "PE", "LNG", "LPG", "GMO", "SMS", "USB", "API", "CEOs", "IPOs", "DJ", "VIP", "VIPs", "PhD", "AD", "BC", "WWII",
        "EBITDA", "EBIT", "ROE", "ROI", "CAGR", "FDI", "GST", "YOY", "EV", "EVs", "AI", "TBD", "TBA", "USSR", "UAE", "DPRK", "ROK", "FRG", "GDR", "GAAP", "IFRS", "UCC", "LLP", "LLC", "SVP", "EVP", "AVP", "PRC", "LOL", "OMG", "WTF", "BTW", "FYI", "ASAP", "RIP",
        // currencies
        "USD", "EUR", "GBP", "JPY", "CHF", "CNY", "RMB", "HKD", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "INR", "KRW", "SGD", "BRL", "MXN", "RUB", "ZAR",
    }.Select(w => Hashing.Exact(w)).ToHashSet();
}
