using Matching.Core.Population;
using Matching.Core.Rules;

namespace Matching.Core.Tests.Rules;

/// <summary><see cref="RuleShape.Housing"/>: HOUSING_AID_GAP, from the low-income database alone.</summary>
public partial class RuleEngineTests
{
    private static RuleScenario HousingFamily(AidCategory categories = AidCategory.Dibao, string subdistrict = "天坛街道",
        bool housingDifficulty = true, AidType aid = AidType.None, string tekunSupport = "") => new RuleScenario()
        .Household("H1", aid, subdistrict: subdistrict, housingDifficulty: housingDifficulty)
        .Member("H1", Spouse, SpouseName, categories, relation: "配偶", tekunSupport: tekunSupport)
        .Member("H1", Head, HeadName, categories, relation: "户主", tekunSupport: tekunSupport);

    [Fact]
    public void Evaluate_DibaoHouseholdWithHousingDifficultyAndNoHousingAid_HousingAidGapToHousingForTheHead()
    {
        var warning = Assert.Single(HousingFamily().Evaluate(ShippedRules.HousingAidGap));

        Assert.Equal("HOUSING_AID_GAP", warning.Code);
        Assert.Equal("housing", warning.Receiver);
        Assert.Equal(Head.Value, warning.Subject);
        Assert.Equal("H1", warning.HouseholdId);
        Assert.Equal("lowincome", warning.Department);
        Assert.Empty(warning.Method);
        Assert.Null(warning.SourceRow);
        Assert.Contains("住房困难", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("未享受住房救助", warning.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("天坛街道", "核实住房困难情况，优先配租公共租赁住房或发放租赁补贴")]
    [InlineData("沁园街道", "核实住房困难情况，优先配租公共租赁住房或发放租赁补贴")]
    [InlineData("克井镇", "核实住房安全情况，纳入农村危房改造")]
    [InlineData("王屋镇", "核实住房安全情况，纳入农村危房改造")]
    [InlineData("大峪乡", "核实住房安全情况，纳入农村危房改造")]
    public void Evaluate_HousingGap_MeasureDependsOnTownOrSubdistrict(string subdistrict, string measure)
    {
        var warning = Assert.Single(HousingFamily(subdistrict: subdistrict).Evaluate(ShippedRules.HousingAidGap));

        Assert.Equal(measure, warning.Measure);
        Assert.Equal(subdistrict, warning.Subdistrict);
        Assert.EndsWith($"（{subdistrict[^(subdistrict.EndsWith("街道", StringComparison.Ordinal) ? 2 : 1)..]}）", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HousingGapWithoutPlaceMeasures_RuleMeasure()
    {
        var rule = ShippedRules.HousingAidGap with { MeasureInTown = string.Empty, MeasureInSubdistrict = string.Empty };

        var warning = Assert.Single(HousingFamily(subdistrict: "克井镇").Evaluate(rule));

        Assert.Equal(ShippedRules.HousingAidGap.Measure, warning.Measure);
    }

    [Theory]
    [InlineData("分散", true)]
    [InlineData("集中", false)]
    [InlineData("", false)]
    public void Evaluate_TekunHouseholdWithHousingDifficulty_OnlyDispersedSupportWarns(string tekunSupport, bool expected)
    {
        var warnings = HousingFamily(AidCategory.Tekun, tekunSupport: tekunSupport).Evaluate(ShippedRules.HousingAidGap);

        Assert.Equal(expected, warnings.Any(w => w.Code == "HOUSING_AID_GAP"));
    }

    [Fact]
    public void Evaluate_CentralisedTekunWhoIsAlsoDibao_HousingAidGap()
    {
        var warnings = HousingFamily(AidCategory.Tekun | AidCategory.Dibao, tekunSupport: "集中").Evaluate(ShippedRules.HousingAidGap);

        Assert.Single(warnings, w => w.Code == "HOUSING_AID_GAP");
    }

    [Fact]
    public void Evaluate_HouseholdAlreadyHasHousingAid_NoWarning()
    {
        Assert.Empty(HousingFamily(aid: AidType.Housing | AidType.Medical).Evaluate(ShippedRules.HousingAidGap));
    }

    [Fact]
    public void Evaluate_HouseholdWithoutHousingDifficulty_NoWarning()
    {
        Assert.Empty(HousingFamily(housingDifficulty: false).Evaluate(ShippedRules.HousingAidGap));
    }

    [Theory]
    [InlineData(AidCategory.Fanpin)]
    [InlineData(AidCategory.Other)]
    public void Evaluate_HousingDifficultyOutsideRuleCategories_NoWarning(AidCategory category)
    {
        Assert.Empty(HousingFamily(category).Evaluate(ShippedRules.HousingAidGap));
    }

    [Fact]
    public void Evaluate_HouseholdsMembersApart_EachHouseholdOnceWithItsHeadAndAllItsCategories()
    {
        // The members of H1 and H2 interleaved: each household is still judged on all of its members.
        var warnings = new RuleScenario()
            .Household("H1", subdistrict: "天坛街道", housingDifficulty: true)
            .Household("H2", subdistrict: "克井镇", housingDifficulty: true)
            .Household("H3", subdistrict: "天坛街道", housingDifficulty: false)
            .Member("H1", Spouse, SpouseName, AidCategory.Tekun, relation: "配偶", tekunSupport: "集中")
            .Member("H2", Worker, WorkerName, AidCategory.Bianyuan, relation: "户主")
            .Member("H3", Student, StudentName, AidCategory.Dibao, relation: "户主")
            .Member("H1", Head, HeadName, AidCategory.Dibao, relation: "户主")
            .Member("H2", Neighbour, NeighbourName, AidCategory.Dibao, relation: "配偶")
            .Evaluate(ShippedRules.HousingAidGap);

        Assert.Equal([("H1", Head.Value), ("H2", Worker.Value)], warnings.Select(w => (w.HouseholdId, w.Subject)));
        Assert.Contains("低保", warnings[0].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("特困", warnings[0].Detail, StringComparison.Ordinal);
        Assert.Contains("农村危房改造", warnings[1].Measure, StringComparison.Ordinal);
    }
}
