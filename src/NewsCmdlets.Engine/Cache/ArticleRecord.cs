using System.Buffers;
using System.Text;

namespace NewsCmdlets.Engine.Cache;

/// <summary>
/// The article fields that no query filters, sorts or searches by, packed into the one <c>record</c> column of
/// <c>articles</c> (schema 6). Reading an article was mostly SQLite handing over 21 columns one call at a time; now it
/// hands over five (id, title, body, outlet, record) and the rest is read here, in order, from one buffer.
/// <para>Format: one byte <see cref="FormatVersion"/>, then the fields of <see cref="Fields"/> in that order, each a
/// variable-length count (7 bits a byte, low bits first) followed by that many bytes less one of UTF-8 text; a count
/// of 0 is NULL. Each field holds exactly what its column held before schema 6 (plain text, a stored list's JSON, a
/// date in the round-trip format, a number in invariant digits), so a migration copies columns into a record without
/// decoding them, and the same decoders read both. A reader stops at the end: fields added later read as NULL from
/// older records, and fields it does not know are ignored.</para>
/// </summary>
internal static class ArticleRecord
{
    public const byte FormatVersion = 1;

    /// <summary>The packed fields, in record order, named by the column each one replaces.</summary>
    public static readonly string[] Fields =
    {
        "standfirst", "paragraphs", "captions", "published", "updated", "authors", "agency", "dateline", "language",
        "word_count", "source", "url", "source_kind", "sources", "removed", "warnings", "categories",
    };

    /// <summary>Packs field values (null for NULL), given in the order of <see cref="Fields"/>.</summary>
    public static byte[] Pack(IReadOnlyList<string?> values) =>
        PackUtf8(values.Select(v => v == null ? null : Encoding.UTF8.GetBytes(v)).ToList());

    /// <summary>Packs field values given as UTF-8 bytes (a null entry is NULL), as the migration copies columns.</summary>
    public static byte[] PackUtf8(IReadOnlyList<byte[]?> values)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.GetSpan(1)[0] = FormatVersion;
        buffer.Advance(1);
        foreach (var value in values)
        {
            if (value == null)
            {
                WriteCount(buffer, 0);
                continue;
            }
            WriteCount(buffer, (ulong)value.Length + 1);
            buffer.Write(value);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteCount(ArrayBufferWriter<byte> buffer, ulong count)
    {
        var span = buffer.GetSpan(10);
        int n = 0;
        while (count >= 0x80)
        {
            span[n++] = (byte)(count | 0x80);
            count >>= 7;
        }
        span[n++] = (byte)count;
        buffer.Advance(n);
    }

    /// <summary>Reads a record's fields in order.</summary>
    public ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _record;
        private int _at;

        /// <summary>A reader over <paramref name="record"/>; a record of an unknown format throws.</summary>
        public Reader(ReadOnlySpan<byte> record)
        {
            if (record.IsEmpty || record[0] != FormatVersion)
                throw new InvalidDataException(record.IsEmpty
                    ? "The article's record is empty."
                    : $"The article's record has format {record[0]}; this version of NewsCmdlets reads format {FormatVersion}.");
            _record = record;
            _at = 1;
        }

        /// <summary>The next field's UTF-8 bytes; <paramref name="isNull"/> for NULL and for fields past the end.</summary>
        public ReadOnlySpan<byte> Next(out bool isNull)
        {
            if (_at >= _record.Length)
            {
                isNull = true;
                return default;
            }
            ulong count = 0;
            int shift = 0;
            byte b;
            do
            {
                if (_at >= _record.Length || shift > 35) throw new InvalidDataException("The article's record is cut short.");
                b = _record[_at++];
                count |= (ulong)(b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            isNull = count == 0;
            if (isNull) return default;
            int length = checked((int)(count - 1));
            if (length > _record.Length - _at) throw new InvalidDataException("The article's record is cut short.");
            var field = _record.Slice(_at, length);
            _at += length;
            return field;
        }

        /// <summary>The next field as text, or null.</summary>
        public string? NextString()
        {
            var utf8 = Next(out bool isNull);
            return isNull ? null : utf8.IsEmpty ? "" : Encoding.UTF8.GetString(utf8);
        }
    }
}
