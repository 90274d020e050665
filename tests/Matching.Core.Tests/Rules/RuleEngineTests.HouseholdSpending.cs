using Matching.Core.Population;
using Matching.Core.Rules;

namespace Matching.Core.Tests.Rules;

/// <summary><see cref="RuleShape.HouseholdSpending"/>: RIGID_SPENDING.</summary>
public partial class RuleEngineTests
{
    /// <summary>A dibao household H1 with the given annual income: the spouse first, then the head (户主).</summary>
    private static RuleScenario IncomeFamily(decimal? income, AidType aid = AidType.None) => new RuleScenario()
        .Household("H1", aid, income)
        .Member("H1", Spouse, SpouseName, relation: "配偶")
        .Member("H1", Head, HeadName, relation: "户主");

    [Fact]
    public void Evaluate_MembersSpendExactlyHalfTheIncome_RigidSpendingToCivilAffairsForTheHead()
    {
        var warnings = IncomeFamily(40000m)
            .Bill(Spouse, SpouseName, "12000.00", InWindow)
            .Bill(Head, HeadName, "8000.00", InWindow)
            .Evaluate(ShippedRules.RigidSpending);

        var warning = Assert.Single(warnings);
        Assert.Equal("RIGID_SPENDING", warning.Code);
        Assert.Equal("civil-affairs", warning.Receiver);
        Assert.Equal(Head.Value, warning.Subject);
        Assert.Equal("H1", warning.HouseholdId);
        Assert.Equal("medical-bills", warning.Department);
        Assert.Contains("20,000.00元（2笔）", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("40,000.00元", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("占50%", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MembersSpendJustBelowHalfTheIncome_NoWarning()
    {
        var warnings = IncomeFamily(40000m)
            .Bill(Spouse, SpouseName, "11999.99", InWindow)
            .Bill(Head, HeadName, "8000.00", InWindow)
            .Evaluate(ShippedRules.RigidSpending);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_HalfTheIncomeOnlyWithBillOutsideWindow_NoWarning()
    {
        var warnings = IncomeFamily(40000m)
            .Bill(Spouse, SpouseName, "12000.00", InWindow)
            .Bill(Head, HeadName, "8000.00", RuleScenario.AsOf.AddMonths(-12))
            .Evaluate(ShippedRules.RigidSpending);

        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void Evaluate_HouseholdIncomeUnknownOrZero_NoWarning(int? income)
    {
        var warnings = IncomeFamily(income)
            .Bill(Spouse, SpouseName, "50000.00", InWindow)
            .Evaluate(ShippedRules.RigidSpending);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_StrangerSpendingHalfOfAnyIncome_NoRigidSpending()
    {
        var warnings = IncomeFamily(1000m)
            .Bill(Stranger, StrangerName, "50000.00", InWindow)
            .Evaluate(ShippedRules.RigidSpending);

        Assert.Empty(warnings);
    }
}
