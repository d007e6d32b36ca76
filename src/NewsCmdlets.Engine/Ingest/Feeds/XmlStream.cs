using System.Xml;
using System.Xml.Linq;

namespace NewsCmdlets.Engine.Ingest.Feeds;

/// <summary>
/// A feed's XML read forward once: the elements a parser needs built as <see cref="XElement"/>s one at a time (the
/// feed's head, then each item, which is dropped once read), everything else skipped. Building is iterative, stops at
/// <see cref="FeedReadOptions.MaximumDepth"/> and checks for cancellation as it goes; what the reader throws becomes
/// the feed's <see cref="FeedException"/>, saying how far the feed was read. Reading an XDocument instead would keep
/// the whole feed in memory and costs time that grows with the square of the nesting.
/// </summary>
internal sealed class XmlStream : IDisposable
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly XmlReader _r;
    private readonly long _maximumBytes;
    private readonly CancellationToken _cancel;
    private int _nodes;
    private int _items;

    public XmlStream(XmlReader reader, string source, long maximumBytes, CancellationToken cancel)
    {
        _r = reader;
        Source = source;
        _maximumBytes = maximumBytes;
        _cancel = cancel;
    }

    public string Source { get; }

    /// <summary>Where problems found while the items are read go (the feed's warnings).</summary>
    public List<string>? LateWarnings { get; set; }

    /// <summary>The name of the element the reader is on.</summary>
    public XName Name => XNamespace.Get(_r.NamespaceURI).GetName(_r.LocalName);

    public bool Is(string localName, XNamespace ns) => _r.LocalName == localName && _r.NamespaceURI == ns.NamespaceName;

    /// <summary>Moves to the root element.</summary>
    public void MoveToRoot()
    {
        try
        {
            if (_r.MoveToContent() != XmlNodeType.Element)
                throw new FeedException(FeedProblemKind.Malformed, Source, $"'{Source}' has no root element.");
        }
        catch (XmlException ex)
        {
            _r.Dispose();
            throw FeedParser.XmlError(ex, Source, _maximumBytes);
        }
        catch (FeedException)
        {
            _r.Dispose();
            throw;
        }
    }

    /// <summary>The element the reader is on, with its attributes and without its children (an ancestor kept for xml:base and xml:lang).</summary>
    public XElement Shell()
    {
        try
        {
            return ShellOf();
        }
        catch (XmlException ex)
        {
            throw Translate(ex);
        }
    }

    private XElement ShellOf()
    {
        var e = new XElement(Name);
        if (_r.MoveToFirstAttribute())
        {
            do
            {
                if (_r.NamespaceURI == XmlnsNamespace)
                    e.Add(new XAttribute(_r.Prefix.Length == 0 ? XNamespace.None + "xmlns" : XNamespace.Xmlns + _r.LocalName, _r.Value));
                else
                    e.SetAttributeValue(XNamespace.Get(_r.NamespaceURI).GetName(_r.LocalName), _r.Value);
            }
            while (_r.MoveToNextAttribute());
            _r.MoveToElement();
        }
        return e;
    }

    /// <summary>
    /// Moves to the next child element of <paramref name="parent"/>'s element (the reader is on its start tag, or on
    /// the last node of a child read before); false, with the reader on the parent's end tag, when there is none.
    /// </summary>
    public bool MoveToChild(XElement parent)
    {
        int depth = DepthOf(parent);
        if (_r.Depth == depth && _r.NodeType == XmlNodeType.Element && _r.IsEmptyElement) return false;
        if (_r.Depth == depth && _r.NodeType == XmlNodeType.EndElement) return false;
        while (Read())
        {
            if (_r.NodeType == XmlNodeType.Element && _r.Depth == depth + 1) return true;
            if (_r.Depth <= depth) return false;
        }
        return false;
    }

    private static int DepthOf(XElement e)
    {
        int d = 0;
        for (var p = e.Parent; p != null; p = p.Parent) d++;
        return d;
    }

    /// <summary>Leaves the element the reader is on: the reader ends on its end tag (or on it, when it is empty).</summary>
    public void SkipSubtree()
    {
        if (_r.NodeType != XmlNodeType.Element || _r.IsEmptyElement) return;
        int depth = _r.Depth;
        while (Read())
            if (_r.Depth == depth && _r.NodeType == XmlNodeType.EndElement) return;
    }

    /// <summary>Reads what is left of the document, so that XML that is not well-formed at its end is reported.</summary>
    public void ReadToEnd()
    {
        while (Read()) { }
    }

    /// <summary>
    /// The element the reader is on with everything in it (the reader ends on its end tag), or null when it nests
    /// deeper than <see cref="FeedReadOptions.MaximumDepth"/> (it is skipped then).
    /// </summary>
    public XElement? BuildOrNull()
    {
        try
        {
            return Build();
        }
        catch (XmlException ex)
        {
            throw Translate(ex); // the reader reads text and attribute values when they are asked for
        }
    }

    private XElement? Build()
    {
        int start = _r.Depth;
        var root = ShellOf();
        if (_r.IsEmptyElement) return root;
        var current = root;
        while (Read())
        {
            switch (_r.NodeType)
            {
                case XmlNodeType.Element:
                    if (_r.Depth > FeedReadOptions.MaximumDepth)
                    {
                        SkipTo(start);
                        return null;
                    }
                    var child = ShellOf();
                    current.Add(child);
                    if (!_r.IsEmptyElement) current = child;
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    current.Add(new XText(_r.Value));
                    break;
                case XmlNodeType.CDATA:
                    current.Add(new XCData(_r.Value));
                    break;
                case XmlNodeType.EndElement:
                    if (_r.Depth == start) return root;
                    current = current.Parent!;
                    break;
            }
        }
        return root; // not reached: the reader throws at an early end
    }

    private void SkipTo(int depth)
    {
        while (Read())
            if (_r.Depth == depth && _r.NodeType == XmlNodeType.EndElement) return;
    }

    /// <summary>Builds the item the reader is on and reads it with <paramref name="parse"/> under <paramref name="parent"/> (for xml:base).</summary>
    public FeedEntry Item(XElement parent, int position, Func<XElement, FeedEntry> parse) =>
        Item(parent, BuildOrNull(), position, parse);

    /// <summary>Reads an item built before (null: it nested too deeply) under <paramref name="parent"/>, then drops it.</summary>
    public FeedEntry Item(XElement parent, XElement? item, int position, Func<XElement, FeedEntry> parse)
    {
        _items = position;
        if (item == null)
            return new FeedEntry
            {
                Position = position,
                Problem = $"Item {position} of '{Source}' nests elements more than {FeedReadOptions.MaximumDepth} deep, so it was not read. " +
                          "Real feeds never do; the feed may be damaged or hostile.",
            };
        parent.Add(item);
        try
        {
            return parse(item);
        }
        finally
        {
            item.Remove();
        }
    }

    private bool Read()
    {
        if ((++_nodes & 1023) == 0) _cancel.ThrowIfCancellationRequested();
        try
        {
            return _r.Read();
        }
        catch (XmlException ex)
        {
            throw Translate(ex);
        }
    }

    private FeedException Translate(XmlException ex) => FeedParser.XmlError(ex, Source, _maximumBytes, _items > 0 ? $"after item {_items}" : null);

    public void Dispose() => _r.Dispose();
}
