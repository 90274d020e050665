using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

public class IdParseResultTests
{
    private static readonly IdNumber Zhang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 1, 1), 123);

    [Theory]
    [InlineData(IdKind.Valid18, true)]
    [InlineData(IdKind.Valid15, true)]
    [InlineData(IdKind.DisabilityCertificate, true)]
    [InlineData(IdKind.Empty, false)]
    [InlineData(IdKind.CheckCharWrong, false)]
    [InlineData(IdKind.BirthDateInvalid, false)]
    [InlineData(IdKind.ProvinceUnknown, false)]
    [InlineData(IdKind.WrongLength, false)]
    [InlineData(IdKind.ForeignCharacters, false)]
    [InlineData(IdKind.ExcelDamaged, false)]
    public void IsValid_Kind_TrueOnlyForUsableIds(IdKind kind, bool expected)
    {
        Assert.Equal(expected, new IdParseResult(kind, default, IdRepairs.None, 18).IsValid);
    }

    [Fact]
    public void IsExact_Valid18WithoutRepairs_True()
    {
        Assert.True(new IdParseResult(IdKind.Valid18, Zhang, IdRepairs.None, 18).IsExact);
    }

    [Theory]
    [InlineData(IdRepairs.Whitespace)]
    [InlineData(IdRepairs.FullWidth)]
    [InlineData(IdRepairs.LowercaseX)]
    [InlineData(IdRepairs.Apostrophe)]
    [InlineData(IdRepairs.TrailingDecimal)]
    public void IsExact_Valid18WithAnyRepair_False(IdRepairs repairs)
    {
        Assert.False(new IdParseResult(IdKind.Valid18, Zhang, repairs, 18).IsExact);
    }

    [Theory]
    [InlineData(IdKind.Valid15, 15)]
    [InlineData(IdKind.DisabilityCertificate, 20)]
    public void IsExact_UpgradedOrCertificate_False(IdKind kind, int length)
    {
        Assert.False(new IdParseResult(kind, Zhang, IdRepairs.None, length).IsExact);
    }

    [Theory]
    [InlineData(IdKind.CheckCharWrong)]
    [InlineData(IdKind.BirthDateInvalid)]
    [InlineData(IdKind.ProvinceUnknown)]
    [InlineData(IdKind.ForeignCharacters)]
    [InlineData(IdKind.ExcelDamaged)]
    public void IsCorrectable_InvalidEighteenCharacters_True(IdKind kind)
    {
        Assert.True(new IdParseResult(kind, default, IdRepairs.None, 18).IsCorrectable);
    }

    [Theory]
    [InlineData(IdKind.CheckCharWrong, 17)]
    [InlineData(IdKind.ForeignCharacters, 20)]
    [InlineData(IdKind.ExcelDamaged, 11)]
    [InlineData(IdKind.BirthDateInvalid, 15)]
    [InlineData(IdKind.WrongLength, 18)]
    [InlineData(IdKind.Empty, 18)]
    [InlineData(IdKind.Valid18, 18)]
    public void IsCorrectable_OtherLengthOrKind_False(IdKind kind, int length)
    {
        Assert.False(new IdParseResult(kind, default, IdRepairs.None, length).IsCorrectable);
    }

    [Theory]
    [InlineData(IdKind.Empty, "empty")]
    [InlineData(IdKind.ForeignCharacters, "characters: only digits and a final X are allowed")]
    [InlineData(IdKind.CheckCharWrong, "check character: does not agree with the first 17 digits")]
    [InlineData(IdKind.BirthDateInvalid, "birth date: not a real date")]
    [InlineData(IdKind.ProvinceUnknown, "province code: no such province")]
    [InlineData(IdKind.ExcelDamaged, "excel damaged: stored as a number, the last digits are lost")]
    [InlineData(IdKind.Valid18, "")]
    [InlineData(IdKind.Valid15, "")]
    [InlineData(IdKind.DisabilityCertificate, "")]
    public void Reason_Kind_IsShortEnglishText(IdKind kind, string expected)
    {
        Assert.Equal(expected, new IdParseResult(kind, default, IdRepairs.None, 18).Reason);
    }

    [Fact]
    public void Reason_WrongLength_CountsTheDigits()
    {
        var parsed = IdParser.Parse("4190011990010112");

        Assert.Equal("length: 16 digits, expected 18 or 15", parsed.Reason);
    }

    [Fact]
    public void Reason_AnyInvalidId_NeverHoldsTheDigits()
    {
        const string raw = "419001199001011231";

        Assert.DoesNotContain(raw, IdParser.Parse(raw).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ValidResult_HoldsOnlyTheMaskedId()
    {
        var text = IdParser.Parse(Zhang.Value).ToString();

        Assert.Contains(Zhang.Masked, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Zhang.Value[..17], text, StringComparison.Ordinal);
    }
}
