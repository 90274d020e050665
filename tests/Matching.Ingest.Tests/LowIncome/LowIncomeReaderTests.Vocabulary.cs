using Matching.Core.Population;
using Matching.Ingest.LowIncome;
using Matching.Ingest.Rejects;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.LowIncome;

/// <summary>Issue 20: the export's coded cells through the header map's vocabularies, stored as their codes.</summary>
public sealed partial class LowIncomeReaderTests
{
    private const string TekunHeader = "户编号,成员姓名,身份证号码,救助类别,住房困难,特困供养方式,家庭年收入（元）";

    [Theory]
    [InlineData("分散供养", "分散")]
    [InlineData("分散", "分散")]
    [InlineData("集中供养", "集中")]
    [InlineData("集中", "集中")]
    [InlineData("", "")]
    public void Read_SupportModeAsWritten_StoredAsItsCode(string cell, string code)
    {
        var path = _temp.WriteText("tekun.csv", $"{TekunHeader}\nH1,甲,{TestIds.Valid(40).Value},特困,√,{cell},\"¥8,000\"\n");

        var result = ReadFile(path);

        Assert.Empty(result.Rejected);
        Assert.Equal(code, Assert.Single(result.Snapshot.Members).TekunSupport);
        var household = Assert.Single(result.Snapshot.Households);
        Assert.True(household.HousingDifficulty);
        Assert.Equal(8000m, household.AnnualIncome);
    }

    [Fact]
    public void Read_UnknownSupportMode_RejectedWithRowAndColumn()
    {
        var path = _temp.WriteText("tekun.csv", $"{TekunHeader}\nH1,甲,{TestIds.Valid(41).Value},特困,否,分散供养,\nH2,乙,{TestIds.Valid(42).Value},特困,否,散居,\n");

        var result = ReadFile(path);

        var reject = Assert.Single(result.Rejected);
        Assert.Equal((3L, "特困供养方式", RejectReason.ValueUnknown), (reject.SourceRow, reject.Column, reject.Reason));
        Assert.Contains("values.tekunSupport", reject.Detail, StringComparison.Ordinal);
        Assert.Single(result.Snapshot.Members);
    }

    [Theory]
    [InlineData("√", true)]
    [InlineData("×", false)]
    [InlineData("Y", true)]
    [InlineData("N", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("有", true)]
    [InlineData("无", false)]
    [InlineData("", false)]
    public void Read_YesNoAsWritten_Read(string cell, bool expected)
    {
        var result = Read(new LowIncomeCsv().Member("H001", TestIds.Valid(43).Value, "甲", housingDifficulty: cell, aidMedical: cell));

        Assert.Empty(result.Rejected);
        Assert.Equal(expected, Assert.Single(result.Snapshot.Households).HousingDifficulty);
        Assert.Equal(expected ? AidType.Medical : AidType.None, result.Snapshot.Households[0].Aid);
    }

    [Fact]
    public void Read_IncomeByHousehold_EmptiesCountedOncePerHousehold()
    {
        var csv = new LowIncomeCsv()
            .Member("H1", TestIds.Valid(44).Value, "甲", income: "1000")
            .Member("H1", TestIds.Valid(45).Value, "乙")
            .Member("H2", TestIds.Valid(46).Value, "丙")
            .Member("H3", TestIds.Valid(47).Value, "丁");

        var fill = Read(csv).Fill;

        Assert.Equal((3L, 2L), (fill.Of(LowIncomeReader.IncomeField).Seen, fill.Of(LowIncomeReader.IncomeField).Empty));
    }

    private static LowIncomeReadResult ReadFile(string path)
    {
        using var table = SourceTable.Open(path, Map, IngestLimits.Default);
        return new LowIncomeReader(Map, IngestLimits.Default).Read(table);
    }
}
