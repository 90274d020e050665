using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.LowIncome;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.LowIncome;

public sealed partial class LowIncomeReaderTests : IDisposable
{
    private static readonly HeaderMap Map = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory).Get("lowincome");

    private readonly TempFolder _temp = new("matching-lowincome-");

    [Fact]
    public void Read_ValidRows_LoadHouseholdsAndMembers()
    {
        var (head, child) = (TestIds.Valid(1), TestIds.Valid(2));
        var csv = new LowIncomeCsv()
            .Member("H001", head.Value, "张 三", relation: "户主", income: "12000", subdistrict: "玉泉街道", village: "南勋村")
            .Member("H001", child.Value, "张小明", category: "低保", relation: "子女");

        var result = Read(csv);

        Assert.Empty(result.Rejected);
        Assert.Equal(2, result.RowsRead);
        var household = Assert.Single(result.Snapshot.Households);
        Assert.Equal(("H001", "玉泉街道", "南勋村", 12000m), (household.HouseholdId, household.Subdistrict, household.Village, household.AnnualIncome));
        Assert.Equal([head, child], result.Snapshot.Members.Select(m => m.Id));
        Assert.Equal("张 三", result.Snapshot.Members[0].Name); // stored as typed; compared folded (PersonName)
        Assert.Equal("子女", result.Snapshot.Members[1].Relation);
        Assert.All(result.Snapshot.Members, m => Assert.Equal(AidCategory.Dibao, m.Categories));
    }

    [Theory]
    [InlineData("低保、特困", AidCategory.Dibao | AidCategory.Tekun)]
    [InlineData("低保边缘家庭, 刚性支出", AidCategory.Bianyuan | AidCategory.Gangxing)]
    [InlineData("五保", AidCategory.Tekun)]
    public void Read_SeveralCategoriesInOneCell_AllFlagsSet(string cell, AidCategory expected)
    {
        var result = Read(new LowIncomeCsv().Member("H001", TestIds.Valid(6).Value, "甲", category: cell));

        Assert.Empty(result.Rejected);
        Assert.Equal(expected, Assert.Single(result.Snapshot.Members).Categories);
    }

    [Fact]
    public void Read_YesNoFlags_Parsed()
    {
        var csv = new LowIncomeCsv().Member("H001", TestIds.Valid(7).Value, "甲",
            housingDifficulty: "是", seriousIllness: "是", severeDisability: "否", aidMedical: "否", aidEducation: "是");

        var result = Read(csv);

        Assert.Empty(result.Rejected);
        var member = Assert.Single(result.Snapshot.Members);
        var household = Assert.Single(result.Snapshot.Households);
        Assert.True(member.SeriousIllness);
        Assert.False(member.SevereDisability);
        Assert.True(household.HousingDifficulty);
        Assert.Equal(AidType.Education, household.Aid);
    }

    [Theory]
    [InlineData("8,600.50", 8600.50)]
    [InlineData(" 12000 ", 12000)]
    [InlineData("¥12,000元", 12000)]
    [InlineData("12000元", 12000)]
    public void Read_IncomeWithThousandsSeparator_Parsed(string cell, double expected)
    {
        var result = Read(new LowIncomeCsv().Member("H001", TestIds.Valid(9).Value, "甲", income: cell));

        Assert.Empty(result.Rejected);
        Assert.Equal((decimal)expected, Assert.Single(result.Snapshot.Households).AnnualIncome);
    }

    [Fact]
    public void Read_SameIdInTwoHouseholds_BothKept()
    {
        var id = TestIds.Valid(12);
        var result = Read(new LowIncomeCsv().Member("H001", id.Value, "甲").Member("H002", id.Value, "甲"));

        Assert.Empty(result.Rejected);
        Assert.Equal(["H001", "H002"], result.Snapshot.Members.Select(m => m.HouseholdId));
        Assert.Equal(2, result.Snapshot.Households.Count);
    }

    [Fact]
    public void Read_AidFlagsOnDifferentMembers_OredIntoHousehold()
    {
        var csv = new LowIncomeCsv()
            .Member("H001", TestIds.Valid(13).Value, "甲", aidMedical: "是")
            .Member("H001", TestIds.Valid(14).Value, "乙", aidEducation: "是")
            .Member("H002", TestIds.Valid(15).Value, "丙");

        var result = Read(csv);

        var households = result.Snapshot.Households.ToDictionary(h => h.HouseholdId);
        Assert.Equal(AidType.Medical | AidType.Education, households["H001"].Aid);
        Assert.Equal(AidType.None, households["H002"].Aid);
    }

    [Fact]
    public void Read_OldFifteenDigitId_LoadedAsEighteen()
    {
        var birth = new DateOnly(1962, 3, 8);
        var id15 = TestIds.Make15(TestIds.Jiyuan, birth, 77);

        var result = Read(new LowIncomeCsv().Member("H001", id15, "甲"));

        Assert.Empty(result.Rejected);
        Assert.Equal(TestIds.Make(TestIds.Jiyuan, birth, 77), Assert.Single(result.Snapshot.Members).Id);
    }

    private LowIncomeReadResult Read(LowIncomeCsv csv)
    {
        var path = csv.WriteTo(_temp.PathOf($"lowincome-{Guid.NewGuid():N}.csv"));
        using var table = SourceTable.Open(path, Map, IngestLimits.Default);
        return new LowIncomeReader(Map).Read(table);
    }

    public void Dispose() => _temp.Dispose();
}
