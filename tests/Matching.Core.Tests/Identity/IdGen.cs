using System.Text;
using CsCheck;
using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

/// <summary>CsCheck generators for synthetic resident IDs and the noise real files add to them.</summary>
internal static class IdGen
{
    /// <summary>Any region whose province <see cref="IdRules"/> accepts: province code, then 4 random digits.</summary>
    public static readonly Gen<int> Region =
        Gen.Select(Gen.OneOfConst(TestIds.Provinces.ToArray()), Gen.Int[0, 9999], (province, rest) => (province * 10_000) + rest);

    public static readonly Gen<DateOnly> Birth = Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2025, 12, 31)];

    /// <summary>Births of old 15-digit IDs: their year has two digits and 19 is implied.</summary>
    public static readonly Gen<DateOnly> Birth15 = Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(1999, 12, 31)];

    public static readonly Gen<int> Sequence = Gen.Int[0, 999];

    public static readonly Gen<(int Region, DateOnly Birth, int Sequence)> Parts = Gen.Select(Region, Birth, Sequence);

    public static readonly Gen<IdNumber> Valid = Gen.Select(Region, Birth, Sequence, TestIds.Make);

    /// <summary>
    /// Kinds of noise per character: 0 none, 1 full-width, 2 space before, 3 tab before, 4 U+3000 before,
    /// 5 lowercase (only changes an X). Weighted so that about half the characters stay clean.
    /// </summary>
    public static readonly Gen<int[]> CharNoise =
        Gen.FrequencyConst((10, 0), (3, 1), (2, 2), (1, 3), (1, 4), (3, 5)).Array[IdNumber.Length + 1];

    /// <summary>A valid ID and a noisy spelling of it that must normalise back to it.</summary>
    public static readonly Gen<(IdNumber Id, string Noisy)> Noisy =
        Gen.Select(Valid, CharNoise, Gen.Bool, Gen.Bool, (id, noise, apostrophe, decimalTail) =>
            (id, AddNoise(id.Value, noise, apostrophe, decimalTail)));

    /// <summary>
    /// Spells <paramref name="value"/> as a spreadsheet might: <paramref name="noise"/> (one entry per character plus
    /// one for the end) picks full-width, whitespace or lowercase per character; then an optional leading apostrophe
    /// and, for an all-digit ID, an optional trailing <c>.0</c>.
    /// </summary>
    public static string AddNoise(string value, int[] noise, bool apostrophe, bool decimalTail)
    {
        var text = new StringBuilder();
        if (apostrophe)
        {
            text.Append('\'');
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (noise[i])
            {
                case 1:
                    text.Append(c == 'X' ? 'Ｘ' : (char)('０' + (c - '0')));
                    break;
                case 2:
                    text.Append(' ').Append(c);
                    break;
                case 3:
                    text.Append('\t').Append(c);
                    break;
                case 4:
                    text.Append('\u3000').Append(c);
                    break;
                case 5:
                    text.Append(char.ToLowerInvariant(c));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        if (decimalTail && char.IsAsciiDigit(value[^1]))
        {
            text.Append(".0");
        }

        if (noise[^1] is >= 2 and <= 4)
        {
            text.Append(' ');
        }

        return text.ToString();
    }
}
