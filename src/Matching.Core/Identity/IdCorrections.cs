namespace Matching.Core.Identity;

/// <summary>
/// For an 18-character ID that fails validation, the valid IDs one typing slip away: one substituted digit,
/// or two adjacent characters swapped. MOD 11-2 catches every such slip, so the true ID is always among them;
/// the matcher accepts one only when it alone is in the database and its name agrees (twins differ by a digit).
/// </summary>
public static class IdCorrections
{
    /// <summary>The most candidates there can be: one per substituted position plus one per swap.</summary>
    public const int MaxCandidates = 64;

    /// <summary>
    /// Writes the keys of the valid IDs one substitution or adjacent swap from <paramref name="normalized18"/>
    /// into <paramref name="dest"/> (at least <see cref="MaxCandidates"/> long), without duplicates, and
    /// returns how many. Returns 0 unless the text is 18 characters of digits and X.
    /// </summary>
    public static int Candidates(ReadOnlySpan<char> normalized18, Span<long> dest)
    {
        if (normalized18.Length != IdNumber.Length || !IsDigitsOrX(normalized18))
        {
            return 0;
        }

        Span<char> work = stackalloc char[IdNumber.Length];
        var count = 0;

        // One substituted digit in the first 17 positions.
        for (var i = 0; i < 17; i++)
        {
            normalized18.CopyTo(work);
            var original = work[i];
            for (var d = '0'; d <= '9'; d++)
            {
                if (d == original)
                {
                    continue;
                }

                work[i] = d;
                count = AddIfValid(work, dest, count);
            }
        }

        // A wrong check character: the first 17 digits stand and only the last changes.
        normalized18.CopyTo(work);
        if (IdRules.AllDigits(work[..17]))
        {
            work[17] = IdNumber.CheckChar(work);
            count = AddIfValid(work, dest, count);
        }

        // Two adjacent characters swapped (the check character included).
        for (var i = 0; i < 17; i++)
        {
            if (normalized18[i] == normalized18[i + 1])
            {
                continue;
            }

            normalized18.CopyTo(work);
            (work[i], work[i + 1]) = (work[i + 1], work[i]);
            count = AddIfValid(work, dest, count);
        }

        return count;
    }

    private static int AddIfValid(ReadOnlySpan<char> id, Span<long> dest, int count)
    {
        if (!IdRules.IsValid18(id))
        {
            return count;
        }

        var key = IdNumber.FromValidated(id).Key;
        if (dest[..count].Contains(key) || count == dest.Length)
        {
            return count;
        }

        dest[count] = key;
        return count + 1;
    }

    private static bool IsDigitsOrX(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c != 'X')
            {
                return false;
            }
        }

        return true;
    }
}
