using System.Globalization;
using System.Text;

namespace NewsCmdlets.Bench.Corpus;

public sealed record Person(string Name, string Surname, string Role);

/// <summary>
/// One invented news event: where and when, who (people with roles, organisations), numbers and quotes. Every
/// article about it is rendered from these facts, so coverage by several outlets shares names, numbers and quotes.
/// Generated from (seed, id) alone, so any story can be rebuilt without the others.
/// </summary>
public sealed class Story
{
    public int Id { get; private init; }
    public Topic Topic { get; private init; } = null!;
    public DateTime Date { get; private init; }
    public string City { get; private init; } = "";
    public string Region { get; private init; } = "";
    public Person[] People { get; private init; } = Array.Empty<Person>();
    public string[] Organisations { get; private init; } = Array.Empty<string>();
    public string[] Headlines { get; private init; } = Array.Empty<string>();
    public string[] Standfirsts { get; private init; } = Array.Empty<string>();
    public string[] Leads { get; private init; } = Array.Empty<string>();
    public string[] Facts { get; private init; } = Array.Empty<string>();
    public string[] Background { get; private init; } = Array.Empty<string>();
    /// <summary>Quote text and the index of its speaker in <see cref="People"/>.</summary>
    public (string Text, int Speaker)[] Quotes { get; private init; } = Array.Empty<(string, int)>();

    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string PlaceName(Rng r) => r.Pick(Vocabulary.PlaceHeads) + r.Pick(Vocabulary.PlaceTails);

    public static string PersonName(Rng r, out string surname)
    {
        surname = r.Pick(Vocabulary.SurnameHeads) + r.Pick(Vocabulary.SurnameTails);
        return r.Pick(Vocabulary.FirstNames) + " " + surname;
    }

    public static Story Generate(ulong seed, int id)
    {
        var r = Rng.For(seed, "story", id);
        var topic = r.Pick(Topic.All);
        var date = Epoch.AddDays(r.Next(700)).AddHours(r.Range(5, 20)).AddMinutes(r.Next(60));
        string city = PlaceName(r), place2;
        do place2 = PlaceName(r); while (place2 == city);
        string org = r.Pick(Vocabulary.OrgHeads) + " " + r.Pick(Vocabulary.OrgTails);
        string org2;
        do org2 = r.Pick(Vocabulary.OrgHeads) + " " + r.Pick(Vocabulary.OrgTails); while (org2 == org);
        string body = r.Pick(Vocabulary.Bodies), union = r.Pick(Vocabulary.Unions), party = r.Pick(Vocabulary.Parties);
        string region = r.Pick(Vocabulary.Regions);

        var slots = new Dictionary<string, string>
        {
            ["city"] = city, ["place2"] = place2, ["region"] = region, ["org"] = org, ["org2"] = org2,
            ["body"] = body, ["union"] = union, ["party"] = party,
            ["weekday"] = Vocabulary.Weekdays[((int)date.DayOfWeek + 6) % 7],
            ["date"] = Vocabulary.Months[date.Month - 1] + " " + date.Day.ToString(Inv),
            ["year"] = date.Year.ToString(Inv), ["prevyear"] = (date.Year - r.Range(2, 15)).ToString(Inv),
            ["year2"] = (date.Year + r.Range(1, 4)).ToString(Inv),
            ["n1"] = (r.Range(12, 480) * 25).ToString("N0", Inv), ["n2"] = r.Range(3, 240).ToString(Inv),
            ["n3"] = r.Range(11, 95).ToString(Inv),
            ["pct1"] = r.Range(6, 19).ToString(Inv) + " percent", ["pct2"] = r.Range(2, 5).ToString(Inv) + " percent",
            ["money"] = "$" + (r.Range(12, 990) / 10.0).ToString("0.0", Inv) + " million",
            ["money2"] = "$" + r.Range(150, 950).ToString(Inv) + ",000",
            ["days"] = Vocabulary.NumberWords[r.Range(2, 12)], ["hours"] = r.Range(6, 48).ToString(Inv),
            ["minute"] = Ordinal(r.Range(3, 44)),
        };
        int goals = r.Range(1, 4);
        slots["score"] = goals.ToString(Inv) + "-" + r.Range(0, goals - 1).ToString(Inv);
        var people = new Person[4];
        var used = new HashSet<string>();
        for (int i = 0; i < 4; i++)
        {
            string name, surname;
            do name = PersonName(r, out surname); while (!used.Add(surname));
            people[i] = new Person(name, surname, Fill(topic.Roles[i], slots, sentence: false));
            slots[$"p{i + 1}"] = name; slots[$"p{i + 1}l"] = surname; slots[$"p{i + 1}r"] = people[i].Role;
        }
        var quotes = new List<(string, int)>();
        var qi = r.Sample(topic.Quotes.Length, r.Range(2, 3));
        foreach (int q in qi) quotes.Add((Fill(topic.Quotes[q], slots), Math.Min(q, 3)));

        return new Story
        {
            Id = id, Topic = topic, Date = date, City = city, Region = region, People = people,
            Organisations = new[] { org, org2, CityBody(city, body), union },
            Headlines = topic.Headlines.Select(h => Fill(h, slots)).ToArray(),
            Standfirsts = topic.Standfirsts.Select(h => Fill(h, slots)).ToArray(),
            Leads = topic.Leads.Select(h => Fill(h, slots)).ToArray(),
            Facts = topic.Facts.Select(h => Fill(h, slots)).ToArray(),
            Background = topic.Background.Select(h => Fill(h, slots)).ToArray(),
            Quotes = quotes.ToArray(),
        };
    }

    private static string CityBody(string city, string body) => city + " " + body;

    public static string Fill(string template, IReadOnlyDictionary<string, string> slots, bool sentence = true)
    {
        var sb = new StringBuilder(template.Length + 32);
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                int end = template.IndexOf('}', i);
                string value = slots[template[(i + 1)..end]];
                // "the {region}" with a region that has its own article ("the Vell Coast")
                if (value.StartsWith("the ", StringComparison.Ordinal) && sb.Length >= 4 && sb.ToString(sb.Length - 4, 4).Equals("the ", StringComparison.OrdinalIgnoreCase))
                    value = value[4..];
                sb.Append(value);
                i = end;
            }
            else sb.Append(template[i]);
        }
        string s = sb.ToString();
        return sentence && s.Length > 0 && char.IsLower(s[0]) ? char.ToUpperInvariant(s[0]) + s[1..] : s;
    }

    private static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    /// <summary>A quote as a paragraph, attributed in one of the usual ways.</summary>
    public string QuoteParagraph((string Text, int Speaker) q, Rng r, bool firstMention)
    {
        var p = People[q.Speaker];
        return r.Next(4) switch
        {
            0 when firstMention => $"“{q.Text},” said {p.Name}, {p.Role}.",
            0 => $"“{q.Text},” {p.Surname} said.",
            1 => $"{(firstMention ? p.Name + ", " + p.Role + "," : p.Surname)} said: “{q.Text}.”",
            2 => $"“{q.Text},” {(firstMention ? p.Name : p.Surname)} told reporters.",
            _ => $"“{q.Text},” said {(firstMention ? p.Name : p.Surname)}.",
        };
    }
}
