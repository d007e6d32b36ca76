using System.Text.RegularExpressions;

namespace NewsCmdlets.Engine.Text;

/// <summary>Line shapes of news copy shared by the text and HTML readers.</summary>
internal static class NewsPatterns
{
    private const RegexOptions Rx = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>"SEOUL, South Korea (AP) — …", "NEW YORK, Oct 19 (Reuters) - …", "WESTMERE — …": place in capitals, optional
    /// region, month and day (groups mon, day) and agency. After an agency the text may follow the dash without a space
    /// ("(Reuters) -A gunman …"), as copies of wire pages often have it.</summary>
    public static readonly Regex Dateline = new(
        @"^(?<place>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,4})(?:,\s*(?<region>[A-Z][\p{L}'’.\-]*(?:\s+[A-Z][\p{L}'’.\-]*){0,3}))?(?:,?\s+(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?<day>\d{1,2}))?\s*(?:\((?<agency>[^()]{1,40})\)\s*(?:—|–|--|-|:)(?:\s+\S|(?=[\p{Lu}\d""“‘']))|(?:—|–|--|-|:)\s+\S)",
        Rx);

    /// <summary>"(Reuters) - …", "(Reuters) -A …": a dateline with only the agency.</summary>
    public static readonly Regex AgencyOnlyDateline = new(@"^\((?<agency>[^()]{1,40})\)\s*(?:—|–|--|-)(?:\s+\S|(?=[\p{Lu}\d""“‘']))", Rx);
}
