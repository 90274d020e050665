using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

public partial class IdParserTests
{
    [Theory]
    [InlineData("419001199001011231")]
    [InlineData("41900119900101123X")]
    public void Parse_WrongCheckChar_IsCheckCharWrong(string raw)
    {
        var parsed = IdParser.Parse(raw);

        Assert.Equal(IdKind.CheckCharWrong, parsed.Kind);
        Assert.Equal(default, parsed.Id);
        Assert.False(parsed.IsValid);
        Assert.True(parsed.IsCorrectable);
    }

    [Theory]
    [InlineData("41900119901301123")] // month 13
    [InlineData("41900119900230123")] // 30 February
    [InlineData("41900119000229123")] // 1900 is no leap year
    [InlineData("41900119900100123")] // day 0
    [InlineData("41900118790101123")] // before 1880
    public void Parse_ImpossibleBirthDate_IsBirthDateInvalid(string first17)
    {
        // The check character agrees, so only the date is wrong.
        var parsed = IdParser.Parse(TestIds.WithCheckChar(first17));

        Assert.Equal(IdKind.BirthDateInvalid, parsed.Kind);
        Assert.False(parsed.IsValid);
        Assert.True(parsed.IsCorrectable);
    }

    [Theory]
    [InlineData("419001691301123")] // month 13
    [InlineData("419001650230123")] // 30 February
    public void Parse_ImpossibleBirthDateIn15Digits_IsBirthDateInvalid(string raw)
    {
        Assert.Equal(IdKind.BirthDateInvalid, IdParser.Parse(raw).Kind);
    }

    [Theory]
    [InlineData("00900119900101123")]
    [InlineData("99900119900101123")]
    [InlineData("10900119900101123")]
    [InlineData("72900119900101123")]
    public void Parse_UnknownProvince_IsProvinceUnknown(string first17)
    {
        var parsed = IdParser.Parse(TestIds.WithCheckChar(first17));

        Assert.Equal(IdKind.ProvinceUnknown, parsed.Kind);
        Assert.True(parsed.IsCorrectable);
    }

    [Theory]
    [InlineData("009001650308042")]
    [InlineData("999001650308042")]
    public void Parse_UnknownProvinceIn15Digits_IsProvinceUnknown(string raw)
    {
        Assert.Equal(IdKind.ProvinceUnknown, IdParser.Parse(raw).Kind);
    }

    [Theory]
    [InlineData("4", 1)]
    [InlineData("41900119900101", 14)]
    [InlineData("4190011990010112", 16)]
    [InlineData("41900119901301123", 17)] // month 13 read either way: no ID without its check, no certificate
    [InlineData("4190011990010112X", 17)]
    [InlineData("4190011990010112301", 19)]
    [InlineData("419001199001011230123", 21)]
    [InlineData("41900119900101123088", 20)] // certificate shape, but type 8 and grade 8 do not exist
    [InlineData("41900119900101123005", 20)] // type 0
    [InlineData("41900119900101123015", 20)] // grade 5
    public void Parse_DigitsOfWrongCount_IsWrongLength(string raw, int length)
    {
        var parsed = IdParser.Parse(raw);

        Assert.Equal(IdKind.WrongLength, parsed.Kind);
        Assert.Equal(length, parsed.Length);
        Assert.False(parsed.IsCorrectable);
    }

    [Fact]
    public void Parse_FarTooManyDigits_IsWrongLength()
    {
        var parsed = IdParser.Parse(new string('4', 40));

        Assert.Equal(IdKind.WrongLength, parsed.Kind);
        Assert.True(parsed.Length > IdNormalizer.MaxLength);
    }

    [Theory]
    [InlineData("41900119900101123A")]
    [InlineData("4190011990X1011230")]
    [InlineData("419001-19900101-1230")]
    [InlineData("419001'199001011230")]
    [InlineData("41900165030804X")]
    [InlineData("unknown")]
    [InlineData("无")]
    [InlineData("419001199001011230/419001199001011231")]
    public void Parse_CharactersOtherThanDigitsAndFinalX_IsForeignCharacters(string raw)
    {
        var parsed = IdParser.Parse(raw);

        Assert.Equal(IdKind.ForeignCharacters, parsed.Kind);
        Assert.False(parsed.IsValid);
    }

    [Theory]
    [InlineData("4.19001E+17")]
    [InlineData("4.19001199001011E+17")]
    [InlineData("4.19001e+17")]
    [InlineData("4.19001E17")]
    [InlineData("4E+17")]
    public void Parse_ScientificNotation_IsExcelDamaged(string raw)
    {
        var parsed = IdParser.Parse(raw);

        Assert.Equal(IdKind.ExcelDamaged, parsed.Kind);
        Assert.False(parsed.IsValid);
        Assert.False(parsed.IsCorrectable);
    }

    [Fact]
    public void Parse_EighteenDigitsEndingInThousandWithWrongCheck_IsExcelDamaged()
    {
        // 419001199001011234 stored as a double reads back as 419001199001011000.
        Assert.NotEqual('0', IdNumber.CheckChar("41900119900101100"));

        var parsed = IdParser.Parse("419001199001011000");

        Assert.Equal(IdKind.ExcelDamaged, parsed.Kind);
        Assert.True(parsed.IsCorrectable);
    }
}
