namespace NewsCmdlets.Engine.Entities.Tagging.Rules;

/// <summary>Reading and writing names in a document's BIO tags (B- tags odd, their I- tags one more, 0 is O).</summary>
internal static class Spans
{
    /// <summary>The end (exclusive, at most <paramref name="end"/>) of the name whose B- tag is at i: the I- tags after it.</summary>
    public static int SpanEnd(int[] tags, int i, int end)
    {
        int e = i + 1;
        while (e < end && tags[e] == tags[i] + 1) e++;
        return e;
    }

    /// <summary>Tags s..e-1 as one name: B- tag <paramref name="b"/> (odd) on the first token, its I- tag on the rest.</summary>
    public static void SetSpan(int[] tags, int s, int e, int b)
    {
        for (int k = s; k < e; k++) tags[k] = k == s ? b : b + 1;
    }

    /// <summary>After a name was retyped or cut, the token at k (if before <paramref name="end"/>) that went on the
    /// old name with an I- tag starts a name of its own.</summary>
    public static void StartAfresh(int[] tags, int k, int end)
    {
        if (k < end && tags[k] % 2 == 0 && tags[k] != 0) tags[k] -= 1;
    }

    /// <summary>Does a name of the model's run on into s..e-1 from before it, or on past it (an I- tag at s or at e, within
    /// first..end-1)?</summary>
    public static bool RunsOn(int[] tags, int s, int e, int first, int end) =>
        (s > first && tags[s] != 0 && tags[s] % 2 == 0) || (e < end && tags[e] != 0 && tags[e] % 2 == 0);
}
