
namespace NewsCmdlets.Engine.Model;

/// <summary>
/// An article's paragraphs when they are exactly the lines of its body (what every reader makes: the body is the
/// paragraphs joined by "\n"): a view over the body instead of a second copy of its text. The lines are split when
/// first indexed or enumerated and kept; <see cref="Count"/> and <see cref="TextList.ToString"/> need no split.
/// </summary>
internal sealed class BodyLines : ReadOnlyStringList
{
    /// <summary>The body, packed (<see cref="Utf8Body"/>): a string or its UTF-8.</summary>
    private readonly object _source;
    private string[]? _items;
    private readonly int _count;

    private BodyLines(object source)
    {
        _source = source;
        _count = Utf8Body.CountLines(source);
    }

    /// <summary>The body the lines are split from.</summary>
    public string Body => Utf8Body.Unpack(_source);

    /// <summary>The lines of a body packed by <see cref="Utf8Body.Pack(string)"/> (what <see cref="NewsArticle"/> keeps), split when first used.</summary>
    internal static TextList OfPacked(object packed) => new(new BodyLines(packed), "\n");

    /// <summary>Whether these are the lines of the packed body <paramref name="packed"/>.</summary>
    internal bool IsOver(object packed) => Utf8Body.SameText(_source, packed);

    /// <summary>
    /// Paragraphs as a <see cref="TextList"/> separated by "\n": a view over <paramref name="body"/> when they are its
    /// lines, whole and in order (none holds a line break, the body is them joined by "\n"), else a list of them.
    /// </summary>
    public static TextList Paragraphs(string body, IList<string> paragraphs) =>
        AreLinesOf(body, paragraphs) ? new TextList(new BodyLines(body), "\n") : new TextList(paragraphs, "\n");

    /// <summary>The lines of <paramref name="body"/> (split on "\n"), split when first used.</summary>
    public static TextList LinesOf(string body) => new(new BodyLines(body), "\n");

    /// <summary>
    /// True when <paramref name="paragraphs"/> are the lines of <paramref name="body"/>: the body is not empty and is
    /// them joined by "\n", and none holds a line break. (An empty body is no paragraph or one empty one: ambiguous.)
    /// A view over this very body answers without splitting it.
    /// </summary>
    public static bool AreLinesOf(string body, IEnumerable<string> paragraphs)
    {
        if (paragraphs is TextList { Inner: BodyLines list }) paragraphs = list;
        if (paragraphs is BodyLines view) return Utf8Body.IsText(view._source, body);
        if (body.Length == 0) return false;
        int at = 0, seen = 0;
        foreach (var p in paragraphs)
        {
            if (seen++ > 0)
            {
                if (at >= body.Length || body[at] != '\n') return false;
                at++;
            }
            if (p.Length > body.Length - at || p.Contains('\n') || string.CompareOrdinal(body, at, p, 0, p.Length) != 0) return false;
            at += p.Length;
        }
        return seen > 0 && at == body.Length;
    }

    private string[] Items
    {
        get
        {
            var items = Volatile.Read(ref _items);
            if (items != null) return items;
            Interlocked.CompareExchange(ref _items, Body.Split('\n'), null);
            return _items!;
        }
    }

    public override string this[int index] =>
        (uint)index < (uint)_count ? Items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public override int Count => _count;
    public override int IndexOf(string item) => Array.IndexOf(Items, item);
    public override void CopyTo(string[] array, int arrayIndex) => Items.CopyTo(array, arrayIndex);
    public override IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Items).GetEnumerator();
}
