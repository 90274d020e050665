using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Testing;

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

    [Fact]
    public void Evaluate_ManyPersonsSomeListedAgain_OneWarningEachInIdOrderHouseholdsInSnapshotOrder()
    {
        // Enough persons that the sort by ID is not an insertion sort (stable): a person's entries must still come in
        // the snapshot's order, the first one named.
        var scenario = new RuleScenario();
        var listed = new List<(IdNumber Id, string Household)>();
        for (var i = 0; i < 60; i++)
        {
            var household = "H" + i;
            scenario.Household(household).Member(household, TestIds.Valid(100 + ((i * 37) % 60)), "成员" + i);
            listed.Add((TestIds.Valid(100 + ((i * 37) % 60)), household));
            if (i % 7 == 3)
            {
                // Listed again further on, in a household of their own, and for one of them a third time.
                var again = TestIds.Valid(100 + ((i * 11) % 60));
                scenario.Member(household, again, "再列" + i, relation: "子女");
                listed.Add((again, household));
            }

            if (i == 45)
            {
                var third = TestIds.Valid(100 + ((3 * 11) % 60));
                scenario.Member(household, third, "三列", relation: "子女");
                listed.Add((third, household));
            }
        }

        var warnings = scenario.Evaluate(ShippedRules.DuplicateAid);

        var expected = listed.GroupBy(l => l.Id.Value).Where(g => g.Count() > 1).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > 3);
        Assert.Contains(expected, g => g.Count() == 3);
        Assert.Equal(expected.Select(g => g.Key), warnings.Select(w => w.Subject));
        foreach (var (warning, entries) in warnings.Zip(expected))
        {
            Assert.Equal(entries.First().Household, warning.HouseholdId);
            Assert.Contains($"同时登记在{entries.Count()}个户中（户编号{string.Join('、', entries.Select(e => e.Household))}）", warning.Detail, StringComparison.Ordinal);
        }
    }
}
