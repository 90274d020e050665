namespace Matching.Storage;

/// <summary>
/// Texts in the order of their UTF-8 bytes, SQLite's BINARY collation, without encoding them: what <c>ORDER BY</c> a
/// text column gives on SQLite, for rows read in storage order and put in that order in memory.
/// </summary>
internal static class Utf8Order
{
    /// <summary>
    /// Compares two texts as their UTF-8 bytes compare: UTF-16's own order but for a surrogate, whose code point (above
    /// U+FFFF) comes after U+E000–U+FFFF in UTF-8 and before them in UTF-16. Null comes first.
    /// </summary>
    public static int Compare(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        return InUtf8Order(a[common]).CompareTo(InUtf8Order(b[common]));

        // U+D800–U+DFFF up to U+F800–U+FFFF, U+E000–U+FFFF down by as much: surrogates last, otherwise as they were.
        static int InUtf8Order(char c) => c < 0xD800 ? c : c < 0xE000 ? c + 0x2000 : c - 0x800;
    }

    /// <summary>
    /// Each text's place in UTF-8 order (<see cref="Compare"/>; equal texts in the order given), by its index in
    /// <paramref name="texts"/>. Sorted by a 64-bit key of up to 16 characters after the prefix they all share (ids
    /// such as JY2025000001 share their letters) first, then by the texts themselves only where keys tie: 381k
    /// household ids sorted as strings took 0.3 s, their characters scattered over the heap; as keys, a few hundredths.
    /// </summary>
    public static int[] Ranks(string[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var shared = SharedPrefix(texts);
        var keys = new ulong[texts.Length];
        var order = new int[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            keys[i] = Key(texts[i], shared);
            order[i] = i;
        }

        Array.Sort(keys, order);
        var byText = Comparer<int>.Create((x, y) => Compare(texts[x], texts[y]) is var c && c != 0 ? c : x.CompareTo(y));
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, byText);
            }

            start = end;
        }

        var ranks = new int[texts.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            ranks[order[rank]] = rank;
        }

        return ranks;
    }

    /// <summary>How many leading characters every text has, and the same (0 when any is null).</summary>
    private static int SharedPrefix(string[] texts)
    {
        if (texts.Length == 0 || texts[0] is not { } first)
        {
            return 0;
        }

        var shared = first.Length;
        foreach (var text in texts)
        {
            if (text is null)
            {
                return 0;
            }

            shared = Math.Min(shared, first.AsSpan(0, shared).CommonPrefixLength(text));
        }

        return shared;
    }

    /// <summary>
    /// A key whose order never contradicts <see cref="Compare"/> among texts that share their first
    /// <paramref name="from"/> characters: a 4-bit code for each of the next 16 characters, the
    /// first one highest. 0 is the text's end (a prefix comes first), 2–11 the digits; a character below '0' is 1 and
    /// one above '9' is 12, and the codes after such a character stay 0, since two texts that agree up to it may differ
    /// in it: those tie, and are compared in full.
    /// </summary>
    private static ulong Key(string? text, int from)
    {
        ulong key = 0;
        var length = Math.Min((text?.Length ?? 0) - from, 16);
        for (var i = 0; i < length; i++)
        {
            var c = text![from + i];
            var code = char.IsAsciiDigit(c) ? (ulong)(c - '0' + 2) : c < '0' ? 1UL : 12UL;
            key |= code << (60 - (4 * i));
            if (code is 1 or 12)
            {
                break;
            }
        }

        return key;
    }
}
