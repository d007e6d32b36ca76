using NewsCmdlets.Bench.Harness;
using NewsCmdlets.Engine.Ingest;

namespace NewsCmdlets.Bench.Stages;

/// <summary>Import-NewsArticle's path for text files: ArticleReader.ReadFile (read, decode, parse, chrome removal).</summary>
public sealed class TextImportStage : CorpusStage
{
    public override string Name => "text-import";
    public override int Order => 10;
    public override string Measures => "ArticleReader.ReadFile on each generated .txt article (read, decode, TextArticleParser), one thread";
    protected override bool Html => false;

    private static readonly ArticleReadOptions Options = new() { Now = StageContext.Now };

    protected override bool Process(string path, int headlineHash, Checks checks)
    {
        try
        {
            var a = ArticleReader.ReadFile(path, Options).Article;
            checks.Hit("check:titleMatches", Same(a.Title, headlineHash), a.Title ?? "(none)");
            checks.Hit("check:publishedFound", a.Published != null);
            checks.Hit("check:authorOrAgencyFound", a.Authors.Count > 0 || a.Agency != null);
            checks.Hit("check:bodyOver100Words", a.WordCount > 100);
            return true;
        }
        catch (InputProblemException)
        {
            return false;
        }
    }
}
