using System.Globalization;
using System.Text;

namespace NewsCmdlets.Bench.Corpus;

/// <summary>
/// Renders an article as plain text the way it arrives from copy-paste and saved pages, in the format
/// TextArticleParser reads: an optional <c>date YYYY-MM-DD headline</c> line, "By NAME, OUTLET" bylines, "CITY (AGENCY) —"
/// datelines, and each outlet's page chrome (teaser lists with "57m ago" stamps, "Top Stories" built from other stories'
/// headlines, newsletter blocks repeated at top and bottom, breadcrumbs, copyright lines).
/// </summary>
public static class TextRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(GeneratedArticle a, ulong seed)
    {
        var r = Rng.For(seed, "text", a.Index);
        var sb = new StringBuilder(4096);
        void Para(string s) => sb.Append(s).Append("\n\n");
        string credit = a.Kind == ArticleKind.WireCopy
            ? (r.Chance(0.5) ? $"By {a.Author}, {a.Agency!.Name}" : a.Agency!.Name)
            : $"By {a.Author}, {a.Outlet.Name}";
        string date = a.Published.ToString("yyyy-MM-dd", Inv);

        switch (a.Outlet.IsAgency ? 3 : a.Outlet.Style)
        {
            case 0: // header line, byline, posted stamp, story, Top Stories with relative times
                Para($"date {date} {a.Headline}");
                Para(credit);
                Para($"Posted {Vocabulary.Months[a.Published.Month - 1]} {a.Published.Day}, {a.Published.Year} {(a.Published.Hour + 11) % 12 + 1}:{a.Published.Minute:D2} {(a.Published.Hour < 12 ? "am" : "pm")} GMT");
                foreach (var p in a.Paragraphs) Para(p);
                Para("Top Stories");
                foreach (var o in a.Others.Take(r.Range(4, 7)))
                {
                    Para(o.Headlines[0]);
                    Para(Ago(r));
                }
                break;

            case 1: // breadcrumbs, headline, standfirst, newsletter block repeated, teaser cards with cut-off summaries
                Para($"Home | News | {a.Story.Region}");
                Para(a.Headline);
                if (a.Standfirst != null) Para(a.Standfirst);
                Para(credit);
                Para($"Updated {Ago(r)}");
                string signup = $"Sign up for the {a.Outlet.Name} morning briefing";
                Para(signup);
                if (a.Caption != null) Para(a.Caption);
                for (int i = 0; i < a.Paragraphs.Count; i++)
                {
                    Para(a.Paragraphs[i]);
                    if (i == a.Paragraphs.Count / 2 && r.Chance(0.7)) Para($"Read more: {a.Others[0].Headlines[1]}");
                }
                Para(signup);
                Para($"More from {a.Outlet.Name}");
                foreach (var o in a.Others.Skip(1).Take(r.Range(3, 5)))
                {
                    Para(o.Headlines[2]);
                    Para(Cut(o.Leads[0], r));
                    Para(Ago(r));
                }
                Para($"© {a.Published.Year} {a.Outlet.Name}. All rights reserved.");
                break;

            case 2: // header line with date, advert marker, caption, byline at the end, related list
                Para($"date {date} {a.Headline}");
                Para("Advertisement");
                if (a.Caption != null) Para(a.Caption);
                foreach (var p in a.Paragraphs) Para(p);
                Para(credit);
                Para("Related");
                foreach (var o in a.Others.Take(r.Range(3, 5))) Para(o.Headlines[3 % o.Headlines.Length]);
                break;

            default: // the agency's own copy: clean, with a reporting credit
                Para($"date {date} {a.Headline}");
                Para($"By {a.Author}, {a.Outlet.Name}");
                foreach (var p in a.Paragraphs) Para(p);
                Para($"(Reporting by {a.Author}; editing by {Story.PersonName(Rng.For(seed, "editor", a.Outlet.Index), out _)})");
                break;
        }
        sb.Length -= 1;
        return sb.ToString();
    }

    internal static string Ago(Rng r) => r.Next(3) switch
    {
        0 => $"{r.Range(2, 59)}m ago",
        1 => $"{r.Range(1, 23)}h ago",
        _ => $"{r.Range(1, 23)} hours ago",
    };

    /// <summary>A teaser's summary: the lead cut off mid-sentence.</summary>
    internal static string Cut(string s, Rng r)
    {
        int n = Math.Min(s.Length - 1, r.Range(60, 110));
        int sp = s.LastIndexOf(' ', n);
        return s[..(sp > 20 ? sp : n)] + "…";
    }
}
