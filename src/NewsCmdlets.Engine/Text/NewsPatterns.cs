using System.Text.RegularExpressions;

namespace NewsCmdlets.Engine.Text;

/// <summary>Line shapes of news copy shared by the text and HTML readers.</summary>
internal static class NewsPatterns
{
    private const RegexOptions Rx = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>"SEOUL, South Korea (AP) — …", "NEW YORK, Oct 19 (Reuters) - …", "WESTMERE — …": place in capitals, optional region, date and agency.</summary>
    public static readonly Regex Dateline = new(
        @"^(?<place>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,4})(?:,\s*(?<region>[A-Z][\p{L}'’.\-]*(?:\s+[A-Z][\p{L}'’.\-]*){0,3}))?(?:,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?\s*(?:\((?<agency>[^()]{1,40})\))?\s*(?:—|–|--|-|:)\s+\S",
        Rx);

    /// <summary>"(Reuters) - …": a dateline with only the agency.</summary>
    public static readonly Regex AgencyOnlyDateline = new(@"^\((?<agency>[^()]{1,40})\)\s*(?:—|–|--|-)\s+\S", Rx);
}
