using System.Text;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Quotes;

namespace NewsCmdlets.Engine.Coverage;

/// <summary>CoverageComparer's roles: the office each outlet gives a person, and where outlets differ.</summary>
public sealed partial class CoverageComparer
{
    // ---------------------------------------------------------------- roles

    /// <summary>Offices one person holds at a time (for a given place or body), lower case.</summary>
    private static readonly HashSet<string> Offices = new(StringComparer.Ordinal)
    {
        "president", "prime minister", "premier", "chancellor", "mayor", "governor", "king", "queen", "pope", "emperor",
        "chairman", "chairwoman", "chair", "chairperson", "ceo", "chief executive", "director", "director-general",
        "secretary-general", "commander", "captain", "manager", "coach", "leader", "head", "speaker", "ambassador",
        "principal", "dean", "rector", "sheriff", "chief", "editor",
    };

    private static readonly HashSet<string> NotHolder = new(StringComparer.OrdinalIgnoreCase)
    {
        "former", "ex", "late", "then", "previous", "predecessor", "successor", "outgoing", "incoming", "would-be", "candidate",
        "rival", "first", "past", "deposed", "ousted", "retired", "future", "elect", "president-elect", "nominee",
    };

    private static readonly HashSet<string> RolePrefix = new(StringComparer.OrdinalIgnoreCase) { "vice", "deputy", "assistant", "associate", "co", "interim", "acting", "under" };

    private sealed record Role(int Outlet, int Group, string Person, string Office, string Qualifier, string QualifierText, string Phrase, List<string> Event);

    private static IEnumerable<NewsCoverageItem> RoleConflicts(List<ArticleData> data, List<EntityGroupInfo> groups, Context ctx, Func<ArticleData, string?, int> lookup)
    {
        int o = ctx.Outlets.Count;
        if (o < 2) yield break;
        var roles = new List<Role>();
        var mentioned = new HashSet<(int Outlet, int Group)>();
        var roleIndex = new Dictionary<(int, int, string, string), int>();
        foreach (var d in data)
        {
            foreach (var m in d.Entities.Mentions)
            {
                if (m.Type != NewsEntityType.Person) continue;
                int g = lookup(d, m.Name);
                if (g < 0) continue;
                mentioned.Add((d.Outlet, g));
                foreach (var phrase in RolePhrases(m))
                {
                    if (ParseRole(phrase, groups[g].Name) is not (string office, string qualifier, string qualifierText)) continue;
                    var exclude = new HashSet<string>(CoverageText.ContentWords(phrase).Concat(CoverageText.ContentWords(m.Text)).Concat(CoverageText.ContentWords(groups[g].Name)), StringComparer.Ordinal);
                    var ev = CoverageText.Context(m.Sentence, m.Text, 6, exclude);
                    // One role a person, office and outlet (events joined), so repeated mentions cost nothing.
                    if (roleIndex.TryGetValue((d.Outlet, g, office, qualifier), out int ri))
                    {
                        foreach (var w in ev) if (!roles[ri].Event.Contains(w)) roles[ri].Event.Add(w);
                    }
                    else
                    {
                        roleIndex[(d.Outlet, g, office, qualifier)] = roles.Count;
                        roles.Add(new Role(d.Outlet, g, groups[g].Name, office, qualifier, qualifierText, phrase, ev));
                    }
                }
            }
        }
        if (roles.Count == 0) yield break;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var byOffice in roles.GroupBy(r => r.Office))
        {
            var list = byOffice.ToList();
            if (list.Select(r => r.Group).Distinct().Count() < 2) continue;
            var holds = new HashSet<(int Outlet, int Group)>(list.Select(r => (r.Outlet, r.Group)));
            for (int a = 0; a < list.Count; a++)
                for (int b = a + 1; b < list.Count; b++)
                {
                    var x = list[a];
                    var y = list[b];
                    if (x.Outlet == y.Outlet || x.Group == y.Group) continue;
                    // Each outlet gives the office to its own person only: y's outlet never gives it to x's person, and vice versa.
                    if (holds.Contains((y.Outlet, x.Group)) || holds.Contains((x.Outlet, y.Group))) continue;
                    double dice = CoverageText.Dice(x.Event, new HashSet<string>(y.Event, StringComparer.Ordinal), out int shared);
                    bool sameEvent = dice >= 0.5 && shared >= 2;
                    bool sameQualifier = x.Qualifier.Length > 0 && x.Qualifier == y.Qualifier
                                         && !mentioned.Contains((y.Outlet, x.Group)) && !mentioned.Contains((x.Outlet, y.Group));
                    if (!sameEvent && !sameQualifier) continue;
                    string qualifierText = x.QualifierText.Length > 0 ? x.QualifierText : y.QualifierText;
                    string key = x.Office + (qualifierText.Length > 0 ? " (" + qualifierText + ")" : "");
                    if (!reported.Add(x.Office + "|" + x.Qualifier + "|" + Math.Min(x.Group, y.Group) + "|" + Math.Max(x.Group, y.Group))) continue;
                    // Every outlet that gives this office to either person, and who holds it for most of them.
                    var values = new FieldSources();
                    var involved = list.Where(r => r.Group == x.Group || r.Group == y.Group).OrderBy(r => r.Outlet).ToList();
                    foreach (var grp in involved.GroupBy(r => r.Outlet))
                        values.Set(ctx.Outlets[grp.Key], string.Join(" / ", grp.Select(r => r.Person).Distinct()));
                    var has = involved.Select(r => r.Outlet).Distinct().ToList();
                    var byPerson = involved.GroupBy(r => r.Group).Select(p => (Group: p.Key, Outlets: p.Select(r => r.Outlet).ToHashSet())).OrderByDescending(p => p.Outlets.Count).ToList();
                    var differing = new List<string>();
                    if (byPerson.Count > 1 && byPerson[0].Outlets.Count > byPerson[1].Outlets.Count)
                        differing = has.Where(i => !byPerson[0].Outlets.Contains(i)).OrderBy(i => i).Select(i => ctx.Outlets[i]).ToList();
                    string detail = ctx.Detail(values) + (sameEvent ? " — same event: " + string.Join(' ', x.Event.Intersect(y.Event).Take(6)) : "")
                                    + (differing.Count > 0 ? " — differs from most: " + string.Join(", ", differing) : " — no name has a majority");
                    var item = ctx.Item(CoverageKind.Entity, key, "Role", has, CoverageStatus.Conflict, detail, values);
                    yield return new NewsCoverageItem
                    {
                        Story = item.Story, StoryTitle = item.StoryTitle, Kind = item.Kind, Key = item.Key, Type = item.Type, Outlets = item.Outlets,
                        OutletCount = item.OutletCount, MissingFrom = item.MissingFrom, Status = item.Status, Detail = item.Detail, Values = values,
                        Differing = new TextList(differing),
                    };
                }
        }
    }

    /// <summary>Phrases that may give a person a role: the description (appositive or title) and "as &lt;office&gt; …" after the name.</summary>
    private static IEnumerable<string> RolePhrases(NewsEntityMention m)
    {
        if (!string.IsNullOrWhiteSpace(m.Description)) yield return m.Description!;
        if (m.Sentence is not string s) yield break;
        int at = s.IndexOf(m.Text, StringComparison.Ordinal);
        if (at < 0) yield break;
        var words = CoverageText.Words(s[(at + m.Text.Length)..]);
        // "Lee took office as South Korean president", "X, who was named mayor of Y": up to 8 words after the name.
        for (int k = 0; k < words.Count && k < 8; k++)
        {
            string w = words[k].Text.ToLowerInvariant();
            if (w is "as" or "named" or "elected" or "appointed")
            {
                // "resigned as party leader", "stepped down as mayor": leaving the office, not holding it.
                if (w == "as" && k > 0 && words[k - 1].Text.ToLowerInvariant() is "resigned" or "down" or "quit" or "retired" or "replaced" or "succeeded" or "ousted" or "removed" or "sacked" or "fired") yield break;
                var sb = new StringBuilder();
                for (int j = k + 1; j < words.Count && j <= k + 6; j++) { if (sb.Length > 0) sb.Append(' '); sb.Append(words[j].Text); }
                if (sb.Length > 0) yield return sb.ToString();
                yield break;
            }
        }
    }

    /// <summary>The office named in a role phrase and its qualifier (the place or body: a comparison key and the words as written), or null.</summary>
    private static (string Office, string Qualifier, string QualifierText)? ParseRole(string phrase, string person)
    {
        var words = CoverageText.Words(phrase);
        var personWords = new HashSet<string>(CoverageText.Words(person).Select(w => w.Text.ToLowerInvariant()), StringComparer.Ordinal);
        int officeAt = -1, officeLen = 0;
        string? office = null;
        for (int k = 0; k < words.Count; k++)
        {
            string w = words[k].Text.ToLowerInvariant();
            if (k + 1 < words.Count && Offices.Contains(w + " " + words[k + 1].Text.ToLowerInvariant())) { office = w + " " + words[k + 1].Text.ToLowerInvariant(); officeAt = k; officeLen = 2; break; }
            if (Offices.Contains(w)) { office = w; officeAt = k; officeLen = 1; break; }
            // A minister or secretary is one person once the portfolio is named: "Defence Minister", "Minister of Health".
            if (w is "minister" or "secretary")
            {
                if (k > 0 && char.IsUpper(words[k - 1].Text[0]) && !personWords.Contains(words[k - 1].Text.ToLowerInvariant()) && !words[k - 1].Text.EndsWith("'s", StringComparison.Ordinal) && !words[k - 1].Text.EndsWith("’s", StringComparison.Ordinal))
                { office = words[k - 1].Text.ToLowerInvariant() + " " + w; officeAt = k - 1; officeLen = 2; break; }
                if (k + 2 < words.Count && words[k + 1].Text is "of" or "for" && char.IsUpper(words[k + 2].Text[0]))
                { office = w + " of " + words[k + 2].Text.ToLowerInvariant(); officeAt = k; officeLen = 3; break; }
            }
        }
        if (office == null || officeAt > 4) return null;
        for (int k = 0; k < words.Count; k++)
            if (NotHolder.Contains(words[k].Text) || words[k].Text.StartsWith("ex-", StringComparison.OrdinalIgnoreCase)) return null;
        // A vice or deputy holds another office; an acting or interim holder holds this one.
        if (officeAt > 0 && RolePrefix.Contains(words[officeAt - 1].Text) && words[officeAt - 1].Text.ToLowerInvariant() is not ("acting" or "interim"))
            office = words[officeAt - 1].Text.ToLowerInvariant() + " " + office;
        // Qualifier: capitalised words before the office ("South Korea's", "Westmere") and after "of"/"at" ("mayor of Westmere").
        var qual = new SortedSet<string>(StringComparer.Ordinal);
        var qualText = new List<string>();
        void AddQualifier(string t)
        {
            if (!char.IsUpper(t[0]) || personWords.Contains(t.ToLowerInvariant()) || Offices.Contains(t.ToLowerInvariant()) || RolePrefix.Contains(t)) return;
            // Compared by a short stem ("Korea's" and "Korean" alike), shown as written.
            if (CoverageText.Content(t) is string c && qual.Add(c.Length > 5 ? c[..5] : c)) qualText.Add(t.EndsWith("'s", StringComparison.Ordinal) || t.EndsWith("’s", StringComparison.Ordinal) ? t[..^2] : t);
        }
        for (int k = 0; k < officeAt; k++) AddQualifier(words[k].Text);
        int j = officeAt + officeLen;
        if (j < words.Count && words[j].Text is "of" or "at" or "for")
            for (j++; j < words.Count && (char.IsUpper(words[j].Text[0]) || words[j].Text is "the" or "of" or "and"); j++) AddQualifier(words[j].Text);
        return (office, string.Join(' ', qual), string.Join(' ', qualText));
    }
}
