using static NewsCmdlets.Engine.Entities.Tagging.Rules.Spans;
using static NewsCmdlets.Engine.Entities.Tagging.Rules.Words;

namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// News ties people to their teams and firms and names a firm by what it is: "[Ada Ruiz] of [Holmgate]", "[Holmgate]
/// striker Oren Quill", "militant group [Velde Front]", "analysts at [Brightwater Securities]", "[Northgate] chairman
/// Tam Velde", "the [Brightwater] engineering group", and in a match report "[Westmere] beat Dunmore 2-0". The teams,
/// firms and places so found weigh more in label propagation.
/// </summary>
internal sealed class Affiliations : ITagRule
{
    public string Name => nameof(Affiliations);

    /// <summary>
    /// Teams, firms and places that a person's name or a match report points at, in articles in normal case:
    /// - "[Damon Hill] of [Williams]": a name the model took for a person, after a person and "of", is the team, firm or
    ///   place the person is of;
    /// - "[Ferrari] 's [Michael Schumacher]": a one-word "person" before "'s" and a person's full name likewise;
    /// - "[Benetton] driver [Jean Alesi]", "[Newcastle] manager [Kevin Keegan]": a name before a sports role and a
    ///   person is a team (a country stays a place: national teams are places);
    /// - in a sentence with a score ("2-0"), a town or city next to a result verb ("[Newcastle] lost 2-0", "beat
    ///   [Leeds]") or after the score and "at" ("lost 2-0 at [Everton]") is a club; in a match report (an article with
    ///   such a sentence) a town next to a result verb or after "over", "against", "at home to", "away to" is a club in
    ///   its other sentences too;
    /// - after a lower-case organisation noun, a name is an organisation ("militant group [Hamas]", "the daily [Les Echos]"),
    ///   and so is one after "the" before up to two lower-case words and such a noun ("the [Ottavi] industrial group");
    /// - one word the model took for a place that no list of places knows is an organisation when WordNet names one
    ///   ("[Hamas]").
    /// The teams, firms and places found from a person or a match report weigh more in propagation, so the club's other
    /// mentions follow.
    /// </summary>
    public void Apply(TagContext ctx)
    {
        var doc = ctx.Doc;
        var tags = ctx.Tags;
        if (doc.CaseUnreliable) return;
        bool? matchReport = null; // asked only when a town stands next to a result verb or an opponent word
        foreach (var sent in doc.Sentences)
        {
            int first = sent.FirstToken, end = sent.EndToken;
            int score = -1;
            for (int k = first; k < end; k++) if ((doc.Flags[k] & NerDocument.FDigit) != 0 && IsScore(doc.Tokens[k].Span(doc.Text))) { score = k; break; }
            for (int i = first; i < end; i++)
            {
                if ((doc.Flags[i] & NerDocument.FCap) == 0 || (doc.Flags[i] & (NerDocument.FDigit | NerDocument.FPunct)) != 0) continue;
                // The name at i: the model's span, or a run of up to three capitalised words it left untagged.
                int e = i + 1;
                if (tags[i] != 0) { if (tags[i] % 2 == 0) continue; e = SpanEnd(tags, i, end); }
                else if (IsWord(doc, i, "The")) continue; // an untagged run does not start with the article
                else
                {
                    while (e < end && e - i < 3 && tags[e] == 0 && (doc.Flags[e] & (NerDocument.FCap | NerDocument.FDigit | NerDocument.FPunct)) == NerDocument.FCap) e++;
                    // After an organisation noun, an untagged word before the model's name opens it ("the daily Il
                    // [Fatto Quotidiano]": a title's article).
                    if (e < end && tags[e] != 0 && (tags[e] & 1) == 1 && i > first && (doc.Flags[i - 1] & NerDocument.FLowerStart) != 0 && OrgNouns.Contains(doc.Lower[i - 1]))
                        e = SpanEnd(tags, e, end);
                }
                int type = (tags[i] + 1) / 2; // 0 untagged, 1 PER, 2 ORG, 3 LOC, 4 MISC
                // (A name the model called MISC is looked at only before a firm noun: "the [Ottavi] industrial group".)
                if (type == 2 || type == 4 && !(i > first && doc.Lower[i - 1] == s_the && BeforeOrgNoun(doc, e, end))) { i = e - 1; continue; }
                // A sentence's first word alone that the dictionary knows is no name ("His team mate …", "Left-arm spinner …").
                if (type == 0 && e == i + 1 && (doc.Flags[i] & NerDocument.FInitial) != 0 && IsDictionaryWord(ctx, i)) continue;
                var cls = ctx.PhraseClass(i, e);
                bool town = (cls & (GazetteerClass.City | GazetteerClass.Town)) != 0;
                bool team = false;
                if ((cls & GazetteerClass.Demonym) == 0 && !ctx.IsNationality(i))
                {
                    // After a person and "of".
                    if (type == 1 && i >= first + 2 && IsWord(doc, i - 1, "of") && tags[i - 2] is 1 or 2 && (e == i + 1 || !ctx.HasGivenName(i, e)))
                        team = true;
                    // Before "'s" and a person's full name.
                    else if (type == 1 && e == i + 1 && e + 2 < end && IsPossessive(doc, e) && tags[e + 1] == 1 && tags[e + 2] == 2)
                        team = true;
                    // Before a sports role and a name.
                    else if (e + 1 < end && (type != 1 || e == i + 1)
                             && (SportsRoles.Contains(doc.Lower[e]) && (doc.Flags[e + 1] & NerDocument.FCap) != 0
                                 || e + 2 < end && IsWord(doc, e, "team") && (IsWord(doc, e + 1, "mate") || IsWord(doc, e + 1, "mates")) && (doc.Flags[e + 2] & NerDocument.FCap) != 0))
                        team = true;
                    // After a lower-case organisation noun: "militant group [Hamas]", "the daily [Les Echos]".
                    else if (i > first && (doc.Flags[i - 1] & NerDocument.FLowerStart) != 0 && OrgNouns.Contains(doc.Lower[i - 1])
                             && (type != 1 || !ctx.HasGivenName(i, e)) && (cls & (GazetteerClass.Country | GazetteerClass.Region)) == 0
                             && !AllDictionaryWords(ctx, i, e))
                        team = true;
                    // After "the" and before up to two lower-case words and an organisation noun: "the [Ottavi] industrial
                    // group", "the [Hallam] engineering company" (not a known place: "the Chicago company").
                    else if (i > first && doc.Lower[i - 1] == s_the && (type != 1 || !ctx.HasGivenName(i, e)) && BeforeOrgNoun(doc, e, end)
                             && (cls & (PlaceClasses | GazetteerClass.WnPlace)) == 0 && (doc.Flags[i] & NerDocument.FHeadline) == 0)
                        team = true;
                    // Before a firm's officer and a name or the firm's shares moving: "[Northgate] chairman Anthony
                    // Berridge", "[Hallworth] shares jumped" (not a place: "Tokyo shares").
                    else if (type is 0 or 1 or 3 && (type != 1 || e == i + 1) && e < end && (cls & (PlaceClasses | GazetteerClass.WnPlace)) == 0
                             && (doc.Flags[e] & NerDocument.FLowerStart) != 0 && !AllDictionaryWords(ctx, i, e) && FirmWordsAfter(doc, e, end))
                        team = true;
                    // Where market people work ("analysts at [Merrill Lynch]").
                    else if (i >= first + 2 && type is 0 or 1 or 3 && (IsWord(doc, i - 1, "at") || IsWord(doc, i - 1, "with")) && MarketPeople.Contains(doc.Lower[i - 2]))
                        team = true;
                    // One word after "the" that acts ("the [Bundesbank] left rates unchanged", "the [Kremlin] said"): an
                    // institution, when no list knows it as a place, name or title.
                    else if (e == i + 1 && type is 0 or 3 && i > first && doc.Lower[i - 1] == s_the && e < end
                             && InstitutionVerbs.Contains(doc.Lower[e]) && (doc.Flags[i] & (NerDocument.FAllCaps | NerDocument.FHeadline)) == 0
                             && (cls & (PlaceClasses | GazetteerClass.WnPlace | GazetteerClass.WnPerson | GazetteerClass.GivenName | GazetteerClass.Title | GazetteerClass.Calendar)) == 0
                             && ((cls & GazetteerClass.LowerWord) == 0 || (cls & (GazetteerClass.DictProper | GazetteerClass.WnOrg)) != 0))
                        team = true;
                    // A town or city in a match report.
                    // (In a match report, also in its sentences without a score: "lead the division by six games over
                    // [Baltimore]".)
                    else if (type is 0 or 3 && town
                             && ((e < end && ResultVerbs.Contains(doc.Lower[e])) || (i > first && (ResultVerbs.Contains(doc.Lower[i - 1]) || Opponents.Contains(doc.Lower[i - 1])))
                                 || (i >= first + 2 && IsWord(doc, i - 1, "to") && (IsWord(doc, i - 2, "home") || IsWord(doc, i - 2, "away")))
                                 || (i >= first + 2 && IsWord(doc, i - 1, "at") && i - 2 == score))
                             && (score >= 0 || (matchReport ??= IsMatchReport(doc))))
                        team = true;
                }
                // One word the model took for a place (or left untagged mid-sentence) that no list of places knows and
                // WordNet names as an organisation ("[Hamas]"). ("the" before such a word is no sign: "in the [Bundestag]",
                // but "the [Deccan]".)
                if (!team && e == i + 1 && (type == 3 || (type == 0 && (doc.Flags[i] & (NerDocument.FInitial | NerDocument.FHeadline)) == 0)))
                {
                    bool noPlace = (cls & (PlaceClasses | GazetteerClass.WnPlace | GazetteerClass.Demonym | GazetteerClass.GivenName | GazetteerClass.LowerWord | GazetteerClass.Calendar | GazetteerClass.Title)) == 0;
                    if (noPlace && (cls & GazetteerClass.WnOrg) != 0)
                    {
                        tags[i] = 3;
                        StartAfresh(tags, e, end);
                        continue;
                    }
                }
                if (team)
                {
                    // A country is a place (a national team too: "Britain 's Tim Henman", "England captain …"); a
                    // subdivision too, unless it is also a town (English boroughs: "Stockport manager").
                    bool place = (cls & (GazetteerClass.Country | GazetteerClass.Region)) != 0 || ((cls & GazetteerClass.Subdivision) != 0 && !town);
                    int b = place ? 5 : 3;
                    ctx.SetSure(i, e, b, end);
                }
                i = e - 1;
            }
        }
    }

    /// <summary>Up to two lower-case words from <paramref name="k"/> that describe (no function words), then an
    /// organisation noun ("industrial group").</summary>
    private static bool BeforeOrgNoun(NerDocument doc, int k, int end)
    {
        for (int n = 0; n < 3 && k < end; n++, k++)
        {
            if (OrgNouns.Contains(doc.Lower[k]) && (doc.Flags[k] & NerDocument.FLowerStart) != 0) return n > 0 || k + 1 >= end || !IsWord(doc, k + 1, "of");
            if (!IsLowerWord(doc, k) || FunctionWords.Contains(doc.Lower[k])) return false;
        }
        return false;
    }

    /// <summary>At <paramref name="k"/>: a firm's officer before a capitalised name ("chairman Anthony", "chief executive
    /// John"), or its shares moving ("shares jumped", "'s shares fell").</summary>
    private static bool FirmWordsAfter(NerDocument doc, int k, int end)
    {
        if (IsPossessive(doc, k) && k + 1 < end) k++;
        ulong w = doc.Lower[k];
        // "[Hallworth] shares jumped", not "Sabatier shares the formula".
        if (w == s_shares) return k + 1 < end && PriceVerbs.Contains(doc.Lower[k + 1]);
        int name = FirmOfficers.Contains(w) ? k + 1 : k + 1 < end && w == s_chief && doc.Lower[k + 1] == s_executive ? k + 2 : -1;
        return name > 0 && name < end && (doc.Flags[name] & (NerDocument.FCap | NerDocument.FDigit | NerDocument.FPunct)) == NerDocument.FCap;
    }

    private static readonly ulong s_chief = Hashing.Lower("chief"), s_executive = Hashing.Lower("executive");
    private static readonly HashSet<ulong> PriceVerbs = Hashes(new[]
    {
        "rose", "fell", "jumped", "gained", "lost", "slipped", "dropped", "eased", "climbed", "tumbled", "surged", "plunged", "slumped",
        "soared", "closed", "ended", "rallied", "firmed", "edged", "dipped", "sank", "advanced", "declined", "opened", "were", "have",
        "had", "are", "rise", "fall", "jump", "gain", "slip", "drop", "ease", "climb",
    });
    private static readonly HashSet<ulong> FirmOfficers = Hashes(new[] { "chairman", "chairwoman", "shareholders", "founder" });

    /// <summary>A sentence of the article has a score ("6-4") and a result verb or an opponent word ("beat", "over").</summary>
    private static bool IsMatchReport(NerDocument doc)
    {
        foreach (var sent in doc.Sentences)
        {
            bool score = false, result = false;
            for (int k = sent.FirstToken; k < sent.EndToken; k++)
            {
                if ((doc.Flags[k] & NerDocument.FDigit) != 0 && IsScore(doc.Tokens[k].Span(doc.Text))) score = true;
                else if (ResultVerbs.Contains(doc.Lower[k]) || Opponents.Contains(doc.Lower[k])) result = true;
            }
            if (score && result) return true;
        }
        return false;
    }

    /// <summary>Every word of s..e-1 is an English word in lower case in the dictionary ("Permitted Indebtedness" in a
    /// contract). Initials in capitals in a sentence in normal case are none, whatever they spell ("news agency [PAP]").</summary>
    private static bool AllDictionaryWords(TagContext ctx, int s, int e)
    {
        var doc = ctx.Doc;
        for (int k = s; k < e; k++)
        {
            if ((ctx.WordClass(k) & GazetteerClass.LowerWord) == 0) return false;
            if ((doc.Flags[k] & (NerDocument.FAllCaps | NerDocument.FHeadline)) == NerDocument.FAllCaps && doc.Tokens[k].Length is >= 2 and <= 5) return false;
        }
        return true;
    }

    private static bool IsScore(ReadOnlySpan<char> w)
    {
        int dash = w.IndexOf('-');
        return dash is 1 or 2 && w.Length - dash - 1 is 1 or 2 && IsNumber(w[..dash], 2) && IsNumber(w[(dash + 1)..], 2);
    }

    private static readonly HashSet<ulong> ResultVerbs = Hashes(new[]
    {
        "beat", "beats", "defeated", "defeats", "lost", "loses", "won", "wins", "drew", "draws", "edged", "thrashed", "crushed",
        "routed", "hammered", "trounced", "overcame", "downed", "blanked", "stunned", "upset",
        "beating", "losing", "defeating", "thrashing", "edging", "drawing",
    });

    /// <summary>What an institution does in the news: speaks, decides, sets rates.</summary>
    private static readonly HashSet<ulong> InstitutionVerbs = Hashes(new[]
    {
        "said", "says", "announced", "decided", "voted", "approved", "rejected", "warned", "denied", "urged", "raised",
        "cut", "lowered", "left", "kept", "agreed", "ruled", "confirmed", "issued", "reported", "intervened", "insisted",
    });

    private static readonly HashSet<ulong> OrgNouns = Hashes(new[]
    {
        "group", "party", "movement", "faction", "organisation", "organization", "firm", "company", "carmaker", "airline", "insurer",
        "bank", "broker", "brokerage", "retailer", "conglomerate", "union", "agency", "newspaper", "daily", "weekly", "magazine",
        "broadcaster", "network", "club", "side", "team", "band",
    });

    private static readonly HashSet<ulong> MarketPeople = Hashes(new[]
    {
        "analyst", "analysts", "economist", "economists", "strategist", "strategists", "dealer", "dealers", "trader", "traders",
        "broker", "brokers", "chartist", "chartists",
    });

    private static readonly HashSet<ulong> Opponents = Hashes(new[] { "against", "over", "v", "v.", "vs", "vs.", "versus", "hosts", "host" });

    /// <summary>A word of the dictionary, or a compound of them ("Left-arm", "Five-star", "Well-known").</summary>
    private static bool IsDictionaryWord(TagContext ctx, int k)
    {
        var doc = ctx.Doc;
        if ((ctx.WordClass(k) & GazetteerClass.LowerWord) != 0) return true;
        var w = doc.Tokens[k].Span(doc.Text);
        if (w.IndexOf('-') <= 0) return false;
        while (true)
        {
            int h = w.IndexOf('-');
            var part = h < 0 ? w : w[..h];
            if (part.Length == 0 || (ctx.Gazetteer.Lookup(Gazetteer.Extend(Gazetteer.SequenceSeed, Hashing.Lower(part))) & GazetteerClass.LowerWord) == 0) return false;
            if (h < 0) return true;
            w = w[(h + 1)..];
        }
    }
}
