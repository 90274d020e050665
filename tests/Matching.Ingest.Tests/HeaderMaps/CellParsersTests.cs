using Matching.Core.Departments;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Tables;

namespace Matching.Ingest.Tests.HeaderMaps;

/// <summary>Typed cells as departments type them, read into typed values; what does not read is a problem.</summary>
public sealed class CellParsersTests
{
    private static readonly HeaderMap Map = new() { Source = "test" };
    private static readonly CellParsers Parsers = new(Map, IngestLimits.Default);

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
    [InlineData("2026/1/5 0:00")]
    public void TryDate_DateAsClerksTypeIt_TheDate(string raw)
    {
        Assert.True(Parsers.TryDate(raw, out var date, out var problem), problem);

        Assert.Equal(new DateOnly(2026, 1, 5), date);
        Assert.Equal(string.Empty, problem);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("2026/1/32")]
    [InlineData("05/01/2026")]
    [InlineData("26-1-5")]
    [InlineData("明天")]
    [InlineData("45297")]
    public void TryDate_NotADate_FalseWithProblem(string raw)
    {
        Assert.False(Parsers.TryDate(raw, out _, out var problem));

        Assert.Equal("not a date", problem);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("9999-12-31")]
    [InlineData("2101-01-01")]
    public void TryDate_OutsideTheSaneRange_RefusedNamingTheSettings(string raw)
    {
        Assert.False(Parsers.TryDate(raw, out _, out var problem));

        Assert.Contains("ingest:minDate", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDate_RangeConfigured_Honoured()
    {
        var narrow = new CellParsers(Map, IngestLimits.Default with { MinDate = new DateOnly(2020, 1, 1) });

        Assert.False(narrow.TryDate("2019-12-31", out _, out _));
        Assert.True(narrow.TryDate("2020-01-01", out _, out _));
    }

    [Theory]
    [InlineData("1,234.50", 123450)]
    [InlineData("1，234.50", 123450)]
    [InlineData("¥12", 1200)]
    [InlineData("￥12.5", 1250)]
    [InlineData("12元", 1200)]
    [InlineData("¥1,234.50元", 123450)]
    [InlineData(" 2305.52 ", 230552)]
    [InlineData("0", 0)]
    [InlineData("0.005", 1)]
    public void TryAmount_WithSeparatorsAndCurrency_Fen(string raw, long fen)
    {
        Assert.True(Parsers.TryAmount(raw, refunds: false, out var value, out var problem), problem);

        Assert.Equal(fen, value);
    }

    [Theory]
    [InlineData("1234.50", 123450)]
    [InlineData("1234.5", 123450)]
    [InlineData("1234", 123400)]
    [InlineData("0.01", 1)]
    [InlineData("007.10", 710)]
    [InlineData("-0.00", 0)]
    [InlineData("100000000", 10000000000)]
    [InlineData("100000000.00", 10000000000)]
    [InlineData(" 88.8\t", 8880)]
    [InlineData("12.", 1200)]
    [InlineData(".5", 50)]
    [InlineData("+12.34", 1234)]
    [InlineData("12.345", 1235)]
    [InlineData("-12.345", -1235)]
    [InlineData("1 234.5", 123450)]
    public void TryAmount_PlainOrNot_TheSameAsTheDecimalItReadsAs(string raw, long fen)
    {
        // Plain amounts are read straight into fen; the others (no whole digit, a sign other than minus, three
        // decimals, a space inside) through decimal parsing: both give what the decimal rounds to.
        var yuan = decimal.Parse(raw.Replace(" ", string.Empty, StringComparison.Ordinal).Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(Parsers.TryAmount(raw, refunds: true, out var value, out var problem), problem);

        Assert.Equal(fen, value);
        Assert.Equal(Fen.FromYuan(yuan), value);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-5")]
    public void TryAmount_PlainNegative_RefusedUnlessTheFieldTakesRefunds(string raw)
    {
        Assert.False(Parsers.TryAmount(raw, refunds: false, out _, out var problem));
        Assert.Equal("a negative amount (this field takes no refunds)", problem);
        Assert.True(Parsers.TryAmount(raw, refunds: true, out var fen, out _));
        Assert.True(fen < 0);
    }

    [Theory]
    [InlineData("2026-11-05", true)]
    [InlineData(" 2026-11-05 ", true)]
    [InlineData("2024-02-29", true)]
    [InlineData("2026-02-29", false)]
    [InlineData("2026-04-31", false)]
    [InlineData("0000-01-01", false)]
    [InlineData("2026-00-05", false)]
    [InlineData("2026-11-00", false)]
    [InlineData("2026-11-5", true)]
    [InlineData("2026-1105", false)]
    [InlineData("2026-11-0a", false)]
    [InlineData("9999-12-31", true)]
    public void ParseDate_IsoFormReadByHand_SameAsTheFormats(string raw, bool valid)
    {
        var read = CellParsers.ParseDate(raw, out var date);
        var byFormat = DateOnly.TryParseExact(raw.Trim(), "yyyy-M-d", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var expected);

        Assert.Equal(valid, read);
        Assert.Equal(byFormat, read);
        Assert.Equal(expected, date);
    }

    [Theory]
    [InlineData("十二元")]
    [InlineData("12.3.4")]
    [InlineData("12,3.4.5")]
    [InlineData("约100")]
    [InlineData("$12")]
    public void TryAmount_NotAnAmount_FalseWithProblem(string raw)
    {
        Assert.False(Parsers.TryAmount(raw, refunds: false, out _, out var problem));

        Assert.Equal("not an amount", problem);
    }

    [Theory]
    [InlineData("50000000000000000000000000000")]
    [InlineData("100000000.01")]
    [InlineData("-100000000.01")]
    public void TryAmount_BeyondMaxAmount_RefusedNamingTheSetting(string raw)
    {
        Assert.False(Parsers.TryAmount(raw, refunds: true, out _, out var problem));

        Assert.Contains("ingest:maxAmount", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAmount_Negative_RefusedUnlessTheFieldTakesRefunds()
    {
        Assert.False(Parsers.TryAmount("-15.00", refunds: false, out _, out var problem));
        Assert.Contains("negative", problem, StringComparison.Ordinal);

        Assert.True(Parsers.TryAmount("-15.00", refunds: true, out var fen, out _));
        Assert.Equal(-1500, fen);
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("Y", true)]
    [InlineData("N", false)]
    [InlineData("y", true)]
    [InlineData("n", false)]
    [InlineData(" 是 ", true)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("√", true)]
    [InlineData("×", false)]
    [InlineData("有", true)]
    [InlineData("无", false)]
    public void TryFlag_YesNoWord_TheFlag(string raw, bool expected)
    {
        Assert.True(Parsers.TryFlag(raw, out var flag));

        Assert.Equal(expected, flag);
    }

    [Theory]
    [InlineData("也许")]
    [InlineData("是否")]
    [InlineData("2")]
    public void TryRead_NotAFlag_FalseWithProblemNamingYesNo(string raw)
    {
        var field = new RecordField("hardship", FieldType.Flag, 0, "是否家庭经济困难");

        Assert.False(Parsers.TryRead(field, new FieldSpec { Type = FieldType.Flag }, raw, new RecordValues(), out var problem));

        Assert.Contains("是/否", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFlag_MapVocabulary_ReplacesTheDefaults()
    {
        var map = Map with
        {
            Values = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
            {
                ["flag"] = new Dictionary<string, IReadOnlyList<string>> { ["yes"] = ["困难"], ["no"] = ["不困难"] },
            },
        };
        var parsers = new CellParsers(map, IngestLimits.Default);

        Assert.True(parsers.TryFlag("困难", out var yes) && yes);
        Assert.True(parsers.TryFlag("不困难", out var no) && !no);
        Assert.False(parsers.TryFlag("是", out _));
    }

    [Theory]
    [InlineData(FieldType.Date)]
    [InlineData(FieldType.Amount)]
    [InlineData(FieldType.Flag)]
    [InlineData(FieldType.Text)]
    public void TryRead_EmptyOrBlankCell_NoValue(FieldType type)
    {
        var field = new RecordField("f", type, 0, "f");
        var values = new RecordValues();

        Assert.True(Parsers.TryRead(field, new FieldSpec { Type = type }, "   ", values, out _));

        Assert.False(values.Has(field));
    }

    [Fact]
    public void TryRead_Text_KeptAsTypedButTrimmed()
    {
        var field = new RecordField("school", FieldType.Text, 1, "学校");
        var values = new RecordValues();

        Assert.True(Parsers.TryRead(field, new FieldSpec(), " 济源市第一中学 ", values, out _));

        Assert.Equal("济源市第一中学", values.Text(1));
    }

    [Theory]
    [InlineData("一级", "1")]
    [InlineData("1级", "1")]
    [InlineData("I级", "1")]
    [InlineData("二级", "2")]
    [InlineData(" 2 ", "2")]
    public void TryRead_CodeField_CanonicalCodeInItsTextSlot(string raw, string code)
    {
        var map = Map with { Fields = new Dictionary<string, FieldSpec> { ["grade"] = new() { Type = FieldType.Code } } };
        var parsers = new CellParsers(map, IngestLimits.Default);
        var field = new RecordField("grade", FieldType.Code, 1, "残疾等级");
        var values = new RecordValues();

        Assert.True(parsers.TryRead(field, map.Fields["grade"], raw, values, out var problem), problem);

        Assert.Equal(code, values.Text(1));
    }

    [Fact]
    public void TryRead_CodeOutsideTheVocabulary_ProblemListsTheValues()
    {
        var map = Map with { Fields = new Dictionary<string, FieldSpec> { ["grade"] = new() { Type = FieldType.Code } } };
        var parsers = new CellParsers(map, IngestLimits.Default);

        Assert.False(parsers.TryRead(new RecordField("grade", FieldType.Code, 0, "残疾等级"), map.Fields["grade"], "五级", new RecordValues(), out var problem));

        Assert.Contains("一级/1级", problem, StringComparison.Ordinal);
        Assert.Contains("values.grade", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("五级", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_CodeFieldWithItsOwnVocabulary_ReadThroughIt()
    {
        var map = Map with
        {
            Fields = new Dictionary<string, FieldSpec> { ["mode"] = new() { Type = FieldType.Code, Vocabulary = "support" } },
            Values = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
            {
                ["support"] = new Dictionary<string, IReadOnlyList<string>> { ["分散"] = ["分散供养", "散居"], ["集中"] = ["集中供养"] },
            },
        };
        var parsers = new CellParsers(map, IngestLimits.Default);
        var values = new RecordValues();

        Assert.True(parsers.TryRead(new RecordField("mode", FieldType.Code, 0, "供养方式"), map.Fields["mode"], "散居", values, out _));

        Assert.Equal("分散", values.Text(0));
    }

    [Theory]
    [InlineData("√", true)]
    [InlineData("×", false)]
    [InlineData("Ｙ", true)]
    [InlineData("有", true)]
    [InlineData("无", false)]
    public void TryFlag_DefaultSpellings_Read(string raw, bool expected)
    {
        Assert.True(Parsers.TryFlag(raw, out var flag));
        Assert.Equal(expected, flag);
    }
}
