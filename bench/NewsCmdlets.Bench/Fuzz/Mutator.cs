using System.Text;

namespace NewsCmdlets.Bench.Fuzz;

/// <summary>
/// libFuzzer's mutations on bytes, and the ones that find what this engine fears: a chunk repeated thousands of times
/// (nesting, long lines), a long run of one character, a token of the target's syntax inserted, two inputs spliced.
/// One to five mutations at a time; results are capped at <see cref="MaxLength"/>.
/// </summary>
internal sealed class Mutator
{
    public const int MaxLength = 256 * 1024;

    private static readonly byte[] Interesting = { 0, 0xFF, 0x7F, 0x80, 0xC3, 0xE2, 0xEF, 0xBB, 0xBF, 0xFE, (byte)'<', (byte)'>', (byte)'/', (byte)'"', (byte)'\'', (byte)'&', (byte)';', (byte)'\n', (byte)' ', (byte)'[', (byte)'{' };

    private readonly Random _rng;
    private readonly byte[][] _dictionary;

    public Mutator(Random rng, IEnumerable<string> dictionary)
    {
        _rng = rng;
        _dictionary = dictionary.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    public byte[] Mutate(byte[] input, Func<byte[]> other)
    {
        var b = new List<byte>(input);
        int n = 1 + _rng.Next(5);
        for (int i = 0; i < n; i++) Once(b, other);
        if (b.Count > MaxLength) b.RemoveRange(MaxLength, b.Count - MaxLength);
        return b.ToArray();
    }

    private void Once(List<byte> b, Func<byte[]> other)
    {
        int op = _rng.Next(12);
        if (b.Count == 0) op = 5;
        switch (op)
        {
            case 0: // flip a bit
            {
                int i = _rng.Next(b.Count);
                b[i] ^= (byte)(1 << _rng.Next(8));
                break;
            }
            case 1: // an interesting byte
                b[_rng.Next(b.Count)] = Interesting[_rng.Next(Interesting.Length)];
                break;
            case 2: // delete a chunk
            {
                int i = _rng.Next(b.Count), len = Math.Min(b.Count - i, 1 + _rng.Next(Math.Max(1, b.Count / 8)));
                b.RemoveRange(i, len);
                break;
            }
            case 3: // copy a chunk elsewhere
            {
                int i = _rng.Next(b.Count), len = Math.Min(b.Count - i, 1 + _rng.Next(64));
                var chunk = b.GetRange(i, len);
                b.InsertRange(_rng.Next(b.Count + 1), chunk);
                break;
            }
            case 4: // repeat a chunk many times: nesting, long lines
            {
                int i = _rng.Next(b.Count), len = Math.Min(b.Count - i, 1 + _rng.Next(24));
                var chunk = b.GetRange(i, len);
                // Mostly a few repeats; now and then thousands (deep nesting is what costs, and what is slow to run).
                int times = _rng.Next(20) switch { < 12 => 2 + _rng.Next(8), < 17 => 10 + _rng.Next(100), < 19 => 100 + _rng.Next(1000), _ => 1000 + _rng.Next(20_000) };
                times = Math.Min(times, (MaxLength - b.Count) / Math.Max(1, len));
                if (times <= 0) break;
                var run = new List<byte>(len * times);
                for (int k = 0; k < times; k++) run.AddRange(chunk);
                b.InsertRange(i, run);
                break;
            }
            case 5: // a token of the target's syntax
            case 6:
            {
                var token = _dictionary[_rng.Next(_dictionary.Length)];
                b.InsertRange(_rng.Next(b.Count + 1), token);
                break;
            }
            case 7: // a token repeated: deep markup
            {
                var token = _dictionary[_rng.Next(_dictionary.Length)];
                int times = _rng.Next(8) != 0 ? 2 + _rng.Next(200) : 1000 + _rng.Next(40_000);
                times = Math.Min(times, (MaxLength - b.Count) / Math.Max(1, token.Length));
                var run = new List<byte>();
                for (int k = 0; k < times; k++) run.AddRange(token);
                b.InsertRange(_rng.Next(b.Count + 1), run);
                break;
            }
            case 8: // splice with another input
            {
                var o = other();
                if (o.Length == 0) break;
                int i = _rng.Next(b.Count + 1), j = _rng.Next(o.Length), len = Math.Min(o.Length - j, 1 + _rng.Next(Math.Max(1, o.Length / 2)));
                b.InsertRange(i, o.AsSpan(j, len).ToArray());
                break;
            }
            case 9: // truncate
            {
                int i = _rng.Next(b.Count);
                b.RemoveRange(i, b.Count - i);
                break;
            }
            case 10: // a run of one byte
            {
                byte c = _rng.Next(3) == 0 ? Interesting[_rng.Next(Interesting.Length)] : b[_rng.Next(b.Count)];
                int len = _rng.Next(8) != 0 ? 1 + _rng.Next(100) : 1000 + _rng.Next(60_000);
                b.InsertRange(_rng.Next(b.Count + 1), Enumerable.Repeat(c, Math.Max(0, Math.Min(len, MaxLength - b.Count))));
                break;
            }
            default: // swap the case of a chunk (headlines in capitals, names in lower case)
            {
                int i = _rng.Next(b.Count), len = Math.Min(b.Count - i, 1 + _rng.Next(200));
                for (int k = i; k < i + len; k++)
                    if (b[k] is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z') b[k] ^= 0x20;
                break;
            }
        }
    }
}
