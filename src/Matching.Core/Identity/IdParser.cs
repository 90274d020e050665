namespace Matching.Core.Identity;

/// <summary>
/// Reads any raw cell text as a resident ID: normalises it (<see cref="IdNormalizer"/>), then says what it is
/// (<see cref="IdKind"/>). Old 15-digit IDs are upgraded (insert 19, append the check character); a disability
/// certificate number (20 characters, or 17 on an old ID) yields the ID it embeds. Allocates nothing.
/// </summary>
public static partial class IdParser
{

    public static IdParseResult Parse(ReadOnlySpan<char> raw)
    {
        Span<char> buffer = stackalloc char[IdNormalizer.MaxLength];
        return Parse(raw, buffer);
    }

    /// <summary>
    /// Parses <paramref name="raw"/>, using <paramref name="buffer"/> (at least <see cref="IdNormalizer.MaxLength"/>
    /// chars) for the normalised text, which stays there for the caller (e.g. for <see cref="IdCorrections"/>).
    /// </summary>
    public static IdParseResult Parse(ReadOnlySpan<char> raw, Span<char> buffer)
    {
        var n = IdNormalizer.Normalize(raw, buffer, out var repairs);
        if (n == 0)
        {
            return new IdParseResult(IdKind.Empty, default, repairs, 0);
        }

        if (n > IdNormalizer.MaxLength)
        {
            var kind = IdRules.AllDigits(buffer[..IdNormalizer.MaxLength]) ? IdKind.WrongLength : IdKind.ForeignCharacters;
            return new IdParseResult(kind, default, repairs, n);
        }

        var text = buffer[..n];
        if (IsScientific(text))
        {
            return new IdParseResult(IdKind.ExcelDamaged, default, repairs, n);
        }

        return n switch
        {
            IdNumber.Length => Parse18(text, repairs),
            15 => Parse15(text, repairs),
            Certificate15Length => Parse17(text, repairs),
            CertificateLength => ParseCertificate(text, repairs),
            _ => new IdParseResult(ShapeKind(text), default, repairs, n),
        };
    }

    /// <summary>
    /// The ID cell as a warning names it while it stays unresolved: where Excel turned the number into scientific
    /// notation, the digits that survived (<c>4.10881195706216E+19</c> → <c>410881195706216</c>, the same for the
    /// same person whichever way the cell was exported); else the cell trimmed.
    /// </summary>
    public static string SubjectText(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Span<char> buffer = stackalloc char[IdNormalizer.MaxLength];
        var parsed = Parse(raw, buffer);
        if (parsed.Kind != IdKind.ExcelDamaged || parsed.Length > IdNormalizer.MaxLength || !IsScientific(buffer[..parsed.Length]))
        {
            return raw.Trim();
        }

        Span<char> digits = stackalloc char[IdNormalizer.MaxLength];
        return new string(digits[..SurvivingDigits(buffer[..parsed.Length], digits)]);
    }

    /// <summary>The digits that survived Excel's damage (the mantissa), for blocking on region and birth date.</summary>
    public static int SurvivingDigits(ReadOnlySpan<char> normalized, Span<char> dest)
    {
        var n = 0;
        foreach (var c in normalized)
        {
            if (c is 'E' or 'e')
            {
                break;
            }

            if (char.IsAsciiDigit(c) && n < dest.Length)
            {
                dest[n++] = c;
            }
        }

        return n;
    }

    private static IdParseResult Parse18(ReadOnlySpan<char> text, IdRepairs repairs)
    {
        if (!IdRules.AllDigits(text[..17]) || !(char.IsAsciiDigit(text[17]) || text[17] == 'X'))
        {
            return new IdParseResult(IdKind.ForeignCharacters, default, repairs, text.Length);
        }

        if (!IdRules.HasKnownProvince(text))
        {
            return new IdParseResult(IdKind.ProvinceUnknown, default, repairs, text.Length);
        }

        var checkOk = IdNumber.CheckChar(text) == text[17];
        if (!checkOk && text.EndsWith("000"))
        {
            // 419001199001011234 kept as a double reads back as 419001199001011000: 15 significant digits.
            return new IdParseResult(IdKind.ExcelDamaged, default, repairs, text.Length);
        }

        if (!IdRules.HasValidBirthDate(text[6..14]))
        {
            return new IdParseResult(IdKind.BirthDateInvalid, default, repairs, text.Length);
        }

        return checkOk
            ? new IdParseResult(IdKind.Valid18, IdNumber.FromValidated(text), repairs, text.Length)
            : new IdParseResult(IdKind.CheckCharWrong, default, repairs, text.Length);
    }

    private static IdParseResult Parse15(ReadOnlySpan<char> text, IdRepairs repairs)
    {
        if (!IdRules.AllDigits(text))
        {
            return new IdParseResult(IdKind.ForeignCharacters, default, repairs, text.Length);
        }

        Span<char> upgraded = stackalloc char[IdNumber.Length];
        Upgrade15(text, upgraded);
        if (!IdRules.HasKnownProvince(upgraded))
        {
            return new IdParseResult(IdKind.ProvinceUnknown, default, repairs, text.Length);
        }

        if (!IdRules.HasValidBirthDate(upgraded[6..14]))
        {
            return new IdParseResult(IdKind.BirthDateInvalid, default, repairs, text.Length);
        }

        return new IdParseResult(IdKind.Valid15, IdNumber.FromValidated(upgraded), repairs, text.Length);
    }

    /// <summary>15-digit → 18: insert "19" before the two-digit year, append the check character.</summary>
    public static void Upgrade15(ReadOnlySpan<char> id15, Span<char> dest18)
    {
        id15[..6].CopyTo(dest18);
        dest18[6] = '1';
        dest18[7] = '9';
        id15[6..].CopyTo(dest18[8..]);
        dest18[17] = IdNumber.CheckChar(dest18);
    }

    private static IdKind ShapeKind(ReadOnlySpan<char> text)
    {
        var body = text[^1] == 'X' ? text[..^1] : text;
        return IdRules.AllDigits(body) ? IdKind.WrongLength : IdKind.ForeignCharacters;
    }

    /// <summary>Excel's display of a large number: 4.19001E+17, 4.19001199001011e17.</summary>
    private static bool IsScientific(ReadOnlySpan<char> text)
    {
        // A plain loop: every cell is asked, nearly all of them 18 digits, and the vectorised search's call cost more
        // than the search (a tenth of the reader thread of `match`).
        var e = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] | 0x20) == 'e')
            {
                e = i;
                break;
            }
        }

        if (e <= 0 || e == text.Length - 1)
        {
            return false;
        }

        var mantissa = text[..e];
        var exponent = text[(e + 1)..];
        if (exponent[0] == '+')
        {
            exponent = exponent[1..];
        }

        var dot = mantissa.IndexOf('.');
        var mantissaOk = dot < 0
            ? IdRules.AllDigits(mantissa)
            : IdRules.AllDigits(mantissa[..dot]) && IdRules.AllDigits(mantissa[(dot + 1)..]) && dot > 0;
        return mantissaOk && exponent.Length > 0 && IdRules.AllDigits(exponent);
    }
}
