using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Ingest;

namespace NewsCmdlets.Bench.Stages;

/// <summary>Import-NewsArticle's path for saved web pages: ArticleReader.ReadFile (read, sniff, decode, extract).</summary>
public sealed class HtmlExtractionStage : CorpusStage
{
    public override string Name => "html-extraction";
    public override int Order => 20;
    public override string Measures => "ArticleReader.ReadFile on each generated .html page (read, HTML sniffing, HtmlDecoder, HtmlArticleExtractor: body and metadata), one thread";
    protected override bool Html => true;

    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };

    protected override bool Process(string path, int headlineHash, Checks checks)
    {
        try
        {
            var a = ArticleReader.ReadFile(path, Options).Article;
            checks.Hit("check:titleMatches", Same(a.Title, headlineHash), a.Title ?? "(none)");
            checks.Hit("check:publishedFound", a.Published != null);
            checks.Hit("check:outletFound", a.Outlet != null);
            checks.Hit("check:authorOrAgencyFound", a.Authors.Count > 0 || a.Agency != null);
            checks.Hit("check:bodyOver100Words", a.WordCount > 100);
            return true;
        }
        catch (InputProblemException e)
        {
            // "'path' is a web page without an article (<reason>). Import …": keep the reason.
            int open = e.Message.IndexOf(" (", StringComparison.Ordinal), close = e.Message.LastIndexOf(").", StringComparison.Ordinal);
            checks.Hit("check:titleMatches", false, "not imported: " + (open > 0 && close > open ? e.Message[(open + 2)..close] : e.Message));
            return false;
        }
    }
}
