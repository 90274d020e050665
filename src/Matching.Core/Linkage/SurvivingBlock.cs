using System.Globalization;
using Matching.Core.Identity;

namespace Matching.Core.Linkage;

/// <summary>
/// A block of persons an unusable ID still points to: the first 14 digits that survived (region and birth date,
/// the key divided by 1,000) and the range the first sequence digit may have had. Excel keeps 15 significant digits
/// and rounds the 15th, so the true first 15 are the kept ones or one less; a kept 0 may be a 9 rounded up into the
/// birth date (4108811957062199… is kept as 410881195706220), which makes the day before a second block.
/// </summary>
/// <param name="Prefix">The first 14 digits.</param>
/// <param name="LowDigit">Lowest first sequence digit (the 15th digit) a person of the block may have.</param>
/// <param name="HighDigit">Highest.</param>
/// <param name="HasSequenceDigit">True when 15 digits survived, false when only 14 did (any sequence digit).</param>
internal readonly record struct SurvivingBlock(long Prefix, int LowDigit, int HighDigit, bool HasSequenceDigit)
{
    /// <summary>Most blocks one ID points to.</summary>
    public const int Max = 2;

    /// <summary>Digits of <see cref="Prefix"/>: region (6) and birth date (8).</summary>
    public const int PrefixDigits = 14;

    /// <summary>
    /// Writes the blocks the surviving digits of an unusable ID point to into <paramref name="blocks"/> (at least
    /// <see cref="Max"/> long) and returns how many: the mantissa of Excel's scientific form of an 18-digit number or
    /// of a 20-character certificate number (up to 15 digits), the 15 kept digits of one whose tail became zeros, or
    /// the first 14 of a mistyped 18-digit or wrong-length one; only blocks whose region and birth date are real.
    /// </summary>
    public static int Find(IdParseResult parsed, ReadOnlySpan<char> normalized, Span<SurvivingBlock> blocks)
    {
        Span<char> digits = stackalloc char[15];
        var n = SurvivingDigits(parsed, normalized, digits);

        // Fewer digits (Excel's "4.19001E+17" keeps 6) leave the region alone: a name is no key to a whole
        // county, measured: strangers sharing a member's name there made most such matches wrong.
        if (n < PrefixDigits)
        {
            return 0;
        }

        var kept = long.Parse(digits[..n], NumberStyles.None, CultureInfo.InvariantCulture);
        if (n == PrefixDigits)
        {
            blocks[0] = new SurvivingBlock(kept, 0, 9, HasSequenceDigit: false);
            return IsReal(kept) ? 1 : 0;
        }

        var count = 0;
        var digit = (int)(kept % 10);
        if (IsReal(kept / 10))
        {
            blocks[count++] = new SurvivingBlock(kept / 10, Math.Max(digit - 1, 0), digit, HasSequenceDigit: true);
        }

        if (digit == 0 && IsReal((kept - 1) / 10))
        {
            blocks[count++] = new SurvivingBlock((kept - 1) / 10, 9, 9, HasSequenceDigit: true);
        }

        return count;
    }

    private static int SurvivingDigits(IdParseResult parsed, ReadOnlySpan<char> normalized, Span<char> digits)
    {
        var exponentAt = normalized.IndexOfAny('E', 'e');
        if (parsed.Kind == IdKind.ExcelDamaged && exponentAt > 0)
        {
            // 18 digits (E+17) or a 20-character certificate number (E+19): the mantissa holds the ID's first digits.
            var exponent = normalized[(exponentAt + 1)..].TrimStart('+');
            return exponent is "17" or "19" ? IdParser.SurvivingDigits(normalized, digits) : 0;
        }

        if (parsed.Kind == IdKind.ExcelDamaged)
        {
            // 18 digits ending 000, or 20 ending 00000: 15 significant digits.
            normalized[..15].CopyTo(digits);
            return 15;
        }

        if (parsed.Kind is IdKind.WrongLength or IdKind.SeventeenDigits or IdKind.CheckCharWrong or IdKind.BirthDateInvalid
                or IdKind.ProvinceUnknown
            && normalized.Length >= PrefixDigits && IdRules.AllDigits(normalized[..PrefixDigits]))
        {
            normalized[..PrefixDigits].CopyTo(digits);
            return PrefixDigits;
        }

        return 0;
    }

    /// <summary>A real region and birth date.</summary>
    private static bool IsReal(long prefix)
    {
        Span<char> text = stackalloc char[PrefixDigits];
        return prefix.TryFormat(text, out var written, "D14", CultureInfo.InvariantCulture) && written == PrefixDigits
            && IdRules.HasKnownProvince(text) && IdRules.HasValidBirthDate(text[6..]);
    }
}
