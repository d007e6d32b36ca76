namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>
/// A family of rules that reads one convention of news copy (datelines, result lines, titles before names …) and
/// corrects the model's tags by it. The tagger runs the families in the order of <see cref="TagRules.InOrder"/>, after
/// decoding; each one file in this folder, named after the convention, opening with what the convention is.
/// </summary>
internal interface ITagRule
{
    /// <summary>The family's name (its file's), by which tools/NerTrainer's ablation switches it off.</summary>
    string Name { get; }

    /// <summary>Corrects the tags of one document (<see cref="TagContext.Tags"/>: B- tags odd, I- tags even, 0 is O).</summary>
    void Apply(TagContext c);
}
