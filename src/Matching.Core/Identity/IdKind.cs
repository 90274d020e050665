namespace Matching.Core.Identity;

/// <summary>What a raw cell turned out to be when read as a resident ID number (居民身份证号码).</summary>
public enum IdKind : byte
{
    /// <summary>Nothing but whitespace or apostrophes.</summary>
    Empty = 0,

    /// <summary>A valid 18-character ID.</summary>
    Valid18,

    /// <summary>A valid old 15-digit ID (issued before 1999), upgraded to 18 characters.</summary>
    Valid15,

    /// <summary>A 20-character disability certificate number (残疾人证号): a valid ID plus type and grade digits.</summary>
    DisabilityCertificate,

    /// <summary>18 characters of the right shape whose check character does not agree with the first 17 digits.</summary>
    CheckCharWrong,

    /// <summary>The birth-date digits are not a real calendar date.</summary>
    BirthDateInvalid,

    /// <summary>The first two digits are no province code of GB/T 2260.</summary>
    ProvinceUnknown,

    /// <summary>Digits only, but neither 15, 18 nor 20 of them.</summary>
    WrongLength,

    /// <summary>Characters other than digits and a final X.</summary>
    ForeignCharacters,

    /// <summary>
    /// Excel turned the number into a float: scientific notation (<c>4.19001E+17</c>) or 18 digits whose last
    /// ones became zeros (only 15 significant digits survive). Unrecoverable from the ID alone.
    /// </summary>
    ExcelDamaged,
}
