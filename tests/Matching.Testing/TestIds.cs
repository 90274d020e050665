using Matching.Core.Identity;

namespace Matching.Testing;

/// <summary>Synthetic resident IDs for tests: valid, deterministic, never a real person's on purpose.</summary>
public static class TestIds
{
    /// <summary>Jiyuan (济源) region code.</summary>
    public const int Jiyuan = 419001;

    /// <summary>The province codes <see cref="IdRules"/> accepts (GB/T 2260 province level, plus 71, 81, 82, 83).</summary>
    public static IReadOnlyList<int> Provinces { get; } =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
    ];

    /// <summary>A valid Jiyuan ID chosen by <paramref name="seed"/>.</summary>
    public static IdNumber Valid(int seed)
    {
        var random = new Random(seed);
        return Make(Jiyuan, new DateOnly(1940, 1, 1).AddDays(random.Next(0, 80 * 365)), random.Next(1, 999));
    }

    /// <summary>The ID of a person born in <paramref name="region"/> on <paramref name="birth"/> with sequence <paramref name="sequence"/>.</summary>
    public static IdNumber Make(int region, DateOnly birth, int sequence)
    {
        var key = (region * 100_000_000_000L) + (birth.Year * 10_000_000L) + (birth.Month * 100_000L) + (birth.Day * 1000L) + sequence;
        return IdNumber.FromKey(key);
    }

    /// <summary>
    /// The first Jiyuan ID born on <paramref name="birth"/> (sequence counting up from <paramref name="fromSequence"/>)
    /// whose check character is <paramref name="check"/>: for tests about X, or about a check digit 0.
    /// </summary>
    public static IdNumber WithCheck(char check, DateOnly birth, int fromSequence = 1)
    {
        for (var sequence = fromSequence; sequence <= 999; sequence++)
        {
            var id = Make(Jiyuan, birth, sequence);
            if (id.Check == check)
            {
                return id;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(check), check, "no sequence gives this check character");
    }

    /// <summary>The old 15-digit form (issued before 1999): region, YYMMDD, sequence; birth must be in 1900-1999.</summary>
    public static string Make15(int region, DateOnly birth, int sequence)
    {
        if (birth.Year is < 1900 or > 1999)
        {
            throw new ArgumentOutOfRangeException(nameof(birth), birth, "15-digit IDs hold a 19YY birth year");
        }

        var id = Make(region, birth, sequence).Value;
        return string.Concat(id.AsSpan(0, 6), id.AsSpan(8, 9));
    }

    /// <summary>Appends the ISO 7064 MOD 11-2 check character to 17 digits.</summary>
    public static string WithCheckChar(string first17) => first17 + IdNumber.CheckChar(first17);

    /// <summary><paramref name="text"/> with the character at <paramref name="position"/> replaced: a typing slip.</summary>
    public static string Substitute(string text, int position, char replacement)
    {
        var chars = text.ToCharArray();
        chars[position] = replacement;
        return new string(chars);
    }

    /// <summary><paramref name="text"/> with the characters at <paramref name="position"/> and the next swapped.</summary>
    public static string SwapAdjacent(string text, int position)
    {
        var chars = text.ToCharArray();
        (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
        return new string(chars);
    }
}
