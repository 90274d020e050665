using System.Globalization;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Core.Tests.Rules;

/// <summary><see cref="RuleShape.Spending"/>: MED_AID_GAP for members, SPENDING_SURGE for persons not in the database.</summary>
public partial class RuleEngineTests
{
    private static readonly DateOnly InWindow = RuleScenario.AsOf.AddMonths(-3);

    [Theory]
    [InlineData("12000.01", "8000.00", true)]
    [InlineData("12000.00", "8000.00", false)] // exactly the threshold: not over it (超过)
    [InlineData("20000.01", "0", true)]
    [InlineData("20000", "0", false)]
    [InlineData("19999.99", "0", false)]
    [InlineData("15000.50", "9000", true)]
    public void Evaluate_MemberSelfPaidOverTwelveMonths_MedAidGapOverTwentyThousand(string first, string second, bool expected)
    {
        var warnings = DibaoFamily()
            .Bill(Worker, WorkerName, first, InWindow)
            .Bill(Worker, WorkerName, second, InWindow.AddDays(-30))
            .Evaluate(ShippedRules.MedAidGapSpending);

        Assert.Equal(expected, warnings.Any(w => w.Code == "MED_AID_GAP"));
    }

    [Fact]
    public void Evaluate_MemberSelfPaidJustOverTwentyThousand_MedAidGapToMedicalInsuranceWithTotalInDetail()
    {
        var warnings = DibaoFamily()
            .Bill(Worker, WorkerName, "12000.01", InWindow)
            .Bill(Worker, WorkerName, "8000.00", InWindow.AddDays(-30))
            .Evaluate(ShippedRules.MedAidGapSpending);

        var warning = Assert.Single(warnings);
        Assert.Equal("MED_AID_GAP", warning.Code);
        Assert.Equal("medical-insurance", warning.Receiver);
        Assert.Equal(Worker.Value, warning.Subject);
        Assert.Equal("H1", warning.HouseholdId);
        Assert.Equal("medical-bills", warning.Department);
        Assert.Contains("20,000.01元（2笔）", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("个人自付", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SpendingSplitBetweenTwoMembers_NoPersonalMedAidGap()
    {
        var warnings = DibaoFamily()
            .Bill(Worker, WorkerName, "10000.00", InWindow)
            .Bill(Head, HeadName, "10000.00", InWindow)
            .Evaluate(ShippedRules.MedAidGapSpending);

        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(0, 0, false)] // exactly 12 months before the run date: just outside
    [InlineData(0, 1, true)] // the first day inside the window
    [InlineData(12, 0, true)] // the run date itself
    [InlineData(12, 1, false)] // after the run date
    public void Evaluate_BillDateAgainstWindow_CountedOnlyInsideIt(int monthsAfterWindowStart, int daysAfter, bool counted)
    {
        var date = RuleScenario.AsOf.AddMonths(-12).AddMonths(monthsAfterWindowStart).AddDays(daysAfter);

        var warnings = DibaoFamily()
            .Bill(Worker, WorkerName, "19000.01", InWindow)
            .Bill(Worker, WorkerName, "1000.00", date)
            .Evaluate(ShippedRules.MedAidGapSpending);

        Assert.Equal(counted, warnings.Any(w => w.Code == "MED_AID_GAP"));
    }

    [Fact]
    public void Evaluate_BillsOutsideWindowOnly_NoWarning()
    {
        var warnings = DibaoFamily()
            .Bill(Worker, WorkerName, "30000.00", RuleScenario.AsOf.AddMonths(-12))
            .Bill(Worker, WorkerName, "30000.00", RuleScenario.AsOf.AddDays(1))
            .Evaluate(ShippedRules.MedAidGapSpending);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_UndatedBill_Counted()
    {
        var warnings = DibaoFamily()
            .Record("medical-bills", Worker, WorkerName, ("selfPaid", "20000.01"))
            .Evaluate(ShippedRules.MedAidGapSpending);

        Assert.Single(warnings, w => w.Code == "MED_AID_GAP");
    }

    [Fact]
    public void Evaluate_MemberOverThresholdButHouseholdHasMedicalAid_NoWarning()
    {
        var warnings = DibaoFamily(AidType.Medical)
            .Bill(Worker, WorkerName, "25000.00", InWindow)
            .Evaluate(ShippedRules.MedAidGapSpending);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_StrangerOverThresholdUnderCoveredRule_NoMedAidGap()
    {
        var warnings = DibaoFamily()
            .Bill(Stranger, StrangerName, "25000.00", InWindow)
            .Evaluate(ShippedRules.MedAidGapSpending);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_StrangerSelfPaidJustOverTwentyThousand_SpendingSurgeToCivilAffairs()
    {
        var warnings = DibaoFamily()
            .Bill(Stranger, StrangerName, "15000.00", InWindow)
            .Bill(Stranger, StrangerName, "5000.01", InWindow.AddDays(-1))
            .Evaluate(ShippedRules.SpendingSurge);

        var warning = Assert.Single(warnings);
        Assert.Equal("SPENDING_SURGE", warning.Code);
        Assert.Equal("civil-affairs", warning.Receiver);
        Assert.Equal(Stranger.Value, warning.Subject);
        Assert.Equal(StrangerName, warning.Name);
        Assert.Equal("medical-bills", warning.Department);
        Assert.Empty(warning.HouseholdId);
        Assert.Contains("不在低收入人口数据库中", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StrangerSelfPaidExactlyTheThreshold_NoSpendingSurge()
    {
        var warnings = DibaoFamily()
            .Bill(Stranger, StrangerName, "15000.00", InWindow)
            .Bill(Stranger, StrangerName, "5000.00", InWindow)
            .Evaluate(ShippedRules.SpendingSurge);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_StrangerBillsUnderDifferentIdSpellings_SummedAsOnePerson()
    {
        var warnings = DibaoFamily()
            .Bill(Stranger, StrangerName, "10000.00", InWindow)
            .Record("medical-bills", " " + Stranger.Value.ToLowerInvariant() + ".0", StrangerName,
                ("selfPaid", "10000.01"), ("visitDate", RuleScenario.Date(InWindow)))
            .Evaluate(ShippedRules.SpendingSurge);

        Assert.Single(warnings, w => w.Code == "SPENDING_SURGE");
    }

    [Fact]
    public void Evaluate_ThousandsOfStrangers_EachSummedWithItsOwnNameInFirstSeenOrder()
    {
        // More strangers than the totals' table first holds (it grows twice), interleaved so that every stranger's
        // second bill comes after all the first ones; each third stays under the threshold.
        const int count = 3000;
        var ids = Enumerable.Range(0, count).Select(i => TestIds.Make(TestIds.Jiyuan, new DateOnly(1960, 1, 1).AddDays(i / 900), 1 + (i % 900))).ToArray();
        var scenario = DibaoFamily();
        for (var i = 0; i < count; i++)
        {
            scenario.Bill(ids[i], $"路人{i}", "15000.00", InWindow);
        }

        for (var i = count - 1; i >= 0; i--)
        {
            scenario.Bill(ids[i], "别名", i % 3 == 0 ? "5000.00" : "5000.01", InWindow);
        }

        var warnings = scenario.Evaluate(ShippedRules.SpendingSurge);

        var expected = Enumerable.Range(0, count).Where(i => i % 3 != 0).ToArray();
        Assert.Equal(expected.Select(i => ids[i].Value), warnings.Select(w => w.Subject));
        Assert.Equal(expected.Select(i => $"路人{i}"), warnings.Select(w => w.Name));
        Assert.All(warnings, w => Assert.Contains("合计20,000.01元（2笔）", w.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_MemberOverThresholdUnderStrangerRule_NoSpendingSurge()
    {
        var warnings = DibaoFamily()
            .Bill(Worker, WorkerName, "25000.00", InWindow)
            .Evaluate(ShippedRules.SpendingSurge);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_NameMismatchRowOverThreshold_NoSpendingSurge()
    {
        var warnings = DibaoFamily()
            .Bill(Worker, "刘晓红", "25000.00", InWindow)
            .Evaluate(ShippedRules.SpendingSurge);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_ConfiguredLowerThreshold_Respected()
    {
        var rule = ShippedRules.SpendingSurge with { Threshold = 5000m };

        var warnings = DibaoFamily().Bill(Stranger, StrangerName, 5000.01m.ToString("0.00", CultureInfo.InvariantCulture), InWindow).Evaluate(rule);

        Assert.Single(warnings, w => w.Code == "SPENDING_SURGE");
    }
}
