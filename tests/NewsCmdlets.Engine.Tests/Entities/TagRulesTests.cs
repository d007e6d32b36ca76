using NewsCmdlets.Engine.Entities;
using NewsCmdlets.Engine.Entities.Tagging;
using NewsCmdlets.Engine.Entities.Tagging.Rules;

namespace NewsCmdlets.Engine.Tests.Entities;

/// <summary>The families of rules: one ordered list runs them all, and a family can be tried on tags written by hand,
/// without the model (lines we wrote, one sentence a line, tokens at spaces).</summary>
public sealed class TagRulesTests
{
    [Fact]
    public void Every_family_runs_from_the_ordered_list_under_its_class_name()
    {
        var families = typeof(ITagRule).Assembly.GetTypes().Where(t => typeof(ITagRule).IsAssignableFrom(t) && !t.IsInterface).ToList();
        var listed = TagRules.InOrder.Select(r => r.GetType()).ToHashSet();
        Assert.All(families, t => Assert.Contains(t, listed)); // a family written but not listed would never run
        Assert.All(TagRules.Families.Where(r => r is not LabelPropagation), r => Assert.Equal(r.GetType().Name, r.Name));
        Assert.Equal(TagRules.Families.Count(), TagRules.Families.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Initials_the_model_left_untagged_are_an_organisation_but_not_common_initials()
    {
        var (doc, tags) = Tagged("Talks with the NFA resumed on Monday .", "GDP rose 2 percent .", "Officials met in Westmere .");
        Apply(new Initials(), doc, tags);
        Assert.Equal(new[] { "ORG:NFA" }, Names(doc, tags));
    }

    [Fact]
    public void A_name_does_not_end_in_a_lower_case_word()
    {
        var (doc, tags) = Tagged("The uncapped Holmgate flanker scored twice .");
        tags[2] = 3; tags[3] = 4; // the model's "[Holmgate flanker]"
        Apply(new LowerCaseTails(), doc, tags);
        Assert.Equal(new[] { "ORG:Holmgate" }, Names(doc, tags));
    }

    [Fact]
    public void A_title_before_a_persons_name_is_no_part_of_it()
    {
        var (doc, tags) = Tagged("Judge Ada Ruiz adjourned the hearing .");
        tags[0] = 1; tags[1] = 2; tags[2] = 2; // the model's "[Judge Ada Ruiz]"
        Apply(new PersonNames(), doc, tags);
        Assert.Equal(new[] { "PER:Ada Ruiz" }, Names(doc, tags));
    }

    private static void Apply(ITagRule rule, NerDocument doc, int[] tags)
    {
        var context = new TagContext(Gazetteer.Shared);
        context.Start(doc, tags);
        rule.Apply(context);
    }

    /// <summary>A document of the lines with every tag O.</summary>
    private static (NerDocument, int[]) Tagged(params string[] lines)
    {
        var doc = NerTestText.Document(lines);
        return (doc, new int[doc.Tokens.Count]);
    }

    private static List<string> Names(NerDocument doc, int[] tags) => NerTestText.Names(doc, tags);
}
