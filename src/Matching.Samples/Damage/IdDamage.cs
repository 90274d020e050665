using System.Globalization;
using Matching.Core.Identity;
using Matching.Samples.Population;

namespace Matching.Samples.Damage;

/// <summary>
/// Writes an ID cell the way real department files spoil it (see DOMAIN.md): each kind on its own, so the truth
/// file can name it. A substituted or swapped ID is always invalid (MOD 11-2 catches both) and never ends in
/// "000", which would read as Excel damage instead.
/// </summary>
internal static class IdDamage
{
    /// <summary>Whether <paramref name="kind"/> can be done to this ID at all.</summary>
    public static bool Applies(DamageKind kind, IdNumber id, string text) => kind switch
    {
        // Only an ID ending in X has an x to lower.
        DamageKind.LowercaseX => text[17] == 'X',

        // 15-digit IDs were issued before 1999, under the old code.
        DamageKind.Id15 => id.RegionCode == IdAllocator.JiyuanOld && id.BirthDate.Year < 2000,

        // Certificate numbers on old IDs: as for the 15-digit ID itself.
        DamageKind.Certificate15 => id.RegionCode == IdAllocator.JiyuanOld && id.BirthDate.Year < 2000,

        // Only an all-digit ID can have been a number cell; "…000" must not turn out valid.
        DamageKind.TrailingDot0 or DamageKind.CertificateScientific => text[17] != 'X',
        DamageKind.TruncatedZeros => text[17] != 'X' && !text.EndsWith("000", StringComparison.Ordinal)
            && !IdRules.IsValid18(string.Concat(text.AsSpan(0, 15), "000")),
        _ => true,
    };

    public static string Render(DamageKind kind, string id, Random rng) => kind switch
    {
        DamageKind.None => id,
        DamageKind.Spaces => Spaces(id, rng),
        DamageKind.FullWidth => FullWidth(id),
        DamageKind.LowercaseX => id.Replace('X', 'x'),
        DamageKind.Apostrophe => "'" + id,
        DamageKind.TrailingDot0 => id + ".0",
        DamageKind.Id15 => string.Concat(id.AsSpan(0, 6), id.AsSpan(8, 9)),
        DamageKind.Substitution => Substitute(id, rng),
        DamageKind.Swap => Swap(id, rng),
        DamageKind.Scientific => Scientific(id),
        DamageKind.TruncatedZeros => string.Concat(id.AsSpan(0, 15), "000"),
        DamageKind.Empty => string.Empty,
        DamageKind.CheckCharLost => id[..17],
        DamageKind.Certificate or DamageKind.Certificate15 or DamageKind.CertificateScientific => Certificate(kind, id, CertificateSuffix(rng)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a plain ID damage"),
    };

    /// <summary>
    /// A disability certificate number (残疾人证号) holding <paramref name="id"/>: the ID and <paramref name="suffix"/>
    /// (type and grade digits); on the old 15-digit ID; or the 20 digits as Excel shows them once kept as a number.
    /// </summary>
    public static string Certificate(DamageKind kind, string id, string suffix) => kind switch
    {
        DamageKind.Certificate => id + suffix,
        DamageKind.Certificate15 => string.Concat(id.AsSpan(0, 6), id.AsSpan(8, 9), suffix),
        DamageKind.CertificateScientific => Scientific20(id + suffix),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a certificate number"),
    };

    /// <summary>Type 1-7 and grade 1-4 of a certificate number.</summary>
    public static string CertificateSuffix(Random rng) =>
        string.Create(CultureInfo.InvariantCulture, $"{rng.Next(1, 8)}{rng.Next(1, 5)}");

    /// <summary>
    /// A 20-digit number as Excel keeps it, a double shown with 15 significant digits, rounded:
    /// 41088119570621123441 → 4.10881195706211E+19 (and …199… can round up into the birth date).
    /// </summary>
    private static string Scientific20(string digits)
    {
        var kept = decimal.Round(decimal.Parse(digits, CultureInfo.InvariantCulture) / 100_000m, MidpointRounding.AwayFromZero)
            .ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{kept[0]}.{kept.AsSpan(1)}E+{kept.Length + 4}");
    }

    /// <summary>
    /// A typo in one twin's ID. <paramref name="towardTwin"/>: the last sequence digit becomes the other twin's,
    /// so the corrections of the typo include both twins' IDs and only the name can tell them apart.
    /// </summary>
    public static string TwinTypo(string id, string twinId, bool towardTwin, Random rng)
    {
        if (towardTwin && id.AsSpan(0, 16).SequenceEqual(twinId.AsSpan(0, 16)) && id[16] != twinId[16])
        {
            var typo = string.Concat(id.AsSpan(0, 16), new string(twinId[16], 1), id.AsSpan(17));
            if (!typo.EndsWith("000", StringComparison.Ordinal))
            {
                return typo;
            }
        }

        return rng.Chance(0.5) ? Substitute(id, rng) : Swap(id, rng);
    }

    private static string Spaces(string id, Random rng) => rng.Next(6) switch
    {
        0 => " " + id + " ",
        1 => id[..6] + " " + id[6..14] + " " + id[14..],
        2 => id + "\t",
        3 => "\u3000" + id,
        4 => string.Concat(id.AsSpan(0, 6), "\u3000", id.AsSpan(6)),
        _ => id + "  ",
    };

    private static string FullWidth(string id) => string.Create(id.Length, id, static (dest, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            dest[i] = source[i] == 'X' ? 'Ｘ' : (char)('０' + (source[i] - '0'));
        }
    });

    /// <summary>Excel's General format of an 18-digit number: 4.19001E+17 (six significant digits).</summary>
    private static string Scientific(string id)
    {
        var fraction = id.AsSpan(1, 5).TrimEnd('0');
        return fraction.IsEmpty
            ? string.Concat(id.AsSpan(0, 1), "E+17")
            : string.Concat(id.AsSpan(0, 1), ".", fraction, "E+17");
    }

    private static string Substitute(string id, Random rng)
    {
        Span<char> text = stackalloc char[IdNumber.Length];
        while (true)
        {
            id.AsSpan().CopyTo(text);
            var position = rng.Next(IdNumber.Length);
            var digit = (char)('0' + rng.Next(10));
            if (!char.IsAsciiDigit(text[position]) || text[position] == digit)
            {
                continue;
            }

            text[position] = digit;
            if (!text.EndsWith("000") && !IdRules.IsValid18(text))
            {
                return new string(text);
            }
        }
    }

    private static string Swap(string id, Random rng)
    {
        Span<char> text = stackalloc char[IdNumber.Length];
        while (true)
        {
            id.AsSpan().CopyTo(text);
            var i = rng.Next(IdNumber.Length - 1);
            if (text[i] == text[i + 1])
            {
                continue;
            }

            (text[i], text[i + 1]) = (text[i + 1], text[i]);
            if (!text.EndsWith("000") && !IdRules.IsValid18(text))
            {
                return new string(text);
            }
        }
    }
}
