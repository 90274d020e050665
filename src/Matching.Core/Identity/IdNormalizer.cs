namespace Matching.Core.Identity;

/// <summary>
/// Cleans raw cell text into ID characters without allocating: trims, drops inner whitespace (also U+3000),
/// folds full-width ０-９/Ｘ, upper-cases x, drops a leading apostrophe and a trailing <c>.0</c>.
/// Anything else is copied as it is, for the parser to judge.
/// </summary>
public static class IdNormalizer
{
    /// <summary>Longest cleaned text kept: longer input is certainly no ID, and is cut here.</summary>
    public const int MaxLength = 32;

    /// <summary>
    /// Writes the cleaned text of <paramref name="raw"/> into <paramref name="dest"/> (at least
    /// <see cref="MaxLength"/> long) and returns its length; <paramref name="repairs"/> says what changed.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> raw, Span<char> dest, out IdRepairs repairs)
    {
        repairs = IdRepairs.None;

        // Most cells are a clean ID, 17 digits and a digit or X: nothing to clean, checked a vector at a time.
        if (raw.Length == IdNumber.Length && dest.Length >= IdNumber.Length && raw[^1] is (>= '0' and <= '9') or 'X'
            && !raw[..^1].ContainsAnyExceptInRange('0', '9'))
        {
            raw.CopyTo(dest);
            return IdNumber.Length;
        }

        var n = 0;
        var seenContent = false;
        foreach (var c in raw)
        {
            if (IsSpace(c))
            {
                repairs |= IdRepairs.Whitespace;
                continue;
            }

            char folded;
            if (c is >= '０' and <= '９')
            {
                folded = (char)('0' + (c - '０'));
                repairs |= IdRepairs.FullWidth;
            }
            else if (c is 'Ｘ' or 'ｘ')
            {
                folded = 'X';
                repairs |= IdRepairs.FullWidth;
            }
            else if (c == 'x')
            {
                folded = 'X';
                repairs |= IdRepairs.LowercaseX;
            }
            else if (!seenContent && c is '\'' or '‘' or '’' or '＇' or '`')
            {
                repairs |= IdRepairs.Apostrophe;
                continue;
            }
            else
            {
                folded = c;
            }

            seenContent = true;
            if (n == dest.Length || n == MaxLength)
            {
                // Too long to be an ID: keep counting as if longer so the parser reports the length.
                return MaxLength + 1;
            }

            dest[n++] = folded;
        }

        // A number cell exported as text: "419001199001011234.0" (or ".00").
        var dot = dest[..n].LastIndexOf('.');
        if (dot > 0 && dot < n - 1 && IsAllZeros(dest[(dot + 1)..n]) && IdRules.AllDigits(dest[..dot]))
        {
            n = dot;
            repairs |= IdRepairs.TrailingDecimal;
        }

        return n;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\u00A0' or '\u3000' or '\u200B' or '\uFEFF';

    private static bool IsAllZeros(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c != '0')
            {
                return false;
            }
        }

        return true;
    }
}
