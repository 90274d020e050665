using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

public class IdRulesTests
{
    [Theory]
    [InlineData("11")]
    [InlineData("41")]
    [InlineData("65")]
    [InlineData("71")]
    [InlineData("81")]
    [InlineData("82")]
    [InlineData("83")]
    [InlineData("419001199001011230")]
    public void HasKnownProvince_ProvinceOfGbT2260_ReturnsTrue(string text)
    {
        Assert.True(IdRules.HasKnownProvince(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4")]
    [InlineData("00")]
    [InlineData("10")]
    [InlineData("16")]
    [InlineData("24")]
    [InlineData("47")]
    [InlineData("66")]
    [InlineData("72")]
    [InlineData("84")]
    [InlineData("99")]
    [InlineData("X1")]
    [InlineData("４１")]
    public void HasKnownProvince_NoSuchProvince_ReturnsFalse(string text)
    {
        Assert.False(IdRules.HasKnownProvince(text));
    }

    [Fact]
    public void HasKnownProvince_EveryTestProvince_ReturnsTrue()
    {
        foreach (var province in TestIds.Provinces)
        {
            Assert.True(IdRules.HasKnownProvince($"{province}"), $"province {province}");
        }
    }

    [Theory]
    [InlineData("19900101")]
    [InlineData("20000229")] // leap year: divisible by 400
    [InlineData("19960229")]
    [InlineData("18800101")] // MinBirthYear
    [InlineData("20991231")] // MaxBirthYear
    [InlineData("19991231")]
    public void HasValidBirthDate_RealDate_ReturnsTrue(string yyyymmdd)
    {
        Assert.True(IdRules.HasValidBirthDate(yyyymmdd));
    }

    [Theory]
    [InlineData("19901301")] // month 13
    [InlineData("19900001")] // month 0
    [InlineData("19900230")] // 30 February
    [InlineData("19000229")] // 1900 is no leap year
    [InlineData("19970229")]
    [InlineData("19900431")] // 31 April
    [InlineData("19900100")] // day 0
    [InlineData("19900132")]
    [InlineData("18791231")] // before MinBirthYear
    [InlineData("21000101")] // after MaxBirthYear
    [InlineData("1990010")]
    [InlineData("199001011")]
    [InlineData("1990O101")]
    [InlineData("")]
    public void HasValidBirthDate_NotARealDateInRange_ReturnsFalse(string yyyymmdd)
    {
        Assert.False(IdRules.HasValidBirthDate(yyyymmdd));
    }

    [Fact]
    public void IsValid18_CanonicalId_ReturnsTrue()
    {
        Assert.True(IdRules.IsValid18(TestIds.Valid(3).Value));
        Assert.True(IdRules.IsValid18(TestIds.WithCheck('X', new DateOnly(1975, 6, 30)).Value));
    }

    [Theory]
    [InlineData("419001199001011231")] // wrong check character
    [InlineData("41900119900101123")] // 17 characters
    [InlineData("4190011990010112300")] // 19 characters
    [InlineData("41900119900101123x")] // lowercase x is not canonical
    [InlineData("００19001199001011230")]
    public void IsValid18_NotCanonical_ReturnsFalse(string text)
    {
        Assert.False(IdRules.IsValid18(text));
    }

    [Fact]
    public void IsValid18_UnknownProvinceWithRightCheck_ReturnsFalse()
    {
        Assert.False(IdRules.IsValid18(TestIds.WithCheckChar("99900119900101123")));
    }

    [Fact]
    public void IsValid18_ImpossibleDateWithRightCheck_ReturnsFalse()
    {
        Assert.False(IdRules.IsValid18(TestIds.WithCheckChar("41900119900230123")));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("0123456789", true)]
    [InlineData("12X", false)]
    [InlineData("１２", false)] // full-width digits are not ASCII digits
    [InlineData(" 1", false)]
    public void AllDigits_Text_TrueOnlyForAsciiDigits(string text, bool expected)
    {
        Assert.Equal(expected, IdRules.AllDigits(text));
    }
}
