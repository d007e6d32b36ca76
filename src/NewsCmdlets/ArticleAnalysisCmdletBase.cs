using System.Management.Automation;
using NewsCmdlets.Engine.Model;

namespace NewsCmdlets;

/// <summary>
/// What the cmdlets that analyse articles (Get-NewsEntity, Get-NewsQuote) share besides their -InputObject and -Text:
/// article files to read and analyse. Files piped from Get-ChildItem bind -LiteralPath through their PSPath (before
/// -Text could take them as their path string), so <c>Get-ChildItem *.txt | Get-NewsEntity</c> reads each file.
/// </summary>
public abstract class ArticleAnalysisCmdletBase : NewsCmdletBase
{
    protected const string ArticleSet = "InputObject";
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";
    protected const string TextSet = "Text";

    /// <summary>Article files to read (as Import-NewsArticle reads them) and analyse; wildcards allowed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Article files, taken literally (no wildcards). Binds the PSPath of Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>
    /// How many articles (or texts) are analysed at the same time, each on its own thread (default: the number of
    /// processors). Output keeps the input order; 1 analyses one at a time on the pipeline thread.
    /// </summary>
    [Parameter]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>The articles of this input: <paramref name="inputObject"/> (nulls reported), or the files of -Path or -LiteralPath read.</summary>
    protected IEnumerable<NewsArticle> InputArticles(NewsArticle[] inputObject) => ParameterSetName switch
    {
        PathSet => ReadArticleFiles(Path, literal: false),
        LiteralPathSet => ReadArticleFiles(LiteralPath, literal: true),
        _ => NonNullArticles(inputObject, "InputObject"),
    };
}
