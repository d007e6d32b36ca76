using System.Text;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Html;

namespace NewsCmdlets.Engine.Tests.Hostile;

/// <summary>
/// Pages and text built to hurt (issue 30, items 7 and 8, and the preparer's model of nesting), and the encodings of
/// issue 28: generated here, each read into an article, a warning or a per-input problem.
/// </summary>
public sealed class TextAndPageHostileTests
{
    private static readonly ArticleReadOptions Options = new() { Now = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) };

    private static string Rep(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static readonly string Story = "<p>" + Rep("Ferry crews on the Westmere route walked out at dawn over pay. ", 12) + "</p>";

    // The preparer flattens markup nested beyond its limit before parsing (tree building costs the square of the
    // depth). End tags the parser ignores must not lower its count: 80,000 "<div></span>" took 36 s to parse.

    [Theory]
    [InlineData("<div></span>")]          // an end tag with nothing of its name open
    [InlineData("<div/>")]                // the slash does not close a div in HTML
    [InlineData("<div><table></div>")]    // the div is out of scope behind the table
    [InlineData("<b><div></b>")]          // a formatting element misnested across a block is moved, not closed
    public void End_tags_the_parser_ignores_do_not_hide_nesting(string unit)
    {
        var warnings = new List<string>();
        string prepared = HtmlPreparer.Prepare("<html><body>" + Rep(unit, 5_000) + Story + "</body></html>", warnings, new List<string>());
        Assert.Contains(warnings, w => w.Contains("nests elements") && w.Contains($"below depth {HtmlPreparer.MaxDepth}"));
        Assert.Contains("Ferry crews", prepared);
    }

    [Fact]
    public void Markup_that_closes_what_it_opens_is_left_as_it_is()
    {
        string html = "<html><body>" + Rep("<div><p><span>Crews <b>walked</b> out</p></div><ul><li><a href='/x'>x</a></ul>", 3_000) + "</body></html>";
        var warnings = new List<string>();
        Assert.Same(html, HtmlPreparer.Prepare(html, warnings, new List<string>()));
        Assert.Empty(warnings);
    }

    // Found by the fuzzer: the parser appends each piece of a text run (pieces end at character references) to its
    // text node by copying it, so 20,000 "&amp;" in one paragraph took seconds.

    [Fact]
    public void A_run_of_text_in_thousands_of_pieces_is_split_for_the_parser_and_reads_the_same()
    {
        string paragraph = Rep("Tom &amp; Jerry &#8217;s ferry ", 3_000);
        string html = $"<html><body><h1>Ferry</h1><p>{paragraph}</p>{Story}</body></html>";
        var decisions = new List<string>();
        string prepared = HtmlPreparer.Prepare(html, new List<string>(), decisions);
        Assert.Contains(decisions, d => d.Contains("pieces"));
        Assert.InRange(prepared.Split("<wbr>").Length - 1, 6_000 / HtmlPreparer.MaxPiecesPerTextNode - 1, 6_000 / HtmlPreparer.MaxPiecesPerTextNode + 1);
        var article = ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(html), "amp.html", null, null, Options).Article;
        Assert.StartsWith("Tom & Jerry ’s ferry Tom & Jerry ’s ferry", article.Body);
        Assert.Contains(System.Net.WebUtility.HtmlDecode(paragraph).Trim(), article.Body);
    }

    [Theory]
    [InlineData("<script>", "if(a<b)c();", "</script>")]
    [InlineData("<style>", "a<b{c:d}", "</style>")]
    [InlineData("<title>", "a<b ", "</title>")]
    [InlineData("<p>", "a < b ", "</p>")]
    public void Thousands_of_less_than_signs_in_a_run_are_bounded_for_the_parser(string open, string unit, string close)
    {
        string html = $"<html><head>{(open is "<p>" ? "" : open + Rep(unit, 5_000) + close)}</head><body><h1>Ferry</h1>{(open is "<p>" ? open + Rep(unit, 5_000) + close : "")}{Story}</body></html>";
        var decisions = new List<string>();
        string prepared = HtmlPreparer.Prepare(html, new List<string>(), decisions);
        Assert.Contains(decisions, d => d.Contains("5,000 pieces"));
        if (open is "<p>") Assert.Contains("<wbr>", prepared);
        else Assert.Contains(unit.Replace('<', '‹'), prepared);
        Assert.Contains("Ferry crews", ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(html), "lt.html", null, null, Options).Article.Body);
    }

    [Fact]
    public void Text_in_svg_is_not_split()
    {
        string html = "<html><body><svg><text>" + Rep("a&amp;", 1_000) + "</text></svg>" + Story + "</body></html>";
        Assert.DoesNotContain("<wbr>", HtmlPreparer.Prepare(html, new List<string>(), new List<string>()));
    }

    [Fact]
    public void A_page_of_stray_end_tags_is_read()
    {
        var article = ArticleReader.ReadBytes(Encoding.UTF8.GetBytes("<html><body>" + Rep("<div></span>", 20_000) + Story + "</body></html>"), "stray.html", null, null, Options).Article;
        Assert.Contains("Ferry crews", article.Body);
    }

    // Found by the fuzzer: a credit line with a 100,000-character token took minutes ("\S+@" of the noise pattern
    // tried at every position is quadratic in the backtracking engine).

    [Fact]
    public void The_credit_noise_pattern_runs_in_linear_time_and_still_strips_what_it_did()
    {
        var noise = (System.Text.RegularExpressions.Regex)typeof(NewsCmdlets.Engine.Ingest.Text.TextArticleParser)
            .GetField("Noise", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        Assert.True(noise.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));
        string text = "Westmere ferry crews walk out\n\nBy Jonah Pike, jonah@courier.example, follow him on Chirp\n\n" + Rep("Crews walked out at dawn over pay. ", 10);
        Assert.Equal(new[] { "Jonah Pike" }, ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(text), "credit.txt", null, null, Options).Article.Authors);
        string hostile = "Westmere ferry crews walk out\n\nBy Jonah Pike, " + new string('r', 100_000) + " Northsea Press Agency\n\n" + Rep("Crews walked out at dawn over pay. ", 10);
        Assert.Contains("Crews walked out", ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(hostile), "credit.txt", null, null, Options).Article.Body);
    }

    // Found by the fuzzer: a front-matter line whose value holds a long run of spaces before more text took minutes
    // (a lazy value followed by trailing spaces tried every split of the run).

    [Fact]
    public void A_front_matter_line_with_a_long_run_of_spaces_runs_in_linear_time_and_reads_as_before()
    {
        var line = (System.Text.RegularExpressions.Regex)typeof(NewsCmdlets.Engine.Ingest.Text.TextArticleParser)
            .GetField("FrontMatterLine", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        Assert.True(line.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));
        var m = line.Match("Title:   Ferry crews walk out   ");
        Assert.Equal(("Title", "Ferry crews walk out"), (m.Groups["key"].Value, m.Groups["value"].Value));
        Assert.False(line.Match("Title:").Groups["value"].Success);
        string text = "Title: Ferry " + new string(' ', 150_000) + "crews\nOutlet: Northsea Press\n\n" + Rep("Crews walked out at dawn over pay. ", 10);
        var article = ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(text), "spaces.txt", null, null, Options).Article;
        Assert.Equal("Northsea Press", article.Outlet);
        Assert.Contains("Crews walked out", article.Body);
    }

    [Fact]
    public void Json_ld_with_lone_surrogate_escapes_and_control_characters_is_read()
    {
        string html = "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"Ferry \\ud800 strike\\u0000\",\"author\":{\"name\":\"Ines \\udc00Marr\"}}</script></head>" +
                      $"<body><h1>Ferry</h1>{Story}</body></html>";
        var article = ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(html), "ld.html", null, null, Options).Article;
        Assert.Equal("Ferry \uFFFD strike", article.Title);
    }

    // Item 7: javascript:, data: and malformed addresses went into Url from canonical links, og:url and front matter.

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>x</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://exa mple.example/story")]
    public void A_page_that_gives_itself_an_address_that_is_no_web_address_gets_none(string href)
    {
        string html = $"<html><head><title>Ferry</title><link rel='canonical' href='{System.Net.WebUtility.HtmlEncode(href)}'></head><body><h1>Ferry</h1>{Story}</body></html>";
        var article = ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(html), "page.html", null, null, Options).Article;
        Assert.Null(article.Url);
        Assert.Contains(article.Warnings, w => w.Contains("canonical link") && w.Contains("left out of Url"));
    }

    [Fact]
    public void A_refused_canonical_link_gives_way_to_og_url()
    {
        string html = "<html><head><title>Ferry</title><link rel='canonical' href='javascript:void(0)'><meta property='og:url' content='https://courier.example/ferry'></head>" +
                      $"<body><h1>Ferry</h1>{Story}</body></html>";
        var article = ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(html), "page.html", null, null, Options).Article;
        Assert.Equal("https://courier.example/ferry", article.Url);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:,hello")]
    [InlineData("not an address")]
    public void A_front_matter_url_that_is_no_web_address_is_left_out_with_a_warning(string value)
    {
        string text = $"Title: Ferry crews walk out\nURL: {value}\n\n" + Rep("Ferry crews on the Westmere route walked out at dawn over pay. ", 5);
        var article = ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(text), "story.txt", null, null, Options).Article;
        Assert.Null(article.Url);
        Assert.Contains(article.Warnings, w => w.Contains("URL:") && w.Contains("left out of Url"));
    }

    [Fact]
    public void A_front_matter_url_that_is_a_web_address_is_kept()
    {
        string text = "Title: Ferry crews walk out\nURL: https://courier.example/ferry\n\n" + Rep("Ferry crews on the Westmere route walked out at dawn over pay. ", 5);
        Assert.Equal("https://courier.example/ferry", ArticleReader.ReadBytes(Encoding.UTF8.GetBytes(text), "story.txt", null, null, Options).Article.Url);
    }

    // Item 8: encodings told by BOM and NUL only: UTF-16 without a BOM and UTF-32 BE with one were BinaryFile, one NUL
    // in the first 8 KiB refused a whole input, a NUL after it stayed in Body, a lying <meta> made mojibake.

    private const string Text = "Westmere ferry crews walk out\n\nCrews on the Westmere–Carrow Island route walked out at dawn, the union said. Café owners on the quay feared for the summer.";

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32LE")]
    [InlineData("utf-32BE")]
    public void Wide_unicode_without_a_byte_order_mark_is_recognised(string name)
    {
        var enc = name switch
        {
            "utf-16LE" => Encoding.Unicode,
            "utf-16BE" => Encoding.BigEndianUnicode,
            "utf-32LE" => new UTF32Encoding(false, false),
            _ => new UTF32Encoding(true, false),
        };
        var d = TextDecoder.Decode(enc.GetBytes(Text), "wide.txt");
        Assert.Equal(Text, d.Text);
        Assert.StartsWith(name, d.EncodingName);
        var article = ArticleReader.ReadBytes(enc.GetBytes("<html><body><h1>Ferry</h1>" + Story + "</body></html>"), "wide.html", null, null, Options).Article;
        Assert.Contains("Ferry crews", article.Body);
    }

    [Fact]
    public void Utf32_big_endian_with_a_byte_order_mark_is_read()
    {
        var enc = new UTF32Encoding(true, true);
        Assert.Equal(Text, TextDecoder.Decode(enc.GetPreamble().Concat(enc.GetBytes(Text)).ToArray(), "be.txt").Text);
    }

    [Fact]
    public void A_page_served_as_utf_16le_without_a_mark_is_a_page()
    {
        byte[] page = Encoding.Unicode.GetBytes("<!doctype html><html><head><title>Ferry</title></head><body><h1>Ferry</h1>" + Story + "</body></html>");
        var article = ArticleReader.ReadBytes(page, "https://courier.example/a", "text/html; charset=utf-16le", new Uri("https://courier.example/a"), Options).Article;
        Assert.Contains("Ferry crews", article.Body);
    }

    [Fact]
    public void A_stray_nul_does_not_refuse_the_input_and_is_removed_wherever_it_is()
    {
        string text = Text + "\n\n" + Rep("The strike went on into the evening. ", 300);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bytes[40] = 0;                 // in the first 8 KiB
        bytes[bytes.Length - 10] = 0;  // after it
        var d = TextDecoder.Decode(bytes, "nul.txt");
        Assert.DoesNotContain('\0', d.Text);
        Assert.Contains(d.Warnings, w => w.Contains("2 control character(s)") && w.Contains("nul.txt"));
        var article = ArticleReader.ReadBytes(bytes, "nul.txt", null, null, Options).Article;
        Assert.DoesNotContain('\0', article.Body);
        Assert.DoesNotContain('\0', article.Title!);
    }

    [Fact]
    public void A_nul_in_a_page_does_not_refuse_it()
    {
        byte[] page = Encoding.UTF8.GetBytes("<html><body><h1>Ferry</h1>" + Story + "</body></html>");
        page[8] = 0;
        var article = ArticleReader.ReadBytes(page, "nul.html", null, null, Options).Article;
        Assert.Contains("Ferry crews", article.Body);
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A }, "PDF")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, "image")]
    public void Binary_files_are_still_refused_by_their_signature(byte[] head, string kind)
    {
        var ex = Assert.Throws<InputProblemException>(() => TextDecoder.Decode(head.Concat(Encoding.ASCII.GetBytes(Rep("text ", 500))).ToArray(), "file.bin"));
        Assert.Equal(InputProblemKind.Binary, ex.Kind);
        Assert.Contains(kind, ex.Message);
    }

    [Fact]
    public void A_meta_charset_that_lies_about_valid_utf8_is_overruled_with_a_warning()
    {
        string html = "<html><head><meta charset='shift_jis'><title>Café</title></head><body><h1>Café “quay”</h1>" + Story + "</body></html>";
        var warnings = new List<string>();
        string text = HtmlDecoder.Decode(Encoding.UTF8.GetBytes(html), null, out string name, warnings);
        Assert.Contains("Café “quay”", text);
        Assert.StartsWith("utf-8", name);
        Assert.Contains(warnings, w => w.Contains("shift_jis") && w.Contains("valid UTF-8"));
    }

    [Fact]
    public void A_true_legacy_charset_is_still_honoured()
    {
        var sjis = CodePagesEncodingProvider.Instance.GetEncoding("shift_jis")!;
        string html = "<html><head><meta charset='shift_jis'></head><body><p>日本の港</p></body></html>";
        var warnings = new List<string>();
        Assert.Contains("日本の港", HtmlDecoder.Decode(sjis.GetBytes(html), null, out _, warnings));
        Assert.Empty(warnings);
    }

    // Issue 28: -Encoding (the names Get-Content takes) and Windows-1252 for text that is not UTF-8.

    [Fact]
    public void A_named_encoding_decodes_text_and_pages_without_a_mark()
    {
        var cyrillic = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;
        const string title = "Паром остановлен";
        var options = new ArticleReadOptions { Now = Options.Now, Encoding = cyrillic };
        var text = ArticleReader.ReadBytes(cyrillic.GetBytes(title + "\n\n" + Rep("Экипажи парома вышли на забастовку. ", 10)), "ru.txt", null, null, options).Article;
        Assert.Equal(title, text.Title);
        // Over a page's own declaration too.
        string page = $"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1><p>{Rep("Экипажи парома вышли на забастовку. ", 10)}</p></body></html>";
        var html = ArticleReader.ReadBytes(cyrillic.GetBytes(page), "ru.html", null, null, options).Article;
        Assert.Equal(title, html.Title);
        // A byte-order mark still decides.
        var marked = ArticleReader.ReadBytes(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(title + "\n\n" + Rep("Экипажи парома. ", 10))).ToArray(), "bom.txt", null, null, options).Article;
        Assert.Equal(title, marked.Title);
    }
}
