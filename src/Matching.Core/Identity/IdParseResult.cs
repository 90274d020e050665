namespace Matching.Core.Identity;

/// <summary>What <see cref="IdParser"/> made of one raw cell. A small value: parsing allocates nothing.</summary>
/// <param name="Kind">What the text is.</param>
/// <param name="Id">The canonical ID when <see cref="IsValid"/>; default otherwise.</param>
/// <param name="Repairs">What normalising had to change.</param>
/// <param name="Length">Length of the normalised text (digits counted for the reason text).</param>
public readonly record struct IdParseResult(IdKind Kind, IdNumber Id, IdRepairs Repairs, int Length)
{
    /// <summary>True for a valid 18-character ID, an upgraded 15-digit one and a certificate number that holds one.</summary>
    public bool IsValid => Kind is IdKind.Valid18 or IdKind.Valid15 or IdKind.DisabilityCertificate or IdKind.DisabilityCertificate15;

    /// <summary>True when the text was canonical as it stood: a valid 18-character ID needing no repair.</summary>
    public bool IsExact => Kind == IdKind.Valid18 && Repairs == IdRepairs.None;

    /// <summary>
    /// True when the ID is 18 characters of the right shape but fails a rule: one wrong or swapped
    /// character may be to blame, so <see cref="IdCorrections"/> can propose the IDs it may have been.
    /// </summary>
    public bool IsCorrectable => Length == IdNumber.Length
        && Kind is IdKind.CheckCharWrong or IdKind.BirthDateInvalid or IdKind.ProvinceUnknown
            or IdKind.ForeignCharacters or IdKind.ExcelDamaged;

    /// <summary>A short English reason for an invalid ID, as the CLI and reject reports print it.</summary>
    public string Reason => Kind switch
    {
        IdKind.Empty => "empty",
        IdKind.WrongLength => Length > IdNormalizer.MaxLength
            ? $"length: more than {IdNormalizer.MaxLength} characters, expected 18 or 15"
            : $"length: {Length} digits, expected 18 or 15",
        IdKind.SeventeenDigits => "17 digits: an ID without its check character, or a certificate number on a 15-digit ID",
        IdKind.ForeignCharacters => "characters: only digits and a final X are allowed",
        IdKind.CheckCharWrong => "check character: does not agree with the first 17 digits",
        IdKind.BirthDateInvalid => "birth date: not a real date",
        IdKind.ProvinceUnknown => "province code: no such province",
        IdKind.ExcelDamaged => "excel damaged: stored as a number, the last digits are lost",
        _ => string.Empty,
    };
}
