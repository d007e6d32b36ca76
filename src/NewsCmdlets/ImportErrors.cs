using System.Management.Automation;
using NewsCmdlets.Engine.Ingest;
using NewsCmdlets.Engine.Ingest.Web;

namespace NewsCmdlets;

/// <summary>The ErrorId and category of each problem an input to Import-NewsArticle (or a file read by path) can have.</summary>
internal static class ImportErrors
{
    /// <summary>A file or text that is not an article.</summary>
    public static (string ErrorId, ErrorCategory Category) Classify(InputProblemKind kind, bool fromFile) => kind switch
    {
        InputProblemKind.NotFound => ("PathNotFound", ErrorCategory.ObjectNotFound),
        InputProblemKind.IsDirectory => ("PathIsDirectory", ErrorCategory.InvalidArgument),
        InputProblemKind.Empty => (fromFile ? "EmptyFile" : "EmptyContent", ErrorCategory.InvalidData),
        InputProblemKind.Binary => ("BinaryFile", ErrorCategory.InvalidData),
        InputProblemKind.TooLarge => ("FileTooLarge", ErrorCategory.LimitsExceeded),
        InputProblemKind.Unreadable => ("FileUnreadable", ErrorCategory.ReadError),
        InputProblemKind.NoArticle => ("NotAnArticle", ErrorCategory.InvalidData),
        _ => ("ImportFailed", ErrorCategory.NotSpecified),
    };

    /// <summary>A downloaded page that is not an article.</summary>
    public static (string ErrorId, ErrorCategory Category) ClassifyWeb(InputProblemKind kind) => kind switch
    {
        InputProblemKind.Empty => ("EmptyResponse", ErrorCategory.InvalidData),
        InputProblemKind.Binary => ("NotHtml", ErrorCategory.InvalidData),
        InputProblemKind.TooLarge => ("ResponseTooLarge", ErrorCategory.LimitsExceeded),
        _ => Classify(kind, fromFile: false),
    };

    /// <summary>
    /// A download that failed (not one cancelled by the user): the ErrorId, category and the exception to report, which
    /// for a fault this module did not foresee (ImportFailed) names the address <paramref name="name"/>.
    /// </summary>
    public static (string ErrorId, ErrorCategory Category, Exception Reported) ForDownload(Exception error, string name)
    {
        switch (error)
        {
            case WebFetchException wex:
                var (id, category) = NewsCmdletBase.ClassifyWebError(wex, "ResponseTooLarge");
                return (id, category, wex);
            case InputProblemException ipx:
                var (pid, pcategory) = ClassifyWeb(ipx.Kind);
                return (pid, pcategory, ipx);
            default:
                return ("ImportFailed", ErrorCategory.NotSpecified, new InvalidOperationException($"Importing '{name}' failed: {error.Message}", error));
        }
    }
}
