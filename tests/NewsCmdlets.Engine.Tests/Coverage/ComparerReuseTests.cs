using NewsCmdlets.Engine.Coverage;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Model;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Tests.Coverage;

/// <summary>
/// What the comparison keeps or shares to allocate less (its per-article tables, kept for the next story; the body,
/// decoded once; a thread's strings of words read before) changes no row. Invented outlets, people and places.
/// </summary>
public sealed class ComparerReuseTests
{
    private static NewsStory Ferry() => CoverageComparerTests.Story(
        CoverageComparerTests.Article("f1", "Harrowgate Post", "Ferry crews strike in Westmere",
            "WESTMERE — Ferry crews of Holmgate Lines walked out on Monday, stranding 4,200 passengers, union leader Marta Ilves said.\n"
            + "\"We warned the company for months,\" Ilves said. The strike is the third this year, according to the Westmere port authority."),
        CoverageComparerTests.Article("f2", "Vellmouth Courier", "Holmgate Lines strike strands 4,500",
            "Crews of Holmgate Lines stopped work on Monday in Westmere, leaving about 4,500 passengers stranded.\n"
            + "Marta Ilves, who leads the crews' union, told the Courier the company had ignored them. The port authority said talks would resume on Wednesday."));

    private static NewsStory Quake() => CoverageComparerTests.Story(
        CoverageComparerTests.Article("q1", "Orrin Evening Star", "Quake shakes Kestria",
            "A magnitude 5.8 earthquake struck near Morrabeth in Kestria on Sunday at a depth of 10 km, the Kestrian Seismic Office said.\n"
            + "Mayor Edda Holm said 12 homes were damaged and two people were hurt."),
        CoverageComparerTests.Article("q2", "Tarnby Herald", "Morrabeth quake damages homes",
            "The 5.8-magnitude quake hit Morrabeth on Sunday, damaging 14 homes, Mayor Edda Holm told reporters.\n"
            + "The Kestrian Seismic Office put its depth at 8 km. \"We were lucky,\" Holm said."),
        CoverageComparerTests.Article("q3", "Vellmouth Courier", "Kestria quake",
            "An earthquake of magnitude 5.8 shook Morrabeth in Kestria on Sunday; officials said two people were injured."));

    /// <summary>Every row of a comparison, every column, as text.</summary>
    private static List<string> Rows(CoverageComparison c)
    {
        static string Pairs(FieldSources f) => string.Join("; ", f.Select(kv => kv.Key + "=" + kv.Value));
        var rows = c.Items.Select(i => string.Join(" | ", i.Kind, i.Key, i.Type, i.Status, i.Outlets, i.MissingFrom, i.Detail, Pairs(i.Values),
            i.Differing, Pairs(i.Sentences), Pairs(i.Times))).ToList();
        rows.AddRange(c.Summary.Select(s => string.Join(" | ", s.Outlet, s.Articles, s.Words, s.Entities, s.UniqueEntities, s.Quotes, s.Sources,
            s.SharedFactShare, s.Similarity, s.Hedges, s.IsCopy)));
        rows.AddRange(c.Matrix.Select(m => m.Entity + " | " + m.Type + " | " + string.Join(",", m.Counts.Select(kv => kv.Key + "=" + kv.Value))));
        rows.AddRange(c.Warnings);
        return rows;
    }

    [Fact]
    public void A_comparer_that_compared_other_stories_gives_the_rows_a_new_comparer_gives()
    {
        // Its per-article tables (names looked up, entity counts, first sentences) are emptied and kept for the next
        // story: nothing one story put in them may reach another's rows.
        var used = new CoverageComparer();
        used.Compare(Quake());
        Assert.True(used.KeptTables > 0);
        used.Compare(Ferry());
        used.Compare(Quake());
        var again = Rows(used.Compare(Ferry()));
        var fresh = Rows(new CoverageComparer().Compare(Ferry()));
        Assert.Contains(again, r => r.StartsWith("Entity | Marta Ilves", StringComparison.Ordinal));
        Assert.Equal(fresh, again);
        Assert.Equal(Rows(new CoverageComparer().Compare(Quake())), Rows(used.Compare(Quake())));
    }

    [Fact]
    public void An_article_read_with_its_body_decoded_once_gives_what_reading_the_article_gives()
    {
        var a = Quake().Articles[0];
        string body = a.Body;
        var extractor = new EntityExtractor();
        static IEnumerable<string> Mentions(ArticleEntities e) => e.Mentions.Select(m => $"{m.Name}|{m.Type}|{m.Field}|{m.Offset}|{m.Length}|{m.Sentence}|{m.Value}");
        Assert.Equal(Mentions(extractor.Extract(a)), Mentions(extractor.Extract(a, body, CancellationToken.None)));
        var shape = ClaimableText.Of(a);
        var shared = ClaimableText.Of(a, body);
        for (int offset = 0; offset < body.Length; offset++)
            Assert.Equal(shape.Claimable("Body", offset, null), shared.Claimable("Body", offset, null));
    }

    [Fact]
    public void A_token_from_the_word_pool_is_the_text_of_the_token_and_one_string_for_a_word_read_again()
    {
        string text = "Marta Ilves of Holmgate Lines met the Oster\u00ADhagen council; Ilves said Holmgate Lines would sail on Monday.";
        var tokens = Tokenizer.Tokenize(text);
        for (int i = 0; i < tokens.Count; i++)
            Assert.Equal(Tokenizer.Text(text, tokens, i), Tokenizer.Word(text, tokens, i));
        // A soft hyphen is left out of the word, as Text leaves it out.
        Assert.Contains(Enumerable.Range(0, tokens.Count), i => Tokenizer.Word(text, tokens, i) == "Osterhagen");
        var ilves = Enumerable.Range(0, tokens.Count).Where(i => tokens[i].Span(text).SequenceEqual("Ilves")).ToList();
        Assert.Equal(2, ilves.Count);
        Assert.Same(Tokenizer.Word(text, tokens, ilves[0]), Tokenizer.Word(text, tokens, ilves[1]));
    }

    [Fact]
    public void A_statement_read_before_is_known_by_its_joined_words_as_the_joined_string_knew_it()
    {
        // The claim reader's set of statements read keys each by its kind, words and sentence as one joined string did,
        // without making the string: keys that join into one string are one key, whatever their parts.
        var cmp = ClaimReader.StatedComparer.Instance;
        var pairs = new (ClaimReader.Stated A, ClaimReader.Stated B)[]
        {
            (new("Quantity", "4,200", "Crews stranded 4,200 passengers."), new("Quantity", "4,200", "Crews stranded 4,200 passengers.")),
            (new("Quantity", "4,200", "Crews stranded 4,200 passengers."), new("Quantity", "4,500", "Crews stranded 4,500 passengers.")),
            (new("Quantity", "12", "Morrabeth lost 12 homes."), new("Money", "12", "Morrabeth lost 12 homes.")),
            (new("time", "a|b", "c"), new("time", "a", "b|c")),
            (new("age", "Marta Ilves", null), new("age", "Marta Ilves", "")),
            (new("age", "Ilves", "Ilves, 52, said."), new("age", "Ilves", "Ilves, 53, said.")),
        };
        foreach (var (a, b) in pairs)
        {
            bool joined = Join(a) == Join(b);
            Assert.Equal(joined, cmp.Equals(a, b));
            if (joined) Assert.Equal(cmp.GetHashCode(a), cmp.GetHashCode(b));
        }
        Assert.True(cmp.Equals(pairs[3].A, pairs[3].B));
        static string Join(ClaimReader.Stated s) => s.Kind + "|" + s.Text + "|" + s.Sentence;
    }
}
