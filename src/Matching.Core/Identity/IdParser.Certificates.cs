namespace Matching.Core.Identity;

/// <summary>
/// Disability certificate numbers (残疾人证号): the holder's ID followed by the disability type (1-7) and grade (1-4).
/// 20 characters on an 18-character ID; 17 digits on an old 15-digit one, which an 18-character ID that lost its
/// check character also has: both readings are offered, and the matcher lets the database and the name decide.
/// </summary>
public static partial class IdParser
{
    private const int CertificateLength = IdNumber.Length + 2;
    private const int Certificate15Length = 15 + 2;

    /// <summary>Excel's full display of a 20-digit number kept as a double: 15 significant digits, then zeros.</summary>
    private const string ExcelTail20 = "00000";

    /// <summary>
    /// Reads 17 digits as a certificate number on an old 15-digit ID: a valid 15-digit ID, then a type digit 1-7 and
    /// a grade digit 1-4. <paramref name="id"/> is the ID upgraded to 18 characters.
    /// </summary>
    public static bool TryReadCertificate15(ReadOnlySpan<char> text, out IdNumber id)
    {
        id = default;
        if (text.Length != Certificate15Length || !IsTypeAndGrade(text[15], text[16]))
        {
            return false;
        }

        var inner = Parse15(text[..15], IdRepairs.None);
        id = inner.Id;
        return inner.Kind == IdKind.Valid15;
    }

    /// <summary>
    /// Reads 17 digits as an 18-character ID whose check character was lost: valid once it is appended.
    /// <paramref name="id"/> is that ID. Nothing checks the digits themselves: a name must confirm it.
    /// </summary>
    public static bool TryReadWithoutCheck(ReadOnlySpan<char> text, out IdNumber id)
    {
        id = default;
        if (text.Length != Certificate15Length || !IdRules.AllDigits(text))
        {
            return false;
        }

        Span<char> full = stackalloc char[IdNumber.Length];
        text.CopyTo(full);
        full[17] = IdNumber.CheckChar(full);
        var parsed = Parse18(full, IdRepairs.None);
        id = parsed.Id;
        return parsed.Kind == IdKind.Valid18;
    }

    private static IdParseResult ParseCertificate(ReadOnlySpan<char> text, IdRepairs repairs)
    {
        if (!IsTypeAndGrade(text[18], text[19]))
        {
            // 41088119570621100000: a 20-digit number Excel kept as a double and showed in full.
            var kind = text.EndsWith(ExcelTail20) && IdRules.AllDigits(text) ? IdKind.ExcelDamaged : ShapeKind(text);
            return new IdParseResult(kind, default, repairs, text.Length);
        }

        var inner = Parse18(text[..IdNumber.Length], repairs);
        return inner.Kind == IdKind.Valid18
            ? inner with { Kind = IdKind.DisabilityCertificate, Length = text.Length }
            : inner;
    }

    private static IdParseResult Parse17(ReadOnlySpan<char> text, IdRepairs repairs)
    {
        var withoutCheck = TryReadWithoutCheck(text, out _);
        if (TryReadCertificate15(text, out var id) && !withoutCheck)
        {
            return new IdParseResult(IdKind.DisabilityCertificate15, id, repairs, text.Length);
        }

        return new IdParseResult(withoutCheck ? IdKind.SeventeenDigits : ShapeKind(text), default, repairs, text.Length);
    }

    /// <summary>Disability type 1-7 (视力, 听力, 言语, 肢体, 智力, 精神, 多重) and grade 1-4 (一级 … 四级).</summary>
    private static bool IsTypeAndGrade(char type, char grade) => type is >= '1' and <= '7' && grade is >= '1' and <= '4';
}
