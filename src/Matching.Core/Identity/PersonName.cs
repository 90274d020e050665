namespace Matching.Core.Identity;

/// <summary>
/// Comparison of Chinese personal names (姓名) as departments type them: spaces (also U+3000) are ignored and
/// the middle-dot variants of minority names (·, •, ., ・, ‧, ･) are one character.
/// </summary>
public static class PersonName
{
    /// <summary>Names at or above this similarity agree.</summary>
    public const double AgreeThreshold = 0.999;

    private const int MaxStack = 64;

    /// <summary>Writes the comparison form of <paramref name="name"/> into <paramref name="dest"/>; returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> name, Span<char> dest)
    {
        var n = 0;
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF')
            {
                continue;
            }

            if (n == dest.Length)
            {
                break;
            }

            dest[n++] = c switch
            {
                '•' or '.' or '・' or '‧' or '･' or '．' or '∙' => '·',
                _ => c,
            };
        }

        return n;
    }

    public static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[MaxStack];
        var n = Normalize(name, buffer);
        return new string(buffer[..n]);
    }

    /// <summary>
    /// Similarity in [0, 1]: 1 for the same name after normalising, otherwise 1 − edit distance / longer length.
    /// </summary>
    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<char> x = stackalloc char[MaxStack];
        Span<char> y = stackalloc char[MaxStack];
        var nx = Normalize(a, x);
        var ny = Normalize(b, y);
        if (nx == 0 || ny == 0)
        {
            return 0;
        }

        if (x[..nx].SequenceEqual(y[..ny]))
        {
            return 1;
        }

        var distance = EditDistance(x[..nx], y[..ny]);
        return 1.0 - ((double)distance / Math.Max(nx, ny));
    }

    /// <summary>True when both names are present and the same after normalising.</summary>
    public static bool Agree(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Similarity(a, b) >= AgreeThreshold;

    private static int EditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> previous = stackalloc int[MaxStack + 1];
        Span<int> current = stackalloc int[MaxStack + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            current[..(b.Length + 1)].CopyTo(previous);
        }

        return previous[b.Length];
    }
}
