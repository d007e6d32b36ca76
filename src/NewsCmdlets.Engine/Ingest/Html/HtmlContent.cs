using System.Text;
using NewsCmdlets.Engine.Text;

namespace NewsCmdlets.Engine.Ingest.Html;

/// <summary>The story text chosen from a page, with what was set aside.</summary>
internal sealed class ContentSelection
{
    public int Container = -1;
    public readonly List<TextBlock> Body = new();
    public readonly List<string> Captions = new();
    public readonly List<string> Removed = new();
    public readonly List<TextBlock> Headings1 = new();
    public int ProseBlocks;
    public int ProseChars;
    public int LinkedHeadings;
    public int FirstBodyBlock = -1;
    /// <summary>The story is a few short lines in an element the page marks as its story (no prose anywhere else).</summary>
    public bool ShortStory;
}

/// <summary>
/// Chooses the story on a page. Every text block gets a value: prose (sentences, low link density) counts its
/// characters, link-heavy and short non-sentence blocks count against; elements add up their blocks' values bottom-up,
/// with chrome sub-trees (navigation, asides, related stories, share widgets, ads …) counting nothing. The element with
/// the highest total is the story's container (the deepest one on a tie); inside it, chrome sub-trees, link lists,
/// captions, the headline and byline/date lines are set aside, and headings, lists and quotes that belong to the
/// story stay.
/// </summary>
internal static class HtmlContent
{
    public const int MaxRemovedBlocks = 200;

    /// <summary>A caption's credit: "… (Image: Agency)", "(Photo by …)", "Photo: …" at the start.</summary>
    private static readonly System.Text.RegularExpressions.Regex CaptionCredit = Phrases(
        @"\((?:[^()]{0,40}\s)?(?:Image|Images|Photo|Photos|Photograph|Picture|Pic|Credit|Foto|Bild|Video|Illustration)s?\s*(?::|by)[^()]{1,80}\)\s*$|^(?:Photo|Image|Picture|Caption|Credit)s?\s*:\s");
    public const int MaxRemovedChars = 2000;

    public static ContentSelection Select(HtmlDom dom, List<string> decisions)
    {
        var sel = new ContentSelection();
        var nodes = dom.Nodes;
        var blocks = dom.Blocks;
        if (nodes.Count == 0 || blocks.Count == 0) return sel;

        foreach (var b in blocks) Evaluate(b, nodes);
        JudgeLinesAsParagraphs(blocks, nodes);

        // Raw prose per element, and the most prose held by a story-like (semantic or story-classed) element below it.
        var rawProse = new int[nodes.Count];
        var storyProse = new int[nodes.Count];
        int allProse = 0;
        foreach (var b in blocks)
            if (b.IsProse) { rawProse[b.Owner] += b.Text.Length; allProse += b.Text.Length; }
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            var n = nodes[i];
            if (n.Semantic || n.Hint == Hint.Positive && !n.IsChrome) storyProse[i] = Math.Max(storyProse[i], rawProse[i]);
            if (n.Parent < 0) continue;
            rawProse[n.Parent] += rawProse[i];
            storyProse[n.Parent] = Math.Max(storyProse[n.Parent], storyProse[i]);
        }
        LiftChromeThatHoldsTheStory(nodes, rawProse, storyProse, allProse, decisions);
        MarkTeaserLists(nodes, blocks, rawProse, allProse, decisions);
        // Each block's deepest chrome ancestor, now that some marks are lifted and teaser lists are marked.
        var nearestChrome = new int[nodes.Count];
        void FindChrome()
        {
            for (int i = 0; i < nodes.Count; i++)
                nearestChrome[i] = nodes[i].IsChrome ? i : nodes[i].Parent >= 0 ? nearestChrome[nodes[i].Parent] : -1;
            foreach (var b in blocks) b.Chrome = nearestChrome[b.Owner];
        }
        FindChrome();
        if (LiftDiscussion(nodes, blocks, rawProse, allProse, decisions)) FindChrome();
        TakeCaptionsAsTextOfAPageWithoutProse(blocks, nodes, decisions);

        // Bottom-up totals; chrome sub-trees add nothing to their ancestors.
        foreach (var n in nodes) { n.Score = 0; n.ProseChars = 0; }
        foreach (var b in blocks)
        {
            var o = nodes[b.Owner];
            o.Score += b.Value;
            if (b.IsProse) o.ProseChars += b.Text.Length;
        }
        for (int i = nodes.Count - 1; i > 0; i--)
        {
            var n = nodes[i];
            if (n.Parent < 0 || n.IsChrome) continue;
            nodes[n.Parent].Score += n.Score;
            nodes[n.Parent].ProseChars += n.ProseChars;
        }

        // Elements inside chrome are candidates only when nothing outside chrome holds prose.
        var inChrome = new bool[nodes.Count];
        bool anyOutside = false;
        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            inChrome[i] = n.IsChrome || n.Parent >= 0 && inChrome[n.Parent];
            if (!inChrome[i] && n.IsBlock && n.Score > 0) anyOutside = true;
        }
        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            if (!n.IsBlock || anyOutside && inChrome[i]) continue;
            double score = n.Score * (n.Semantic || n.Hint == Hint.Positive ? 1.25 : 1.0);
            // Deeper wins a tie: pre-order visits ancestors first, so >= keeps the deepest equal scorer in a chain.
            if (score > bestScore + 1e-6 || bestScore > 0 && Math.Abs(score - bestScore) <= 1e-6 && best >= 0 && IsAncestor(nodes, best, i))
            {
                best = i; bestScore = score;
            }
        }
        if (!anyOutside && bestScore < 400 && ShortStory(nodes, blocks, inChrome) is int shortStory and >= 0)
        {
            // No prose outside chrome and little inside, but the page marks an element as its story (article,
            // articleBody, entry-content) and it holds text: a story of a few short lines, not the cookie notice or
            // comment form beside it.
            best = shortStory;
            bestScore = Math.Max(bestScore, 1);
            sel.ShortStory = true;
            decisions.Add($"short story: no prose outside chrome; {Describe(nodes[best])} is marked as the story and holds text");
        }
        if (best < 0 || bestScore <= 0)
        {
            CollectRemoved(dom, sel, 0, blocks.Count, null);
            return sel;
        }

        var c = nodes[best];
        sel.Container = best;
        decisions.Add($"story container: {Describe(c)} ({bestScore:0} points, {c.ProseChars:N0} characters of prose)");
        // The runners-up, for -Verbose: elements that are not ancestors or descendants of the winner.
        var runners = new List<(double, int)>();
        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            if (!n.IsBlock || i == best || n.Score <= 0 || n.Score < bestScore * 0.2) continue;
            if (n.BlockStart < c.BlockEnd && n.BlockEnd > c.BlockStart) continue;
            runners.Add((n.Score, i));
        }
        foreach (var (s, i) in runners.OrderByDescending(r => r.Item1).Take(3))
            decisions.Add($"runner-up: {Describe(nodes[i])} ({s:0} points{(inChrome[i] ? ", inside chrome" : "")})");

        // Text before and after the container.
        CollectRemoved(dom, sel, 0, c.BlockStart, "outside the story container");

        var kept = new List<TextBlock>();
        int reportedLines = 0;
        void Drop(TextBlock b, string why)
        {
            AddRemoved(sel, b.Text);
            if (reportedLines++ < 40) decisions.Add($"removed line: {why} ({Preview(b.Text)})");
        }
        int reportedChrome = 0;
        int lastChrome = -2;
        bool keptProse = false;
        int keptBefore = -2;
        for (int k = c.BlockStart; k < c.BlockEnd; k++)
        {
            var b = blocks[k];
            string? why = null;
            if (b.Chrome >= 0 && nodes[b.Chrome].Depth > c.Depth)
            {
                why = nodes[b.Chrome].ChromeWhy ?? "chrome";
                if (b.Chrome != lastChrome && reportedChrome < 40)
                {
                    reportedChrome++;
                    decisions.Add($"removed {Describe(nodes[b.Chrome])}: {why} ({Preview(b.Text)})");
                }
                lastChrome = b.Chrome;
            }
            else if (b.Caption >= 0 && nodes[b.Caption].Depth >= c.Depth)
            {
                if (sel.Captions.Count < 200 && !sel.Captions.Contains(b.Text)) sel.Captions.Add(b.Text);
                continue;
            }
            else if (nodes[b.Owner].Cluster is int cl && cl >= 0 && nodes[cl].Depth > c.Depth && !b.IsProse)
            {
                why = "list of links";
                if (cl != lastChrome && reportedChrome < 40)
                {
                    reportedChrome++;
                    decisions.Add($"removed {Describe(nodes[cl])}: mostly links ({Preview(b.Text)})");
                }
                lastChrome = cl;
            }
            else if (b.Heading == 1 && (!keptProse || IsPageTitle(dom, b.Text)))
            {
                // The headline; an <h1> after the story has begun is one of its subheadings, unless it repeats the page's title.
                sel.Headings1.Add(b);
                continue;
            }
            else if (b.LinkDensity > 0.5 && b.Heading == 0 && !b.IsProse && !IsWrittenAddress(b))
                why = "link text";
            else if (b.Words < 60 && !b.InQuote && CaptionCredit.IsMatch(b.Text))
            {
                if (sel.Captions.Count < 200 && !sel.Captions.Contains(b.Text)) sel.Captions.Add(b.Text);
                continue;
            }
            else if ((b.Byline >= 0 && nodes[b.Byline].Depth > c.Depth && nodes[b.Byline].TextChars < 400 ||
                      b.Date >= 0 && nodes[b.Date].Depth > c.Depth && nodes[b.Date].TextChars < 400) && !b.IsProse)
                why = "byline or date line";
            else if (b.Byline >= 0 && nodes[b.Byline].Depth > c.Depth && nodes[b.Byline].TextChars <= 1500 && keptProse)
                why = "author box after the story";
            else if (IsConsentNotice(b))
                why = "cookie or consent notice";
            else if (IsReaderPitch(b))
                why = "call to subscribe, join or give";
            else if (IsDisclaimer(b))
                why = "disclaimer";
            else if (b.Words <= 7 && !b.InQuote && !b.InTable && b.Text.Length <= 80 && MoreOnThis.IsMatch(b.Text))
                why = "label of further reading";
            else if ((b.Words <= 30 && b.Text.Contains('©') || b.Words <= 80 && b.Text.TrimStart().StartsWith('©') || IsRightsNotice(b)) && !b.InQuote)
                why = "copyright or credit line";
            else if (b.Words <= 2 && b.Heading == 0 && !b.InListItem && !b.InQuote && !b.InTable && !b.IsProse &&
                     nodes[b.Owner].Tag is "div" or "section" or "aside" or "span" or "center" && !TextShape.EndsLikeSentence(b.Text))
                why = "label";
            if (why == null)
            {
                kept.Add(b);
                keptProse |= b.IsProse;
                keptBefore = k;
                continue;
            }
            // A label or heading straight before removed links ("Read more:", "More on this") introduced them: it goes too.
            if (keptBefore == k - 1 && kept.Count > 0 && (IntroducesRemoved(kept[^1], why) || PitchesCallToAction(kept[^1], b, nodes)))
            {
                Drop(kept[^1], "label of what was removed after it");
                kept.RemoveAt(kept.Count - 1);
            }
            else if (keptBefore == k - 1 && why == "link text" && PromoBoxBefore(kept, b, c, nodes) is int box and > 0)
            {
                for (int i = 0; i < box; i++) Drop(kept[kept.Count - 1 - i], "promo box: a heading and its pitch before a link");
                kept.RemoveRange(kept.Count - box, box);
            }
            keptBefore = -2;
            if (why is "link text" or "cookie or consent notice" or "call to subscribe, join or give" or "disclaimer" or "label of further reading" or "byline or date line" or "label" or "author box after the story" or "copyright or credit line") Drop(b, why);
            else AddRemoved(sel, b.Text);
        }

        TakeLeadAboveTheStory(dom, c, kept, sel, decisions);
        // An author box after the story, introduced by its label ("About the author", "Über die Autorin", "Zu den
        // Autoren:"): the label and the lines under it (to the next heading; three lines of at most 80 words) go.
        for (int i = 1; i < kept.Count; i++)
        {
            var b = kept[i];
            if (b.Words > 6 || b.InQuote || b.InListItem || !AboutTheAuthor.IsMatch(b.Text)) continue;
            bool storyBefore = false;
            for (int j = 0; j < i && !storyBefore; j++) storyBefore = kept[j].IsProse;
            if (!storyBefore) continue;
            int end = i + 1;
            while (end < kept.Count && end - i <= 3 && kept[end].Heading == 0 && kept[end].Words <= 80) end++;
            for (int j = i; j < end; j++) Drop(kept[j], "author box after the story");
            kept.RemoveRange(i, end - i);
            break;
        }
        // Leading lines before the first paragraph of prose that are not prose or headings: bylines, stamps, share labels.
        int firstProse = kept.FindIndex(b => b.IsProse);
        if (firstProse > 0)
        {
            for (int i = 0; i < firstProse; i++)
            {
                var b = kept[i];
                if (b.Heading > 0 || b.InListItem || b.InQuote) continue;
                if (b.Words <= 12 && !TextShape.EndsLikeSentence(b.Text) && !(nodes[b.Owner].Tag == "p" && b.LinkDensity < 0.3 && !HasDateOrTime(b.Text)))
                {
                    Drop(b, "short line before the story");
                    kept[i] = null!;
                }
            }
            kept.RemoveAll(b => b == null);
        }
        // Trailing lines after the last prose paragraph: headings with nothing under them, short labels.
        for (int i = kept.Count - 1; i >= 0; i--)
        {
            var b = kept[i];
            if (b.IsProse) break;
            if (b.Heading > 0 || !b.InListItem && b.Words <= 6 && !TextShape.EndsLikeSentence(b.Text) && !(i == kept.Count - 1 && i > 0 && kept[i - 1].Heading == 0 && IsSignOff(b.Text)))
            {
                Drop(b, b.Heading > 0 ? "heading after the story" : "short line after the story");
                kept.RemoveAt(i);
                continue;
            }
            break;
        }
        // A heading followed straight by another heading of the same or higher rank has nothing under it.
        for (int i = kept.Count - 1; i >= 0; i--)
        {
            var b = kept[i];
            if (b.Heading == 0) continue;
            bool orphan = i == kept.Count - 1 || kept[i + 1].Heading > 0 && kept[i + 1].Heading <= b.Heading;
            if (orphan) { Drop(b, "heading with nothing under it"); kept.RemoveAt(i); }
        }

        foreach (var b in kept)
        {
            sel.Body.Add(b);
            if (b.IsProse) { sel.ProseBlocks++; sel.ProseChars += b.Text.Length; }
        }
        // Linked headlines in the container (a sign of an index page), except those of chrome beside a story (teaser
        // lists, related and promoted stories). A linked heading of one or two words ("Archive", "Newsletter") is a
        // menu item set as a heading, not a story's headline.
        for (int k = c.BlockStart; k < c.BlockEnd; k++)
        {
            var b = blocks[k];
            if (b.Heading is >= 2 and <= 4 && b.LinkDensity > 0.6 && b.Words >= 3 && !(b.Chrome >= 0 && nodes[b.Chrome].Depth > c.Depth)) sel.LinkedHeadings++;
        }
        CollectRemoved(dom, sel, c.BlockEnd, blocks.Count, "outside the story container");
        return sel;
    }

    /// <summary>
    /// The story's opening paragraph in the headline's header: pages often put the headline, the first paragraph and
    /// the byline in a header of their own (a &lt;header&gt;, an element classed "header" or "teaser") and the rest of
    /// the story in another element. Walking back from the container to the page's headline (an &lt;h1&gt;, or a
    /// heading that repeats the page's title, at most 20 blocks above), a paragraph of prose of 25 words or more inside
    /// such a header, or marked as the standfirst outside chrome, is the story's first paragraph (a lead that long is
    /// the story's text even when the page calls it a summary); bylines, dates, captions and short lines between (of
    /// chrome too: a table of contents, a breadcrumb) are passed over. A short summary line or a subtitle set as a
    /// heading is the standfirst, not the story's text, and nothing is taken when no headline is found or a long block
    /// of other text lies between.
    /// </summary>
    private static void TakeLeadAboveTheStory(HtmlDom dom, DomNode c, List<TextBlock> kept, ContentSelection sel, List<string> decisions)
    {
        var blocks = dom.Blocks;
        var nodes = dom.Nodes;
        if (c.BlockStart <= 0 || sel.Headings1.Count > 0) return;
        List<TextBlock>? leads = null;
        bool headline = false;
        for (int k = c.BlockStart - 1; k >= 0 && k >= c.BlockStart - 20; k--)
        {
            var b = blocks[k];
            if (b.Heading == 1 || b.Heading > 1 && b.Words >= 3 && IsPageTitle(dom, b.Text)) { headline = true; break; }
            bool header = b.Chrome >= 0 && IsHeaderMark(nodes[b.Chrome]);
            if (b.Chrome >= 0 && !header)
            {
                // A stamp line ("by … 04.05.2021 - 17:40") is passed over like a short line.
                if (b.Words > 12 && !(b.Words <= 25 && b.LinkDensity < 0.5 && HasDateOrTime(b.Text))) break;
                continue;
            }
            bool marked = header || b.Chrome < 0 && b.Standfirst >= 0;
            if (marked && b.IsProse && b.Words >= 25 && b.Heading == 0 && b.Caption < 0 && b.LinkDensity < 0.3 && !b.InListItem && !b.InTable)
            {
                (leads ??= new()).Add(b);
                continue;
            }
            if (b.Words > 12 && b.Caption < 0) break;
        }
        if (!headline || leads == null || leads.Count > 3) return;
        leads.Reverse();
        string firstKept = kept.Count > 0 ? TextShape.Normalise(kept[0].Text) : "";
        int taken = 0;
        foreach (var b in leads)
        {
            string t = TextShape.Normalise(b.Text);
            if (firstKept.Length > 0 && (firstKept.StartsWith(t, StringComparison.Ordinal) || t.StartsWith(firstKept, StringComparison.Ordinal))) continue;
            kept.Insert(taken++, b);
        }
        if (taken > 0) decisions.Add($"opening paragraph in the headline's header: {taken} block(s) above the story container ({Preview(leads[0].Text)})");

        static bool IsHeaderMark(DomNode n) => n.ChromeWhy == "<header> element" ||
                                               n.ChromeWhy != null && n.ChromeWhy.StartsWith("class", StringComparison.Ordinal) && n.HintWord is "header" or "teaser";
    }

    /// <summary>
    /// A chrome word in the class or id of an element that holds most of the page's prose is not chrome: the word
    /// describes a layout ("layout-with-sidebar", "gallery-article", "section--ads") or comes from a generated class
    /// ("tagStyle_x1"), not the element's role. Lifted: an element holding 60% of the prose when a story-like element
    /// (semantic or story-classed) inside or around it holds half of it, or when the element itself is the page's
    /// article, main or articleBody; and elements marked by the same word, siblings or of one tag and class, that
    /// together hold 60% (the sections or paragraphs of one article). Words of firm chrome (comments, navigation, footers, related stories) are
    /// lifted only by the first rule.
    /// </summary>
    private static void LiftChromeThatHoldsTheStory(List<DomNode> nodes, int[] rawProse, int[] storyProse, int allProse, List<string> decisions)
    {
        if (allProse < 300) return;
        static bool ByClass(DomNode n) => n.IsChrome && n.ChromeWhy != null && n.ChromeWhy.StartsWith("class", StringComparison.Ordinal);
        static bool Soft(DomNode n) => ByClass(n) && n.HintWord != null && !ClassHints.IsFirmChrome(n.HintWord);
        void Lift(DomNode n, string why)
        {
            n.IsChrome = false;
            if (decisions.Count < 400) decisions.Add($"kept {Describe(n)} despite its {n.ChromeWhy}: {why}");
        }

        // Elements marked by the same word that are siblings, or share tag and class (sections or paragraphs of one article).
        Dictionary<(string Word, string Tag, string Class), (int Count, int Prose)>? groups = null;
        (string, string, string) Key(DomNode n) => (n.HintWord!, n.Tag, n.El.GetAttribute("class") ?? "");
        (string, string, string) SiblingKey(DomNode n) => (n.HintWord!, "", n.Parent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            if (!ByClass(n)) continue;
            if (rawProse[i] >= 0.6 * allProse && (allProse >= 500 && storyProse[i] >= 0.5 * allProse || n.Semantic && Soft(n)))
            {
                Lift(n, "it holds the story");
                continue;
            }
            if (Soft(n) && rawProse[i] > 0)
            {
                groups ??= new();
                foreach (var key in new[] { Key(n), SiblingKey(n) })
                {
                    groups.TryGetValue(key, out var g);
                    groups[key] = (g.Count + 1, g.Prose + rawProse[i]);
                }
            }
        }
        if (groups == null) return;
        var lifted = groups.Where(kv => kv.Value.Count >= 2 && kv.Value.Prose >= 0.6 * allProse).Select(kv => kv.Key).ToHashSet();
        if (lifted.Count == 0) return;
        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            if (Soft(n) && rawProse[i] > 0 && (lifted.Contains(Key(n)) || lifted.Contains(SiblingKey(n))))
                Lift(n, "the elements of the same mark hold the story");
        }
    }

    /// <summary>
    /// All of a page's prose lies in chrome (under 300 characters outside; a story with a long comment thread has its
    /// own prose outside), and the page's main or article element holds at least half of it, in elements marked by
    /// class words: a discussion page (a forum thread's posts, each marked as a comment) or a story whose wrappers
    /// carry chrome words. Those elements are the page's text: their class marks inside the main element are lifted
    /// (not its navigation, asides or footers).
    /// </summary>
    private static bool LiftDiscussion(List<DomNode> nodes, List<TextBlock> blocks, int[] rawProse, int allProse, List<string> decisions)
    {
        if (allProse < 300) return false;
        int outside = 0;
        foreach (var b in blocks)
            if (b.IsProse && b.Chrome < 0) outside += b.Text.Length;
        if (outside >= Math.Min(0.1 * allProse, 300)) return false;
        int main = -1;
        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            if (n.Semantic && NotInChrome(nodes, i) && rawProse[i] >= 0.5 * allProse && (main < 0 || rawProse[i] <= rawProse[main])) main = i;
        }
        if (main < 0) return false;
        int lifted = 0;
        for (int i = main + 1; i < nodes.Count && nodes[i].Depth > nodes[main].Depth; i++)
        {
            var n = nodes[i];
            if (n.IsChrome && rawProse[i] > 0 && n.ChromeWhy != null && n.ChromeWhy.StartsWith("class", StringComparison.Ordinal))
            {
                n.IsChrome = false;
                lifted++;
            }
        }
        if (lifted > 0) decisions.Add($"no prose outside chrome: {Describe(nodes[main])} holds most of it in {lifted} element(s) with chrome class words (a thread's posts, a story's wrapper); they are its text");
        return lifted > 0;

        static bool NotInChrome(List<DomNode> nodes, int i)
        {
            for (int p = i; p >= 0; p = nodes[p].Parent)
                if (nodes[p].IsChrome) return false;
            return true;
        }
    }

    /// <summary>The story-like element (semantic or story-classed, outside chrome) holding the most text that is not link text, or -1.</summary>
    private static int ShortStory(List<DomNode> nodes, List<TextBlock> blocks, bool[] inChrome)
    {
        var plain = new int[nodes.Count];
        foreach (var b in blocks)
            if (b.Chrome < 0) plain[b.Owner] += b.Text.Length - b.LinkChars;
        for (int i = nodes.Count - 1; i > 0; i--)
            if (nodes[i].Parent >= 0) plain[nodes[i].Parent] += plain[i];
        int best = -1;
        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            if (inChrome[i] || !n.IsBlock || !(n.Semantic || n.Hint == Hint.Positive) || n.Tag is "body" or "html" || plain[i] < 60) continue;
            if (best < 0 || plain[i] > plain[best] || plain[i] == plain[best] && IsAncestor(nodes, best, i)) best = i;
        }
        return best;
    }

    /// <summary>
    /// A video or photo page whose only prose is the caption of its video or picture (the description the story's
    /// text runs through): when the page holds less than 200 characters of prose outside captions and chrome,
    /// captions of at least 20 words that read as prose are its text.
    /// </summary>
    private static void TakeCaptionsAsTextOfAPageWithoutProse(List<TextBlock> blocks, List<DomNode> nodes, List<string> decisions)
    {
        int prose = 0;
        foreach (var b in blocks)
            if (b.IsProse && b.Chrome < 0) prose += b.Text.Length;
        if (prose >= 200) return;
        int taken = 0;
        foreach (var b in blocks)
        {
            if (b.Caption < 0 || b.Words < 20 || b.Heading > 0) continue;
            int caption = b.Caption;
            b.Caption = -1;
            Evaluate(b, nodes);
            if (b.IsProse) { taken++; continue; }
            b.Caption = caption;
            Evaluate(b, nodes);
        }
        if (taken > 0) decisions.Add($"no prose outside captions: {taken} caption(s) of the page's video or pictures read as its text");
    }

    /// <summary>
    /// Lines separated by single &lt;br&gt;s in one element (a poem, a calendar, an address, a recipe step) are one
    /// paragraph: when the lines together read as prose, each line that is not link text is prose too.
    /// </summary>
    private static void JudgeLinesAsParagraphs(List<TextBlock> blocks, List<DomNode> nodes)
    {
        for (int start = 0; start < blocks.Count;)
        {
            int end = start + 1;
            while (end < blocks.Count && blocks[end].AfterBreak) end++;
            if (end - start >= 2)
            {
                var first = blocks[start];
                var sb = new StringBuilder();
                int links = 0, words = 0;
                bool allProse = true;
                for (int k = start; k < end && sb.Length < 20_000; k++)
                {
                    if (sb.Length > 0) sb.Append(' ');
                    sb.Append(blocks[k].Text);
                    links += blocks[k].LinkChars;
                    words += blocks[k].Words;
                    allProse &= blocks[k].IsProse;
                }
                if (!allProse)
                {
                    var para = new TextBlock
                    {
                        Text = sb.ToString(), Owner = first.Owner, LinkChars = Math.Min(links, sb.Length), Words = words,
                        Chrome = first.Chrome, Caption = first.Caption, Byline = first.Byline, Date = first.Date, Standfirst = first.Standfirst,
                        Heading = first.Heading, InListItem = first.InListItem, InQuote = first.InQuote, InPre = first.InPre, InTable = first.InTable,
                    };
                    Evaluate(para, nodes);
                    if (para.IsProse)
                    {
                        for (int k = start; k < end; k++)
                        {
                            var b = blocks[k];
                            if (b.IsProse || b.LinkDensity > 0.5) continue;
                            b.IsProse = true;
                            b.Value = b.Text.Length * (1 - b.LinkDensity);
                        }
                    }
                }
            }
            start = end;
        }
    }

    /// <summary>
    /// A block of repeated teaser units is chrome wherever it sits: an element with at least three children of one
    /// tag, most of its children, each a short unit (at most 80 words, a few blocks) that opens with a linked headline
    /// (one or two in all) and has some text besides (a lead, a date, a label) — "more stories", "latest news", "you may also like"
    /// in any language. Not when the block holds most of the page's prose: then the page is an index, or the list is
    /// the article.
    /// </summary>
    private static void MarkTeaserLists(List<DomNode> nodes, List<TextBlock> blocks, int[] rawProse, int allProse, List<string> decisions)
    {
        int n = nodes.Count;
        var words = new int[n];
        var linkWords = new int[n];
        var blockCount = new int[n];
        var headlines = new int[n];
        foreach (var b in blocks)
        {
            words[b.Owner] += b.Words;
            blockCount[b.Owner]++;
            if (IsHeadlineLink(b)) { headlines[b.Owner]++; linkWords[b.Owner] += b.Words; }
        }
        for (int i = n - 1; i > 0; i--)
        {
            int p = nodes[i].Parent;
            if (p < 0) continue;
            words[p] += words[i]; linkWords[p] += linkWords[i]; blockCount[p] += blockCount[i]; headlines[p] += headlines[i];
        }
        var kids = new int[n];
        var units = new int[n];
        var unitTag = new string?[n];
        // Runs of units in a row among a parent's children (teasers after the story, in the story's own parent).
        var isUnit = new bool[n];
        var runLen = new int[n];
        var runFirst = new int[n];
        var runLast = new int[n];
        List<(int Parent, int First, int Last, int Count)>? runs = null;
        void EndRun(int p)
        {
            if (runLen[p] >= 3) (runs ??= new()).Add((p, runFirst[p], runLast[p], runLen[p]));
            runLen[p] = 0;
        }
        for (int i = 1; i < n; i++)
        {
            var c = nodes[i];
            int p = c.Parent;
            if (p < 0 || !c.IsBlock || words[i] == 0) continue;
            kids[p]++;
            bool unit = headlines[i] is >= 1 and <= 2 && words[i] <= 80 && blockCount[i] is >= 2 and <= 8 && words[i] > linkWords[i] &&
                        LeadsWithHeadline(blocks, c);
            if (!unit) { EndRun(p); continue; }
            isUnit[i] = true;
            if (runLen[p] > 0 && nodes[runFirst[p]].Tag != c.Tag) EndRun(p);
            if (runLen[p] == 0) runFirst[p] = i;
            runLen[p]++;
            runLast[p] = i;
            unitTag[p] ??= c.Tag;
            if (c.Tag == unitTag[p]) units[p]++;
        }
        for (int p = 0; p < n; p++) EndRun(p);
        int reported = 0;
        for (int p = 0; p < n; p++)
        {
            var e = nodes[p];
            if (units[p] < 3 || units[p] < 0.7 * kids[p] || e.IsChrome || e.Tag is "body" or "html") continue;
            if (allProse > 0 && rawProse[p] >= 0.6 * allProse) continue;
            e.IsChrome = e.IsTeaserList = true;
            e.ChromeWhy = $"teaser list ({units[p]} units of headline and lead)";
            if (reported++ < 20) decisions.Add($"{Describe(e)} is a teaser list: {units[p]} units of linked headline and lead");
        }
        if (runs == null) return;
        // Three or more units in a row beside a story in the same parent (the parent is not a teaser list itself, and
        // holds more prose outside the run than in it): each unit is chrome.
        foreach (var (p, first, last, count) in runs)
        {
            if (nodes[p].IsChrome) continue;
            int runProse = 0;
            for (int i = first; i <= last; i++)
                if (isUnit[i] && nodes[i].Parent == p) runProse += rawProse[i];
            if (rawProse[p] - runProse < Math.Max(500, 1.5 * runProse)) continue;
            for (int i = first; i <= last; i++)
            {
                if (!isUnit[i] || nodes[i].Parent != p) continue;
                nodes[i].IsChrome = nodes[i].IsTeaserList = true;
                nodes[i].ChromeWhy = $"teaser ({count} units of headline and lead in a row)";
            }
            if (reported++ < 20) decisions.Add($"{count} teaser units in a row in {Describe(nodes[p])} beside the story: chrome");
        }
    }

    /// <summary>A teaser opens with its headline: a linked headline among its first two blocks (after a kicker or a
    /// date at most), or after up to three section labels of one to three words ("Travel", "Learn Dutch").</summary>
    private static bool LeadsWithHeadline(List<TextBlock> blocks, DomNode unit)
    {
        for (int k = unit.BlockStart; k < unit.BlockEnd && k < unit.BlockStart + 4; k++)
        {
            if (IsHeadlineLink(blocks[k])) return true;
            if (k >= unit.BlockStart + 1 && blocks[k].Words > 3) return false;
        }
        return false;
    }

    /// <summary>A linked headline: a short block (2 to 30 words) that is mostly link text.</summary>
    private static bool IsHeadlineLink(TextBlock b) => b.Words is >= 2 and <= 30 && b.LinkDensity >= 0.6;

    private static void Evaluate(TextBlock b, List<DomNode> nodes)
    {
        int len = b.Text.Length;
        double ld = b.LinkDensity;
        if (b.Heading > 0 || b.Caption >= 0)
        {
            b.Value = b.Heading > 0 && ld > 0.5 ? -Math.Min(len, 80) * 0.5 : 0;
            return;
        }
        bool cjk = IsMostlyCjk(b.Text);
        bool sentence = TextShape.EndsLikeSentence(b.Text) || b.Text.EndsWith(':') || EndsLikeSentenceBeforeTags(b.Text);
        bool longEnough = cjk ? len >= 25 : b.Words >= 8;
        bool prose = ld <= 0.5 && longEnough && (sentence || (cjk ? len >= 60 : b.Words >= 20) || b.InQuote || b.InListItem && b.Words >= 12)
                     // Long sentences full of links (a news round-up) are still prose.
                     || ld <= 0.8 && sentence && (cjk ? len >= 80 : b.Words >= 20);
        if (b.Byline >= 0 && nodes[b.Byline].TextChars < 400 || b.Date >= 0 && nodes[b.Date].TextChars < 400) prose = prose && b.Words >= 25;
        // A cookie or consent notice is not the story's prose, even where it is the only prose on the page.
        if (prose && IsConsentNotice(b)) prose = false;
        if (prose)
        {
            b.IsProse = true;
            b.Value = len * (1 - ld);
        }
        else if (ld > 0.5)
            b.Value = -len * 0.75;
        else if (b.InTable)
            b.Value = 0;
        else
            b.Value = -(1 + Math.Min(len, 60) * 0.15);
    }

    /// <summary>
    /// A sentence followed by hashtags or emoji ("… the best corner of the flat. #kitchen #vintage", "… so green. 🌿"): the
    /// way posts and photo stories end a sentence. Only text that ends in a hashtag or a symbol is looked at; the tags
    /// and symbols (at most 12) are passed over from the end and what is left must end like a sentence.
    /// </summary>
    internal static bool EndsLikeSentenceBeforeTags(string t)
    {
        int i = t.Length - 1;
        if (i < 0 || !(char.IsLetterOrDigit(t[i]) || IsSymbol(t, i))) return false;
        bool skipped = false;
        for (int tokens = 0; tokens < 12 && i >= 0; tokens++)
        {
            while (i >= 0 && t[i] == ' ') i--;
            if (i < 0) return false;
            int end = i;
            while (i >= 0 && t[i] != ' ') i--;
            var token = t.AsSpan(i + 1, end - i);
            bool tag = token.Length >= 2 && token[0] == '#' && char.IsLetterOrDigit(token[1]);
            bool symbols = true;
            for (int k = 0; k < token.Length && symbols; k++) symbols = IsSymbol(token, k);
            if (!tag && !symbols) return skipped && TextShape.EndsLikeSentence(t[..(end + 1)]);
            skipped = true;
        }
        return false;

        static bool IsSymbol(ReadOnlySpan<char> s, int k) =>
            char.IsSurrogate(s[k]) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(s[k]) is System.Globalization.UnicodeCategory.OtherSymbol or System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.Format;
    }

    /// <summary>
    /// Whether a kept line introduced the block removed after it: a short label ending in a colon introduces whatever
    /// follows; a heading introduces links (a list of links, link text, a teaser list).
    /// </summary>
    private static bool IntroducesRemoved(TextBlock label, string why)
    {
        if (label.Words > 12 || label.InListItem || label.InQuote) return false;
        if (label.Text.TrimEnd().EndsWith(':')) return true;
        bool links = why is "list of links" or "link text" || why.StartsWith("teaser list", StringComparison.Ordinal);
        return links && label.Heading > 0 && label.Words <= 8;
    }

    /// <summary>
    /// A promo box after the story: a link line (removed as link text) closes an element below the container that
    /// holds nothing kept but a heading and at most two short lines under it (30 words each, 50 in all), and the story's
    /// prose comes before the box ("Discover more harbour walks" / "Where do our readers walk on Sundays? Browse their
    /// routes." / "More harbour walks"). The heading and its pitch go with the link. Returns how many kept lines at the end belong to the box.
    /// </summary>
    private static int PromoBoxBefore(List<TextBlock> kept, TextBlock link, DomNode container, List<DomNode> nodes)
    {
        int box = link.Owner;
        if (nodes[box].Depth <= container.Depth || link.Words > 6) return 0;
        int n = 0, words = 0;
        bool heading = false;
        for (int i = kept.Count - 1; i >= 0 && n < 3; i--)
        {
            var b = kept[i];
            if (b.Owner != box && !IsAncestor(nodes, box, b.Owner)) break;
            if (b.IsProse && b.Words > 30 || b.InListItem || b.InQuote) return 0;
            n++;
            words += b.Words;
            if (b.Heading > 0) { heading = true; break; }
        }
        if (!heading || words > 50 || kept.Count - n <= 0) return 0;
        // The story's prose before the box, outside it.
        bool prose = false;
        for (int i = kept.Count - n - 1; i >= 0 && !prose; i--) prose = kept[i].IsProse && !IsAncestor(nodes, box, kept[i].Owner) && kept[i].Owner != box;
        return prose ? n : 0;
    }

    /// <summary>Class words of a call to action: a button or box that asks the reader to subscribe, sign up, log in or give.</summary>
    private static readonly HashSet<string> CallToActionWords = new(StringComparer.Ordinal)
    {
        "cta", "subscribe", "subscription", "subscriptions", "signup", "newsletter", "newsletters", "membership", "donate",
        "donation", "login", "signin", "banner",
    };

    /// <summary>
    /// The pitch of a call to action: a short line (at most 15 words, not a heading or quote) set straight before a
    /// removed button or box of a call to action, as its sibling ("Join the club and get our members' offers!" and
    /// then "Sign up now"): it belongs to the box, whose wrapper the page did not draw around it. Only a line that
    /// exclaims or does not read as prose: the story's own short paragraph before a sign-up box stays.
    /// </summary>
    private static bool PitchesCallToAction(TextBlock label, TextBlock removed, List<DomNode> nodes)
    {
        if (label.Words > 15 || label.Heading > 0 || label.InQuote || removed.Chrome < 0) return false;
        var box = nodes[removed.Chrome];
        if (box.HintWord == null || !CallToActionWords.Contains(box.HintWord) || nodes[label.Owner].Parent != box.Parent) return false;
        return !label.IsProse || label.Text.TrimEnd().EndsWith('!');
    }

    /// <summary>A pattern of words and phrases, matched in any case and culture-invariantly, compiled: how every word
    /// list below is read.</summary>
    private static System.Text.RegularExpressions.Regex Phrases(string pattern) => new(pattern,
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>Words of cookies and privacy, in the languages the notices are met in (stems: "Datenschutz…", "prywatno…").</summary>
    private static readonly System.Text.RegularExpressions.Regex PrivacyWords = Phrases(
        @"cookie|privatsphäre|privacy|datenschutz|confidentialité|privacidad|prywatno|riservatezza");

    /// <summary>Words of agreeing or of the website itself (stems: "zustimm…", "akzeptier…", "acept…").</summary>
    private static readonly System.Text.RegularExpressions.Regex ConsentWords = Phrases(
        @"einverstanden|einverständnis|zustimm|akzeptier|consent|agree|accept|acept|accett|zgod|webseite|website|browser");

    /// <summary>
    /// A cookie or consent notice: a short block (at most 80 words, not a quote or heading) that speaks of cookies or
    /// privacy and of agreeing, accepting or the website ("By using our services you agree that we use cookies", "We
    /// respect your privacy and connect to the video service only with your consent"). A story about cookies or privacy
    /// is longer than one such paragraph, or does not ask the reader to agree. Both patterns are literal alternations
    /// on at most 800 characters: no backtracking to bound.
    /// </summary>
    private static bool IsConsentNotice(TextBlock b) =>
        IsShortNotice(b, 80) && PrivacyWords.IsMatch(b.Text) && ConsentWords.IsMatch(b.Text);

    /// <summary>
    /// A block short enough to be a site's notice (consent, disclaimer): at most <paramref name="maxWords"/> words and 800
    /// characters (so the literal alternations run on bounded text), neither a quotation nor a heading.
    /// </summary>
    private static bool IsShortNotice(TextBlock b, int maxWords) =>
        b.Words <= maxWords && !b.InQuote && b.Heading == 0 && b.Text.Length <= 800;

    /// <summary>
    /// The words of a disclaimer, in the languages it is met in: "all details without guarantee" ("ohne Gewähr"), "is
    /// not responsible for", "does not necessarily reflect", "gibt die Meinung des Autors wieder", "n'engage que".
    /// </summary>
    private static readonly System.Text.RegularExpressions.Regex DisclaimerWords = Phrases(
        @"ohne gewähr|keine gewähr|not (?:be )?(?:held )?responsible for|(?:do|does) not necessarily (?:reflect|represent)|nicht (?:unbedingt|notwendigerweise) (?:die|der|den)|gibt die meinung de[sr] (?:autor|verfasser)|no se hacen? responsable|no (?:necesariamente )?refleja|n'engagen?t? que|non riflettono? necessariamente|nie odpowiada za|opinions? expressed (?:here|in)|the views expressed");

    /// <summary>
    /// A disclaimer: a short block (at most 60 words, not a quotation or heading) that disowns the page's details or
    /// its writers' opinions ("All details without guarantee", "The publisher is not responsible for the opinions of
    /// contributors"). A literal alternation on at most 800 characters.
    /// </summary>
    private static bool IsDisclaimer(TextBlock b) => IsShortNotice(b, 60) && DisclaimerWords.IsMatch(b.Text);

    /// <summary>
    /// A label of further reading, alone on its line (a heading or not; a few words may follow, such as the site's name
    /// or a reading time): "Read more", "Related", "See also", "Mehr zum Thema", "Lesen Sie auch", "Weiterlesen",
    /// "Lire aussi", "Leggi anche", "Czytaj też", "Next article". What it introduces is judged on its own.
    /// </summary>
    private static readonly System.Text.RegularExpressions.Regex MoreOnThis = Phrases(
        @"^\s*(?:mehr zum thema|zum weiterlesen|weiterlesen|weitere artikel|mehr dazu|lesen sie (?:auch|dazu|mehr)|das könnte (?:sie|dich) auch interessieren|siehe auch|see also|read more|read also|more on (?:this|the topic)|related(?: articles| stories| posts| recipes| content)?|you may also like|también te puede interesar|leer más|lee también|lire aussi|à lire aussi|leggi anche|czytaj (?:też|także|więcej)|vorschau auf den nächsten artikel|nächster artikel|vorheriger artikel|next article|previous article)\b[^.!?]{0,25}$");

    /// <summary>The label of an author box: "About the author", "Über den Autor", "Zur Autorin", "Sobre el autor", "À propos de l'auteur", "O autorze"; a colon may follow.</summary>
    private static readonly System.Text.RegularExpressions.Regex AboutTheAuthor = Phrases(
        @"^\s*(?:about the authors?|über (?:den|die) autor(?:in|en|innen)?|zu(?:m|r)? (?:den )?autor(?:in|en|innen)?|(?:der|die) autor(?:in|en|innen)?|sobre (?:el|la|los|las|o|a) autor(?:a|es|as)?|à propos de l'auteur(?:e|s)?|(?:l'|gli )autor[ei]|o autorze|o autorach)\s*:?\s*$");

    /// <summary>Asking the reader to subscribe, sign up, join or give, in the languages such pitches are met in.</summary>
    private static readonly System.Text.RegularExpressions.Regex PitchWords = Phrases(
        @"(?<![-\w])(?:subscrib\w*|subscriptions?|newsletters?|membership|become a member|donat(?:e|ion|ions)|support (?:us|our|independent)|abonn\w*|abo|mitglied werden|spenden?|spendenfinanziert|unterstützen sie|unterstütze uns|suscr[ií]b\w*|suscripci[oó]n|hazte (?:miembro|socio)|soutenez|faites un don|abbonati|abbonamento|sostieni|assine|assinatura|subskrybuj|prenumerat\w*)\b");

    /// <summary>Words that turn to the reader: "you", "please", "now", the formal German "Sie" (capitalised), or a pitch word as the first, imperative, word.</summary>
    private static readonly System.Text.RegularExpressions.Regex ReaderWords = new(
        @"\b(?i:you|your|please|now|today|jetzt|heute|bitte|du|dich|dir|dein\w*|vous|votre|tu|te|toi|usted|ahora|tú|hazte|maintenant|você|agora|ora|ti|tuo|tua)\b|\b(?:Sie|Ihnen|Ihr|Ihre|Euch)\b|^(?i:subscri|abonn|suscr|hazte|assine|abbonati|support|unterstütz|spende|donate)",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>
    /// A pitch to the reader: a short block (at most 40 words, not a quotation) that asks the reader to subscribe, sign
    /// up for a newsletter, become a member or give ("Subscribe now for the full story", "Unterstützen Sie unabhängigen
    /// Journalismus!", "Hazte miembro"), wherever the page set it, with or without a box around it. The story's own
    /// sentences about subscriptions or donations do not turn to the reader, or run longer; a word inside a hyphenated
    /// name ("Weekly-Newsletter") is no pitch. Both patterns are
    /// alternations of words on at most 600 characters.
    /// </summary>
    private static bool IsReaderPitch(TextBlock b)
    {
        if (b.Words > 40 || b.InQuote || b.Text.Length > 600) return false;
        var t = b.Text.AsSpan().TrimStart();
        if (t.Length == 0 || t[0] is '"' or '“' or '„' or '«' or '\'' or '‘' or '»' or '‹' or '›') return false;
        return PitchWords.IsMatch(b.Text) && ReaderWords.IsMatch(t.ToString());
    }

    /// <summary>
    /// Whether a line holds a date, a time or a year ("12.05.2022", "3/4/21", "14:30", "2022"): the stamp lines above a
    /// story hold one, a recipe's or a product's facts ("Preparation: 25 minutes", "Delivery: 15 - 21 days") do not.
    /// </summary>
    internal static bool HasDateOrTime(string t)
    {
        int n = Math.Min(t.Length, 400);
        for (int i = 0; i < n; i++)
        {
            if (!char.IsAsciiDigit(t[i]) || i > 0 && char.IsAsciiDigit(t[i - 1])) continue;
            int j = i;
            while (j < n && char.IsAsciiDigit(t[j])) j++;
            int len = j - i;
            if (len == 4 && t[i] is '1' or '2' && (t[i + 1] == '9' && t[i] == '1' || t[i + 1] == '0' && t[i] == '2')) return true; // a year
            if (len is 1 or 2 && j + 1 < n && t[j] is ':' or '.' or '/' or '-' && char.IsAsciiDigit(t[j + 1]))
            {
                // 14:30, 12.05.(2022), 3/4/21: a second group of digits after the separator, and a third for dates with dots
                int k = j + 1;
                while (k < n && char.IsAsciiDigit(t[k])) k++;
                if (t[j] == ':' && k - j - 1 == 2) return true;
                if (t[j] is '.' or '/' or '-' && k - j - 1 is 1 or 2 && k + 1 < n && t[k] == t[j] && char.IsAsciiDigit(t[k + 1])) return true;
                if (t[j] == '.' && k - j - 1 is 1 or 2 && k < n && t[k] == '.') return true; // "12.05."
            }
        }
        return false;
    }

    /// <summary>"All rights reserved" and "Copyright 2024" in the languages the notices are met in.</summary>
    private static readonly System.Text.RegularExpressions.Regex RightsReserved = Phrases(
        @"all rights reserved|alle rechte vorbehalten|wszelkie prawa zastrzeżone|derechos reservados|droits réservés|diritti riservati|direitos reservados|alle rechten voorbehouden|\bcopyright\s+(?:\(c\)\s*)?(?:19|20)\d\d\b");

    /// <summary>
    /// A copyright notice written without the © sign: a short block (at most 40 words, not a heading) that opens by
    /// reserving the rights ("Copyright 2024 Harbour Media. All rights reserved. This material may not be
    /// redistributed"); a sentence that speaks of "all rights reserved" further on is about copyright, not a notice. A
    /// literal alternation on at most 500 characters: no backtracking to bound.
    /// </summary>
    private static bool IsRightsNotice(TextBlock b)
    {
        if (b.Words > 40 || b.Heading > 0 || b.Text.Length > 500) return false;
        var m = RightsReserved.Match(b.Text);
        if (m.Success && m.Index <= 60) return true;
        // A footer line of short items, one of them the copyright ("Imprint | Privacy | Copyright Ana Lind"): not a sentence.
        if (b.Words > 20 || TextShape.EndsLikeSentence(b.Text) || b.Text.IndexOf('|') < 0) return false;
        int c = b.Text.IndexOf("copyright", StringComparison.OrdinalIgnoreCase);
        return c >= 0 && c <= 60;
    }

    /// <summary>
    /// A blogger's sign-off as the last line, straight after a line of text (not a heading): a smiley alone (":)", "=D", "^^") or
    /// kisses and a first name ("x Mara", "xo Lena"). The writer's words, not a label of the page.
    /// </summary>
    internal static bool IsSignOff(string text)
    {
        var t = text.AsSpan().Trim();
        if (t.Length == 0 || t.Length > 30) return false;
        bool smiley = t.Length <= 6;
        foreach (char ch in t) smiley &= ch is ':' or ';' or '=' or '-' or ')' or '(' or 'D' or 'P' or 'p' or '^' or '_' or '*' or '<' or '3' or 'o' or 'O';
        if (smiley && t.IndexOfAny(":;=^") >= 0) return true;
        int sp = t.IndexOf(' ');
        if (sp <= 0 || t[(sp + 1)..].IndexOf(' ') >= 0) return false;
        var kiss = t[..sp];
        var name = t[(sp + 1)..];
        bool kisses = kiss.Length <= 4;
        foreach (char ch in kiss) kisses &= ch is 'x' or 'o' or 'X' or 'O';
        if (!kisses || kiss[0] is not ('x' or 'X') || name.Length < 2 || !char.IsUpper(name[0])) return false;
        foreach (char ch in name[1..]) if (!char.IsLower(ch)) return false;
        return true;
    }

    /// <summary>A line that is one web address written out ("http://…", "www.…"): the author gives the address as text.</summary>
    private static bool IsWrittenAddress(TextBlock b)
    {
        string t = b.Text.Trim();
        if (t.Length < 8 || t.Contains(' ')) return false;
        return t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
               t.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsPageTitle(HtmlDom dom, string text)
    {
        string? title = dom.Meta.Title;
        if (string.IsNullOrEmpty(title)) return false;
        string t = TextShape.Normalise(text);
        return t.Length > 0 && TextShape.Normalise(title).Contains(t, StringComparison.Ordinal);
    }

    private static bool IsMostlyCjk(string s)
    {
        int cjk = 0, n = Math.Min(s.Length, 200);
        for (int i = 0; i < n; i++)
        {
            char c = s[i];
            if (c >= 0x3040 && c <= 0x30FF || c >= 0x4E00 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7AF) cjk++;
        }
        return cjk * 3 > n;
    }

    private static bool IsAncestor(List<DomNode> nodes, int ancestor, int node)
    {
        int guard = 0;
        for (int p = nodes[node].Parent; p >= 0 && guard < 10_000; p = nodes[p].Parent, guard++)
            if (p == ancestor) return true;
        return false;
    }

    private static void CollectRemoved(HtmlDom dom, ContentSelection sel, int from, int to, string? why)
    {
        var sb = new StringBuilder();
        int lastOwnerTop = -1;
        for (int k = from; k < to && sel.Removed.Count < MaxRemovedBlocks; k++)
        {
            var b = dom.Blocks[k];
            // Group consecutive blocks of one chrome element (or one owner) into one removed block.
            int group = b.Chrome >= 0 ? b.Chrome : b.Owner;
            if (group != lastOwnerTop && sb.Length > 0) { AddRemoved(sel, sb.ToString()); sb.Clear(); }
            lastOwnerTop = group;
            if (sb.Length > 0) sb.Append('\n');
            if (sb.Length < MaxRemovedChars) sb.Append(b.Text);
        }
        if (sb.Length > 0) AddRemoved(sel, sb.ToString());
    }

    private static void AddRemoved(ContentSelection sel, string text)
    {
        if (sel.Removed.Count >= MaxRemovedBlocks) return;
        sel.Removed.Add(text.Length > MaxRemovedChars ? text[..MaxRemovedChars] + "…" : text);
    }

    internal static string Describe(DomNode n)
    {
        var sb = new StringBuilder("<").Append(n.Tag);
        string? id = n.El.GetAttribute("id");
        string? cls = n.El.GetAttribute("class");
        if (!string.IsNullOrEmpty(id)) sb.Append(" id=\"").Append(Clip(id, 40)).Append('"');
        if (!string.IsNullOrEmpty(cls)) sb.Append(" class=\"").Append(Clip(cls, 60)).Append('"');
        return sb.Append('>').ToString();
    }

    internal static string Preview(string s) => "\"" + Clip(s, 50) + "\"";

    private static string Clip(string s, int n) => s.Length <= n ? s : s[..n] + "…";
}
