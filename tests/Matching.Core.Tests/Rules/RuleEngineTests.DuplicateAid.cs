using Matching.Core.Population;
using Matching.Core.Rules;

namespace Matching.Core.Tests.Rules;

/// <summary><see cref="RuleShape.DuplicateAid"/>: DUPLICATE_AID, from the low-income database alone.</summary>
public partial class RuleEngineTests
{
    [Fact]
    public void Evaluate_SameIdInTwoHouseholds_OneDuplicateAidToCivilAffairs()
    {
        var warnings = new RuleScenario()
            .Household("H1").Member("H1", Head, HeadName)
            .Household("H2").Member("H2", Neighbour, NeighbourName).Member("H2", Head, HeadName, relation: "子女")
            .Evaluate(ShippedRules.DuplicateAid);

        var warning = Assert.Single(warnings);
        Assert.Equal("DUPLICATE_AID", warning.Code);
        Assert.Equal("civil-affairs", warning.Receiver);
        Assert.Equal(Head.Value, warning.Subject);
        Assert.Equal("H1", warning.HouseholdId);
        Assert.Equal("lowincome", warning.Department);
        Assert.Contains("2个户", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("H1", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("H2", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MemberBothDibaoAndTekun_DuplicateAid()
    {
        var warnings = new RuleScenario()
            .Household("H1").Member("H1", Head, HeadName, AidCategory.Dibao | AidCategory.Tekun)
            .Evaluate(ShippedRules.DuplicateAid);

        var warning = Assert.Single(warnings);
        Assert.Equal(Head.Value, warning.Subject);
        Assert.Contains("同时为低保和特困对象", warning.Detail, StringComparison.Ordinal);
        Assert.Equal("低保、特困", warning.Categories);
    }

    [Fact]
    public void Evaluate_DibaoInOneHouseholdTekunInAnother_OneWarningWithBothReasons()
    {
        var warnings = new RuleScenario()
            .Household("H1").Member("H1", Head, HeadName, AidCategory.Dibao)
            .Household("H2").Member("H2", Head, HeadName, AidCategory.Tekun)
            .Evaluate(ShippedRules.DuplicateAid);

        var warning = Assert.Single(warnings);
        Assert.Contains("2个户", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("同时为低保和特困对象", warning.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AidCategory.Dibao)]
    [InlineData(AidCategory.Tekun)]
    [InlineData(AidCategory.Dibao | AidCategory.Fanpin)]
    [InlineData(AidCategory.Bianyuan | AidCategory.Gangxing)]
    public void Evaluate_PlainMembers_NoDuplicateAid(AidCategory categories)
    {
        var warnings = new RuleScenario()
            .Household("H1").Member("H1", Head, HeadName, categories).Member("H1", Spouse, SpouseName, categories, relation: "配偶")
            .Household("H2").Member("H2", Neighbour, NeighbourName, categories)
            .Evaluate(ShippedRules.DuplicateAid);

        Assert.Empty(warnings);
    }
}
