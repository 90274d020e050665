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

    /// <summary>
    /// A 17-digit disability certificate number issued on an old 15-digit ID: the ID (upgraded to 18) plus type
    /// (1-7) and grade (1-4) digits. Only when the 17 digits cannot also be an 18-character ID without its check
    /// character (else <see cref="SeventeenDigits"/>).
    /// </summary>
    DisabilityCertificate15,

    /// <summary>18 characters of the right shape whose check character does not agree with the first 17 digits.</summary>
    CheckCharWrong,

    /// <summary>The birth-date digits are not a real calendar date.</summary>
    BirthDateInvalid,

    /// <summary>The first two digits are no province code of GB/T 2260.</summary>
    ProvinceUnknown,

    /// <summary>
    /// 17 digits that read as an 18-character ID whose check character was lost (and perhaps also as a certificate
    /// number on an old 15-digit ID, <see cref="IdParser.TryReadCertificate15"/>). Without a check character a typo
    /// goes unseen, so which ID is meant, if any, the database and the name decide.
    /// </summary>
    SeventeenDigits,

    /// <summary>Digits only, but no length an ID or a certificate number has (or no valid reading of one).</summary>
    WrongLength,

    /// <summary>Characters other than digits and a final X.</summary>
    ForeignCharacters,

    /// <summary>
    /// Excel turned the number into a float: scientific notation (<c>4.19001E+17</c>) or 18 digits whose last
    /// ones became zeros (only 15 significant digits survive). Unrecoverable from the ID alone.
    /// </summary>
    ExcelDamaged,
}
