namespace NewsCmdlets.Engine.Text;

/// <summary>
/// The news agencies (wire services) whose credit lines appear in syndicated copy, with their usual names.
/// A credit that names one of them is the article's agency, never an author.
/// </summary>
public static class WireAgencies
{
    private static readonly (string Canonical, string[] Forms)[] Table =
    {
        ("The Associated Press", new[] { "AP", "Associated Press", "The Associated Press" }),
        ("Reuters", new[] { "Reuters", "Thomson Reuters" }),
        ("Agence France-Presse", new[] { "AFP", "Agence France-Presse", "Agence France Presse", "AFP news agency" }),
        ("Bloomberg", new[] { "Bloomberg", "Bloomberg News" }),
        ("dpa", new[] { "dpa", "Deutsche Presse-Agentur" }),
        ("Yonhap", new[] { "Yonhap", "Yonhap News Agency" }),
        ("Kyodo News", new[] { "Kyodo", "Kyodo News" }),
        ("Jiji Press", new[] { "Jiji", "Jiji Press" }),
        ("Xinhua", new[] { "Xinhua", "Xinhua News Agency" }),
        ("PA Media", new[] { "PA", "PA Media", "Press Association", "PA Wire" }),
        ("The Canadian Press", new[] { "CP", "Canadian Press", "The Canadian Press" }),
        ("Australian Associated Press", new[] { "AAP", "Australian Associated Press" }),
        ("United Press International", new[] { "UPI", "United Press International" }),
        ("ANSA", new[] { "ANSA" }),
        ("EFE", new[] { "EFE", "Agencia EFE" }),
        ("Europa Press", new[] { "Europa Press" }),
        ("Press Trust of India", new[] { "PTI", "Press Trust of India" }),
        ("Asian News International", new[] { "ANI", "Asian News International" }),
        ("IANS", new[] { "IANS", "Indo-Asian News Service" }),
        ("TASS", new[] { "TASS", "ITAR-TASS" }),
        ("Interfax", new[] { "Interfax" }),
        ("RIA Novosti", new[] { "RIA Novosti", "RIA" }),
        ("Anadolu Agency", new[] { "Anadolu", "Anadolu Agency", "AA" }),
        ("Bernama", new[] { "Bernama" }),
        ("Antara", new[] { "Antara" }),
        ("NTB", new[] { "NTB" }),
        ("Ritzau", new[] { "Ritzau" }),
        ("TT News Agency", new[] { "TT", "TT News Agency" }),
        ("Belga", new[] { "Belga" }),
        ("APA", new[] { "APA", "Austria Presse Agentur" }),
        ("Keystone-SDA", new[] { "SDA", "Keystone-SDA" }),
        ("Lusa", new[] { "Lusa" }),
        ("ANP", new[] { "ANP" }),
        ("CNA", new[] { "Central News Agency" }),
        ("Dow Jones Newswires", new[] { "Dow Jones", "Dow Jones Newswires" }),
    };

    private static readonly Dictionary<string, string> ByForm = BuildIndex();

    private static Dictionary<string, string> BuildIndex()
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (canonical, forms) in Table)
        {
            foreach (var f in forms) d[f] = canonical;
            d[canonical] = canonical;
        }
        return d;
    }

    /// <summary>Short forms (AP, PA, CP, TT, AA …) must match case-sensitively to avoid ordinary words.</summary>
    public static bool TryResolve(string? text, out string canonical)
    {
        canonical = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        string t = text.Trim().Trim('(', ')', '.', ',', '—', '–', '-', ' ');
        if (t.StartsWith("the ", StringComparison.OrdinalIgnoreCase) && !ByForm.ContainsKey(t)) t = t[4..];
        foreach (var suffix in new[] { " news agency", " newswire", " wire service", " wire" })
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && ByForm.ContainsKey(t[..^suffix.Length])) t = t[..^suffix.Length];
        }
        if (!ByForm.TryGetValue(t, out var c)) return false;
        if (t.Length <= 3 && !t.All(ch => char.IsUpper(ch) || ch == '-') && t != "dpa") return false;
        canonical = c;
        return true;
    }
}
