namespace NewsCmdlets.Engine.Text;

/// <summary>
/// Tells the language of a text from its script and, for Latin-script text, from its most frequent function words.
/// Returns an ISO 639-1 code, or null when there is too little text to tell.
/// </summary>
public static class LanguageDetector
{
    private static readonly (string Code, HashSet<string> Words)[] Profiles =
    {
        ("en", Set("the of and to in is that for it was on with as by he said at from his an be are has have were this which not but they")),
        ("fr", Set("le la les de des et un une est que dans pour qui sur au aux du pas par plus ne ce il elle sont avec été")),
        ("de", Set("der die das und ist nicht ein eine zu den von mit sich des auf für im dem als auch es wird sie bei")),
        ("es", Set("el la los las de y que en un una es por con para del se al lo como más pero sus le ha fue")),
        ("it", Set("il la di che e un una per non sono del della con si le gli al è nel anche da più ha")),
        ("pt", Set("o a os as de e que em um uma do da para com não se por mais dos das foi ao na no")),
        ("nl", Set("de het een en van is dat op te in niet zijn voor met die er aan ook als bij door")),
        ("sv", Set("och att det som en är på för av med till den har inte om ett var jag men")),
        ("da", Set("og at det som en er på for af med til den har ikke om et var jeg men de")),
        ("pl", Set("i w na z że się nie do to jest jak po co ale od przez dla był")),
        ("tr", Set("ve bir bu da de için ile olan çok gibi daha ne ama olarak")),
        ("id", Set("yang dan di dari ini itu dengan untuk tidak dalam akan pada adalah juga ke")),
    };

    private static HashSet<string> Set(string words) => new(words.Split(' '), StringComparer.Ordinal);

    public static string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var span = text.AsSpan(0, Math.Min(text.Length, 20000));

        int letters = 0, hangul = 0, kana = 0, han = 0, cyrillic = 0, arabic = 0, hebrew = 0, greek = 0, thai = 0, devanagari = 0;
        foreach (char c in span)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (c >= 0xAC00 && c <= 0xD7AF || c >= 0x1100 && c <= 0x11FF) hangul++;
            else if (c >= 0x3040 && c <= 0x30FF) kana++;
            else if (c >= 0x4E00 && c <= 0x9FFF) han++;
            else if (c >= 0x0400 && c <= 0x04FF) cyrillic++;
            else if (c >= 0x0600 && c <= 0x06FF) arabic++;
            else if (c >= 0x0590 && c <= 0x05FF) hebrew++;
            else if (c >= 0x0370 && c <= 0x03FF) greek++;
            else if (c >= 0x0E00 && c <= 0x0E7F) thai++;
            else if (c >= 0x0900 && c <= 0x097F) devanagari++;
        }
        if (letters < 20) return null;
        double share(int n) => n / (double)letters;
        if (share(hangul) > 0.3) return "ko";
        if (share(kana) > 0.1) return "ja";
        if (share(han) > 0.3) return "zh";
        if (share(cyrillic) > 0.3) return Cyrillic(span);
        if (share(arabic) > 0.3) return "ar";
        if (share(hebrew) > 0.3) return "he";
        if (share(greek) > 0.3) return "el";
        if (share(thai) > 0.3) return "th";
        if (share(devanagari) > 0.3) return "hi";

        var counts = new int[Profiles.Length];
        int words = 0;
        foreach (var w in Words(span))
        {
            words++;
            for (int i = 0; i < Profiles.Length; i++)
                if (Profiles[i].Words.Contains(w)) counts[i]++;
        }
        if (words < 5) return null;
        int best = -1, bestCount = 0, second = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] > bestCount) { second = bestCount; best = i; bestCount = counts[i]; }
            else if (counts[i] > second) second = counts[i];
        }
        // A tie, or a verdict resting on one or two function words ("a", "e"), is no verdict.
        if (best < 0 || bestCount == second || bestCount < 3) return null;
        return bestCount * 20 >= words ? Profiles[best].Code : null;
    }

    private static string Cyrillic(ReadOnlySpan<char> span)
    {
        int uk = 0;
        foreach (char c in span) if (c is 'і' or 'ї' or 'є' or 'ґ') uk++;
        return uk > 3 ? "uk" : "ru";
    }

    private static IEnumerable<string> Words(ReadOnlySpan<char> span)
    {
        var list = new List<string>();
        int start = -1;
        for (int i = 0; i <= span.Length; i++)
        {
            bool letter = i < span.Length && char.IsLetter(span[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                if (i - start <= 12) list.Add(span[start..i].ToString().ToLowerInvariant());
                start = -1;
                if (list.Count >= 3000) break;
            }
        }
        return list;
    }
}
