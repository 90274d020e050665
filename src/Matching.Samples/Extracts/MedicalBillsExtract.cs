using System.Globalization;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>
/// 医疗保障: settled medical bills, several visits per person over about eighteen months. A few persons (half of
/// them members) pay over 20,000 yuan themselves within the last twelve months; everyone else stays well below,
/// except the few planned right at the thresholds (<see cref="AddBoundaryCases"/>).
/// </summary>
internal static partial class MedicalBillsExtract
{
    public const string Department = "medical-bills";
    private static readonly string[] Header = ["姓名", "证件号码", "就诊日期", "医疗总费用", "基金支付", "个人自付"];

    /// <summary>November's file, from the settlement system's monthly report: amounts headed with their unit, the date as required (*).</summary>
    private static readonly string[] MonthHeader = ["姓名", "证件号码", "就诊日期*", "医疗总费用（元）", "基金支付（元）", "个人自付（元）"];
    private static readonly DateOnly FirstVisit = new(2025, 6, 1);
    private static readonly int[] VisitWeights = [25, 20, 15, 12, 10, 8, 6, 4];

    /// <summary>Self-paid spending reaching this in twelve months is a spending surge (the rules' default threshold).</summary>
    private const decimal Surge = 20_000m;

    /// <summary>Ordinary patients stay under this, so only the planned few cross the threshold.</summary>
    private const decimal OrdinaryCap = 15_000m;

    /// <summary>Builds the bills; <paramref name="patients"/> are illness-register strangers, some of whom return here.</summary>
    public static ExtractFile Build(ExtractContext ctx, List<Person> patients)
    {
        var rng = ctx.Rng;
        var total = ctx.Scaled(1500);
        var surgeEach = Math.Max(1, (int)Math.Round(3 * total / 1500.0));
        var rows = new List<ExtractRow>(total);

        var lowIncomeRows = (int)Math.Round(total * ExtractContext.LowIncomeShare);
        var members = ctx.PickLowIncome(lowIncomeRows, _ => true, p => p.SeriousIllness, 0.4);
        for (var i = 0; i < members.Count && rows.Count < lowIncomeRows; i++)
        {
            AddVisits(rows, members[i], rng, surge: i < surgeEach);
        }

        var returning = patients.Where(_ => rng.Chance(0.3)).ToList();
        for (var i = 0; rows.Count < total; i++)
        {
            var person = i < returning.Count ? returning[i] : ctx.Strangers.CreatePatient(rng);
            AddVisits(rows, person, rng, surge: i < surgeEach);
        }

        // The last person's visits may overshoot the target: drop the extra ones (never a surge person's).
        rows.RemoveRange(total, rows.Count - total);
        ctx.Finish(rows, _ => true);
        return new ExtractFile(Department, Title: null, Header, Gb18030: false, rows);
    }

    private static void AddVisits(List<ExtractRow> rows, Person person, Random rng, bool surge)
    {
        if (surge)
        {
            // Inpatient stays in the last twelve months until self-paid spending clears the threshold.
            decimal selfPaid = 0;
            for (var visit = 0; visit < 3 || selfPaid <= Surge; visit++)
            {
                var date = rng.Date(SampleDates.YearAgo, SampleDates.Reference.AddDays(-3));
                selfPaid += Add(rows, person, date, rng.Yuan(15_000, 60_000), 0.45 + (rng.NextDouble() * 0.2));
            }

            return;
        }

        decimal recent = 0;
        var visits = rng.Weighted(VisitWeights) + 1;
        for (var visit = 0; visit < visits; visit++)
        {
            var date = rng.Date(FirstVisit, SampleDates.Reference.AddDays(-3));
            var inpatient = rng.Chance(0.3);
            var amount = inpatient ? rng.Yuan(2_000, 25_000) : rng.Yuan(40, 1_500);
            var fundShare = inpatient ? 0.55 + (rng.NextDouble() * 0.3) : 0.3 + (rng.NextDouble() * 0.3);
            if (date >= SampleDates.YearAgo && recent + (amount * (1 - (decimal)fundShare)) > OrdinaryCap)
            {
                amount = rng.Yuan(40, 1_500);
            }

            var paid = Add(rows, person, date, amount, fundShare);
            recent += date >= SampleDates.YearAgo ? paid : 0;
        }
    }

    /// <summary>The first day of the sample's last monthly file.</summary>
    public static readonly DateOnly LastMonth = new(2026, 11, 1);

    /// <summary>How many days before <see cref="LastMonth"/> the last monthly file sends again.</summary>
    private const int Overlap = 7;

    /// <summary>
    /// The bills as medical insurance sends them month by month: the history up to October (<c>medical-bills.csv</c>)
    /// and November's file (<c>medical-bills-2026-11.csv</c>), which begins with the bills of October's last week sent
    /// again, as an overlapping extract does. Together they hold every bill once.
    /// </summary>
    public static (ExtractFile History, ExtractFile Month) SplitByMonth(ExtractFile bills)
    {
        ArgumentNullException.ThrowIfNull(bills);
        static DateOnly Visit(ExtractRow row) => DateOnly.ParseExact(row.Details[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var history = bills.Rows.Where(r => Visit(r) < LastMonth).ToList();
        var resent = history.Where(r => Visit(r) >= LastMonth.AddDays(-Overlap));
        var month = resent.Concat(bills.Rows.Where(r => Visit(r) >= LastMonth)).ToList();
        return (bills with { Rows = history },
            bills with
            {
                Rows = month, Title = "济源示范区医保个人自付费用明细（2026年11月，含10月下旬补报）", Stem = $"{Department}-{LastMonth:yyyy-MM}",
                Header = MonthHeader,
            });
    }

    /// <summary>Adds one visit; returns the self-paid part (total − fund-paid).</summary>
    private static decimal Add(List<ExtractRow> rows, Person person, DateOnly date, decimal total, double fundShare)
    {
        var fund = Math.Round(total * (decimal)fundShare, 2);
        var self = total - fund;
        rows.Add(new ExtractRow(person,
        [
            date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            total.ToString("F2", CultureInfo.InvariantCulture),
            fund.ToString("F2", CultureInfo.InvariantCulture),
            self.ToString("F2", CultureInfo.InvariantCulture),
        ]));
        return self;
    }
}
