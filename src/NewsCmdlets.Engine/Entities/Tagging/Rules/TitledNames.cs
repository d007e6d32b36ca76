using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// News puts a person's title or role before the name ("Harbour Minister [Oren Quill]", "rebel leader [Tam Velde]"),
/// a place noun and "of" before a place ("the town of [Carrow Sands]"), and a nationality before a name ("the
/// Australian [Ada Ruiz]"): the word before types the name, and the names typed so weigh more in label propagation.
/// </summary>
internal sealed class TitledNames : ITagRule
{
    public string Name => nameof(TitledNames);

    /// <summary>
    /// Names their context types, in articles in normal case:
    /// - a run of one to three capitalised words right after a person's title, left untagged, is a person ("Prime
    ///   Minister [Viktor Chernomyrdin]", "rebel leader [Aslan Maskhadov]"), unless a word in it is a country, a
    ///   nationality, a day or month, an organisation word ("President Hotel"), or an English word that is no known
    ///   part of a name ("President Signature"); so is a given name and more after a nationality ("Australian [Pat
    ///   Rafter]");
    /// - a run after a place noun and "of" is a place ("the town of [Novye Atagi]", "the province of [Holm]").
    /// Not in a sentence of capitalised words (a headline in title case: "Princess Peach Comes Back").
    /// </summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        foreach (var sent in doc.Sentences)
        {
            int end = sent.EndToken, words = 0, capitalised = 0;
            for (int k = sent.FirstToken; k < end; k++)
            {
                if ((doc.Flags[k] & (NerDocument.FPunct | NerDocument.FDigit)) != 0) continue;
                words++;
                if ((doc.Flags[k] & NerDocument.FCap) != 0) capitalised++;
            }
            if (words >= 4 && capitalised * 3 > words * 2) continue; // a headline in title case or capitals
            for (int i = sent.FirstToken; i < end - 1; i++)
            {
                if ((doc.Flags[i] & NerDocument.FAllCaps) != 0 && doc.Tokens[i].Length > 1) continue; // a headline in capitals
                int s;
                bool needTwo = false;
                bool place = (doc.Flags[i] & NerDocument.FCap) == 0 && i + 2 < end && IsWord(doc, i + 1, "of") && PlaceNouns.Contains(doc.Lower[i]);
                if (place) s = i + 2;
                else if (tags[i] == 0 && IsNameTitle(doc, i))
                {
                    s = i + 1;
                    while (s < end && tags[s] == 0 && IsNameTitle(doc, s)) s++; // "Secretary General Kofi Annan"
                    // A person the model found after a title is a person for sure: "President [Clinton]" outvotes a
                    // lone "Clinton told …" that the model took for the town.
                    if (s < end && tags[s] == 1 && (doc.Flags[s] & NerDocument.FCap) != 0)
                    {
                        ctx.MarkSure(s);
                        continue;
                    }
                }
                else if (tags[i] is 0 or 7 or 8 && (doc.Flags[i] & NerDocument.FCap) != 0 && ctx.IsNationality(i)
                         && (ctx.WordClass(i + 1) & GazetteerClass.GivenName) != 0)
                {
                    s = i + 1; // "Australian [Pat Rafter]": a nationality, then a given name
                    needTwo = true;
                }
                else continue;
                int e = s;
                while (e < end && e - s < 5 && (doc.Flags[e] & NerDocument.FCap) != 0 && (doc.Flags[e] & (NerDocument.FDigit | NerDocument.FPunct)) == 0) e++;
                if (e == s) continue;
                if (place)
                {
                    if (e - s > 4) continue;
                    ctx.SetSure(s, e, 5, end);
                }
                else
                {
                    if (e - s > 3 || (needTwo && e - s < 2)) continue;
                    bool ok = true;
                    for (int k = s; k < e && ok; k++)
                    {
                        var c = ctx.WordClass(k);
                        ok = tags[k] is 0 or 7 or 8 && (doc.Flags[k] & NerDocument.FAllCaps) == 0
                             && (c & (GazetteerClass.Country | GazetteerClass.Demonym | GazetteerClass.Calendar | GazetteerClass.OrgWord | GazetteerClass.Title)) == 0
                             // an English word must also be a known name part ("President Signature :" on a form is no name)
                             && ((c & GazetteerClass.LowerWord) == 0 || (c & (GazetteerClass.GivenName | GazetteerClass.NamePart)) != 0);
                    }
                    if (!ok || (e < end && tags[e] != 0 && tags[e] % 2 == 0)) continue;
                    ctx.SetSure(s, e, 1, end);
                }
                i = e - 1;
            }
        }
    }

    /// <summary>Lower-case nouns for a place that "of" and its name follow ("the town of …").</summary>
    private static readonly HashSet<ulong> PlaceNouns = Hashes(new[]
    {
        "town", "city", "village", "port", "province", "region", "district", "county", "island", "islands",
        "state", "suburb", "municipality", "enclave", "republic", "prefecture", "governorate", "kingdom", "emirate",
    });

    /// <summary>Role words written before a person's name: the capitalised titles of the gazetteer ("President",
    /// "Minister") and lower-case roles that news writes before a name ("rebel leader", "envoy").</summary>
    private static bool IsNameTitle(NerDocument doc, int k)
    {
        if ((doc.Flags[k] & NerDocument.FCap) == 0) return LowerNameTitles.Contains(doc.Lower[k]);
        return CapitalTitles.Contains(doc.Exact[k]);
    }

    /// <summary>The gazetteer's one-word titles written with a capital ("Minister", "Mr."), but not those that also
    /// start other names ("General Motors", "Chief Executive", "Major League").</summary>
    private static readonly HashSet<ulong> CapitalTitles = Gazetteer.TitleWords
        .Where(w => char.IsUpper(w[0]) && !w.Contains(' ') && w is not ("General" or "Major" or "Chief" or "Leader" or "Officer" or "Director" or "Chair" or "Analyst" or "Coach" or "Spokesman" or "Spokeswoman" or "Spokesperson" or "CEO"))
        .Select(w => Hashing.Exact(w)).ToHashSet();

    private static readonly HashSet<ulong> LowerNameTitles = Hashes(new[]
    {
        "leader", "spokesman", "spokeswoman", "envoy", "striker", "midfielder", "defender", "goalkeeper", "captain", "coach",
        "president", "premier", "chancellor", "governor", "mayor", "senator", "ambassador", "chairman", "minister",
    });
}
