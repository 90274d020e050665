using System.Globalization;
using Matching.Ingest.HeaderMaps;

namespace Matching.Ingest.Tests.HeaderMaps;

/// <summary>Typed cells as departments type them, read into their stored form; what does not read is a problem.</summary>
public sealed class FieldTypesTests
{
    [Theory]
    [InlineData("2026-01-05")]
    [InlineData("2026-1-5")]
    [InlineData("2026/1/5")]
    [InlineData("2026/01/05")]
    [InlineData("2026.1.5")]
    [InlineData("20260105")]
    [InlineData("2026年1月5日")]
    [InlineData(" 2026年01月05日 ")]
    [InlineData("2026-01-05 00:00:00")]
    [InlineData("2026-01-05 14:30:00")]
    [InlineData("2026/1/5 8:05:00")]
    public void TryRead_DateAsClerksTypeIt_IsoDate(string raw)
    {
        Assert.True(FieldTypes.TryRead(FieldTypes.Date, raw, out var value, out var problem), problem);

        Assert.Equal("2026-01-05", value);
        Assert.Equal(string.Empty, problem);
    }

    [Fact]
    public void TryRead_ExcelCsvDateTimeWithoutSeconds_IsoDate()
    {
        Assert.True(FieldTypes.TryRead(FieldTypes.Date, "2026/1/5 0:00", out var value, out var problem), problem);

        Assert.Equal("2026-01-05", value);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("2026/1/32")]
    [InlineData("05/01/2026")]
    [InlineData("26-1-5")]
    [InlineData("明天")]
    [InlineData("45297")]
    public void TryRead_NotADate_FalseWithProblem(string raw)
    {
        Assert.False(FieldTypes.TryRead(FieldTypes.Date, raw, out _, out var problem));

        Assert.Equal("not a date", problem);
    }

    [Theory]
    [InlineData("1,234.50", "1234.50")]
    [InlineData("1，234.50", "1234.50")]
    [InlineData("¥12", "12")]
    [InlineData("￥12.5", "12.5")]
    [InlineData("12元", "12")]
    [InlineData("¥1,234.50元", "1234.50")]
    [InlineData(" 2305.52 ", "2305.52")]
    [InlineData("0", "0")]
    [InlineData("-15.00", "-15.00")]
    public void TryRead_AmountWithSeparatorsAndCurrency_InvariantDecimal(string raw, string expected)
    {
        Assert.True(FieldTypes.TryRead(FieldTypes.Amount, raw, out var value, out var problem), problem);

        Assert.Equal(expected, value);
        Assert.Equal(expected, decimal.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("十二元")]
    [InlineData("12.3.4")]
    [InlineData("12,3.4.5")]
    [InlineData("约100")]
    [InlineData("$12")]
    public void TryRead_NotAnAmount_FalseWithProblem(string raw)
    {
        Assert.False(FieldTypes.TryRead(FieldTypes.Amount, raw, out _, out var problem));

        Assert.Equal("not an amount", problem);
    }

    [Theory]
    [InlineData("是", "1")]
    [InlineData("否", "0")]
    [InlineData("Y", "1")]
    [InlineData("N", "0")]
    [InlineData("y", "1")]
    [InlineData("n", "0")]
    [InlineData(" 是 ", "1")]
    [InlineData("1", "1")]
    [InlineData("0", "0")]
    public void TryRead_YesNoFlag_OneOrZero(string raw, string expected)
    {
        Assert.True(FieldTypes.TryRead(FieldTypes.Flag, raw, out var value, out var problem), problem);

        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("也许")]
    [InlineData("是否")]
    [InlineData("2")]
    public void TryRead_NotAFlag_FalseWithProblemNamingYesNo(string raw)
    {
        Assert.False(FieldTypes.TryRead(FieldTypes.Flag, raw, out _, out var problem));

        Assert.Contains("是/否", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FieldTypes.Date)]
    [InlineData(FieldTypes.Amount)]
    [InlineData(FieldTypes.Flag)]
    [InlineData(FieldTypes.Text)]
    public void TryRead_EmptyOrBlankCell_EmptyValue(string type)
    {
        Assert.True(FieldTypes.TryRead(type, "   ", out var value, out _));

        Assert.Equal(string.Empty, value);
    }

    [Fact]
    public void TryRead_Text_KeptAsTypedButTrimmed()
    {
        Assert.True(FieldTypes.TryRead(FieldTypes.Text, " 济源市第一中学 ", out var value, out _));

        Assert.Equal("济源市第一中学", value);
    }

    [Theory]
    [InlineData("text", true)]
    [InlineData("date", true)]
    [InlineData("amount", true)]
    [InlineData("flag", true)]
    [InlineData("number", false)]
    [InlineData("Date", false)]
    public void IsKnown_DeclaredType_OnlyTheFour(string type, bool expected)
    {
        Assert.Equal(expected, FieldTypes.IsKnown(type));
    }
}
