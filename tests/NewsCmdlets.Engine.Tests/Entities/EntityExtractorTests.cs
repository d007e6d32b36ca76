using System.Diagnostics;
using System.Text;
using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets.Engine.Tests.Entities;

/// <summary>The whole entity pass on an invented article, bad input, and the shared seeds when present.</summary>
public sealed class EntityExtractorTests
{
    private const string Story =
        "Ferry crews strike in Corvale as talks with Brightwater Lines collapse\n\n" +
        "Ferry crews in Corvale walked off the job on Saturday, the operator Brightwater Lines said.\n" +
        "Tomas Reyne, a senior organiser at the Maritime Workers Guild, said the crews had waited eleven months for an offer.\n" +
        "The Harbour Safety Board (HSB) said it would inspect the boats. The HSB has closed the port twice since 2019.\n" +
        "Council leader Edith Namara said about 3,400 residents were cut off. Namara asked the Canadian owners to return to talks.\n" +
        "The last strike, in August last year, lasted nine days.";

    private static NewsArticle Article(string text, DateTimeOffset? published = null) => new()
    {
        Id = "0123456789abcdef",
        Title = text.Split('\n')[0],
        Body = string.Join('\n', text.Split('\n').Skip(2)),
        Published = published ?? new DateTimeOffset(2025, 10, 18, 8, 0, 0, TimeSpan.Zero),
        Outlet = "The Corvale Tide",
        Language = "en",
    };

    [Theory]
    [InlineData("Dunmere ferry crews walk out, stranding island commuters\n\nDUNMERE — Ferry crews on the Dunmere–Skerry Island route walked off the job on Saturday morning, leaving about 1,200 commuters stranded on the island, the operator Northsea Lines said.\nThe crews want a pay rise.", "Dunmere", 3)]
    [InlineData("Flooding closes the valley road\n\nPORT ELLIS (NPA) — Flooding closed the valley road on Monday, the police said. Port Ellis schools shut early.\nThe river rose overnight.", "Port Ellis", 2)]
    public void A_dateline_the_tagger_misses_names_a_place_also_where_the_article_writes_it_again(string text, string place, int mentions)
    {
        var r = new EntityExtractor().Extract(Article(text));
        var e = Assert.Single(r.Entities, x => x.Name == place);
        Assert.Equal(NewsEntityType.Location, e.Type);
        Assert.Equal(mentions, e.Mentions);
    }

    [Fact]
    public void A_common_word_in_capitals_before_a_dash_is_no_dateline()
    {
        var r = new EntityExtractor().Extract(Article("Council votes on the budget\n\nUPDATE — The council voted on Monday to cut the budget, the clerk said.\nThe vote was close."));
        Assert.DoesNotContain(r.Entities, x => x.Name.Equals("Update", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_heading_in_capitals_before_a_comma_is_no_dateline()
    {
        var r = new EntityExtractor().Extract(Article("Council votes on the budget\n\nThe council voted on Monday to cut the budget, the clerk said.\n" +
                                                      "WHAT SAY YOU, COUNCILLORS?\nThe vote was close, and the mayor said she would appeal."));
        Assert.DoesNotContain(r.Entities, x => x.Name.Contains("Say", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Finds_people_with_descriptions_and_merges_short_forms()
    {
        var r = new EntityExtractor().Extract(Article(Story));
        var reyne = r.Entities.Single(e => e.Name == "Tomas Reyne");
        Assert.Equal(NewsEntityType.Person, reyne.Type);
        Assert.Equal("a senior organiser at the Maritime Workers Guild", reyne.Description);
        Assert.Equal("The Corvale Tide", reyne.Outlet);
        Assert.Equal("0123456789abcdef", reyne.ArticleId);

        var namara = r.Entities.Single(e => e.Name == "Edith Namara");
        Assert.Equal(2, namara.Mentions);
        Assert.Contains("Namara", namara.Forms);
        Assert.Equal("Council leader", namara.Description);
        Assert.Equal("Edith Namara; Namara", namara.Forms.ToString());
    }

    [Fact]
    public void Acronyms_defined_in_brackets_merge_with_their_expansion()
    {
        var r = new EntityExtractor().Extract(Article(Story));
        var board = r.Entities.Single(e => e.Forms.Contains("HSB"));
        Assert.Equal("Harbour Safety Board", board.Name);
        Assert.Equal(NewsEntityType.Organization, board.Type);
        Assert.Equal(3, board.Mentions);
    }

    [Fact]
    public void Dates_and_quantities_are_resolved_against_the_article()
    {
        var r = new EntityExtractor().Extract(Article(Story));
        var aug = r.Entities.Single(e => e.Type == NewsEntityType.Date && e.Name == "August last year");
        Assert.Equal("2024-08", aug.Value);
        Assert.Equal(DateGranularity.Month, aug.Granularity);
        Assert.Equal("2025-10-18", r.Entities.Single(e => e.Name == "Saturday").Value);
        var residents = r.Entities.Single(e => e.Type == NewsEntityType.Quantity && e.Number == 3400);
        Assert.True(residents.Approximate);
        Assert.Equal("people", residents.Unit);
        Assert.Contains(r.Entities, e => e.Type == NewsEntityType.Group && e.Name == "Canadian");
    }

    [Fact]
    public void Mention_offsets_point_at_the_text_in_its_field()
    {
        var a = Article(Story);
        var r = new EntityExtractor().Extract(a);
        Assert.NotEmpty(r.Mentions);
        foreach (var m in r.Mentions)
        {
            string field = m.Field == "Title" ? a.Title! : a.Body;
            Assert.Equal(m.Text, field.Substring(m.Offset, m.Length).Replace('\n', ' '));
        }
        Assert.Contains(r.Mentions, m => m.Field == "Title" && m.Text == "Corvale");
    }

    [Fact]
    public void Empty_text_gives_nothing_and_no_warning()
    {
        var x = new EntityExtractor();
        Assert.Empty(x.ExtractText("").Entities);
        Assert.Empty(x.ExtractText("   \n ").Warnings);
        Assert.Empty(x.Extract(new NewsArticle { Body = "" }).Entities);
    }

    [Fact]
    public void Text_in_capitals_or_without_capitals_is_flagged_as_unreliable()
    {
        var x = new EntityExtractor();
        var upper = x.ExtractText(Story.ToUpperInvariant());
        Assert.Contains(upper.Warnings, w => w.Contains("capitals"));
        var lower = x.ExtractText(Story.ToLowerInvariant());
        Assert.Contains(lower.Warnings, w => w.Contains("capitals"));
    }

    [Fact]
    public void Non_English_text_is_flagged()
    {
        var r = new EntityExtractor().ExtractText("Le maire de Corvale a dit que les traversées reprendront lundi. Les équipages sont en grève depuis samedi et la ville est isolée.");
        Assert.Contains(r.Warnings, w => w.Contains("'fr'"));
    }

    [Fact]
    public void A_five_megabyte_sentence_is_processed_in_linear_time_with_a_warning()
    {
        var sb = new StringBuilder(5_000_000);
        var words = new[] { "the", "crew", "of", "Corvale", "waited", "for", "Tomas", "Reyne", "and", "about", "40", "boats" };
        for (int i = 0; sb.Length < 5_000_000; i++) sb.Append(words[i % words.Length]).Append(' ');
        var sw = Stopwatch.StartNew();
        var r = new EntityExtractor().ExtractText(sb.ToString());
        Assert.True(r.TokenCount > 800_000);
        Assert.Contains(r.Warnings, w => w.Contains("without sentence punctuation"));
        Assert.Contains(r.Entities, e => e.Name == "Tomas Reyne");
    }

    [Fact]
    public void Corpus_scope_merges_entities_across_articles()
    {
        var x = new EntityExtractor();
        var a = x.Extract(Article("Talks resume\n\nPresident Oren Jae-sun met Mira Calder in Corvale on Monday. Oren said the talks went well."));
        var b = x.Extract(new NewsArticle
        {
            Id = "fedcba9876543210", Title = "Oren visits Corvale", Outlet = "Valley Evening Post", Language = "en",
            Body = "President Oren Jae Sun visited Corvale on Monday, his office said.", Published = new DateTimeOffset(2025, 10, 18, 0, 0, 0, TimeSpan.Zero),
        });
        var merged = EntityExtractor.MergeCorpus(new[] { a, b });
        var oren = merged.Single(e => e.Type == NewsEntityType.Person && e.Forms.Contains("Oren Jae Sun"));
        Assert.Contains("Oren Jae-sun", oren.Forms);
        Assert.Equal(2, oren.ArticleCount);
        Assert.Equal("The Corvale Tide; Valley Evening Post", oren.Outlet);
        var corvale = merged.Single(e => e.Name == "Corvale");
        Assert.Equal(2, corvale.ArticleCount);
    }

    private static string? SeedsDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NewsCmdlets.sln"))) dir = dir.Parent;
        if (dir == null) return null;
        string seeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "seeds"));
        return Directory.Exists(seeds) && Directory.GetFiles(seeds, "*.txt").Length > 0 ? seeds : null;
    }

    [Fact]
    public void Seeds_yield_names_only_from_the_story_merge_the_president_and_resolve_august_last_year()
    {
        string? seeds = SeedsDir();
        if (seeds == null) return; // shared/ is not beside this checkout
        var x = new EntityExtractor();
        var results = new List<ArticleEntities>();
        foreach (var f in Directory.GetFiles(seeds, "*.txt").Order())
        {
            var article = ArticleReader.ReadFile(f, new ArticleReadOptions()).Article;
            var r = x.Extract(article);
            results.Add(r);
            string story = $"{article.Title}\n{article.Standfirst}\n{article.Body}";
            foreach (var e in r.Entities)
                Assert.Contains(e.Forms, form => story.Contains(form.Replace("\n", " ")) || story.Replace('\n', ' ').Contains(form));
            // Nothing from the removed page chrome: every mention lies in the story's own fields.
            Assert.All(r.Mentions, m => Assert.Contains(m.Field, new[] { "Title", "Standfirst", "Body" }));
        }
        var merged = EntityExtractor.MergeCorpus(results);
        var persons = merged.Where(e => e.Type == NewsEntityType.Person && e.ArticleCount == 2).ToList();
        Assert.Contains(persons, p => p.Forms.Count(f => f.Replace('-', ' ').Equals("Lee Jae Myung", StringComparison.OrdinalIgnoreCase)) == 2);
        Assert.Contains(results.SelectMany(r => r.Entities), e => e.Type == NewsEntityType.Date && e.Name == "August last year" && e.Value == "2024-08");
    }

    [Fact]
    public void A_dateline_in_capitals_is_named_in_title_case_and_acronyms_keep_their_capitals()
    {
        var r = new EntityExtractor().ExtractText("VELLMOUTH, Kestria — The tram depot will close next spring, the transport board said.\n\nNATO said its exercise near the port would go ahead.");
        var names = r.Entities.Select(e => e.Name).ToList();
        Assert.Contains("Vellmouth", names);
        Assert.DoesNotContain("VELLMOUTH", names);
        Assert.Contains("NATO", names);
    }
}
