using System.Globalization;
using Matching.Samples.Population;
using AidType = Matching.Core.Population.AidType;

namespace Matching.Samples.Extracts;

/// <summary>The persons planned right at the spending thresholds, each with a near miss one fen below.</summary>
internal static partial class MedicalBillsExtract
{
    /// <summary>One fen: how far below a threshold a near miss stays (the rules fire from the threshold on).</summary>
    private const decimal JustBelow = 0.01m;

    /// <summary>
    /// Appends the bills of a few persons planned at the thresholds, within the last twelve months: a member of a
    /// household without medical aid paying exactly 20,000.00 and one paying 19,999.99 (neither: spending must be
    /// over the threshold, 超过; both
    /// households earn over 40,000, so neither reaches RIGID_SPENDING); a member of a household with medical aid
    /// paying over 20,000 (no MED_AID_GAP); a household whose two members pay exactly half its income
    /// (RIGID_SPENDING) and another paying one fen less than half (none); a stranger paying exactly 20,000.00
    /// (at, not over, the threshold: no SPENDING_SURGE), one paying 19,999.99 and one paying 16,000 in the window plus 8,000 to 12,000 a month or
    /// more before it (none). The rows go after the shuffled, damaged ones, with clean IDs, so that the rows before
    /// keep their bytes and row numbers and no ID damage can hide a boundary case.
    /// </summary>
    /// <param name="bills">The medical-bills extract, finished.</param>
    /// <param name="ctx">A context of its own: its random source, the population, strangers.</param>
    /// <param name="registers">Other extracts (the illness register) whose households are left alone, so that a
    /// boundary case is not also a warning for another reason.</param>
    public static void AddBoundaryCases(ExtractFile bills, ExtractContext ctx, IEnumerable<ExtractFile> registers)
    {
        var rng = ctx.Rng;
        var busy = new HashSet<SampleHousehold>();
        foreach (var row in bills.Rows.Concat(registers.SelectMany(r => r.Rows)))
        {
            if (row.Subject.Household is { } household)
            {
                busy.Add(household);
            }
        }

        var households = ctx.Population.Households
            .Where(h => !busy.Contains(h) && h.Members.All(m => m.Person.InDatabase && !m.Person.IsSpecial))
            .ToList();
        rng.ShuffleList(households);
        SampleHousehold? Take(Func<SampleHousehold, bool> wanted, Func<SampleHousehold, bool>? preferred = null)
        {
            var household = (preferred is null ? null : households.FirstOrDefault(h => wanted(h) && preferred(h)))
                ?? households.FirstOrDefault(wanted);
            if (household is not null)
            {
                households.Remove(household);
            }

            return household;
        }

        static bool MedicalAid(SampleHousehold h) => h.Aid.HasFlag(AidType.Medical);
        static bool Earns40k(SampleHousehold h) => h.Income > 40_000m;

        var rows = new List<ExtractRow>();
        if (Take(h => !MedicalAid(h), Earns40k) is { } atSurge)
        {
            AddSelfPaid(rows, rng.Pick(atSurge.Members).Person, Surge, 3, rng);
        }

        if (Take(h => !MedicalAid(h), Earns40k) is { } belowSurge)
        {
            AddSelfPaid(rows, rng.Pick(belowSurge.Members).Person, Surge - JustBelow, 3, rng);
        }

        if (Take(MedicalAid) is { } aided)
        {
            AddSelfPaid(rows, rng.Pick(aided.Members).Person, rng.Yuan(22_000, 30_000), 4, rng);
        }

        if (Take(h => h.Members.Count >= 2 && h.Income <= 30_000m) is { } atRigid)
        {
            var half = atRigid.Income / 2;
            var first = Math.Round(half * (0.3m + (rng.Next(4_001) / 10_000m)), 2);
            AddSelfPaid(rows, atRigid.Members[0].Person, first, 2, rng);
            AddSelfPaid(rows, atRigid.Members[1].Person, half - first, 1, rng);
        }

        if (Take(h => h.Income <= 30_000m) is { } belowRigid)
        {
            AddSelfPaid(rows, rng.Pick(belowRigid.Members).Person, (belowRigid.Income / 2) - JustBelow, 2, rng);
        }

        AddSelfPaid(rows, ctx.Strangers.Create(rng, 40, 85), Surge, 3, rng);
        AddSelfPaid(rows, ctx.Strangers.Create(rng, 40, 85), Surge - JustBelow, 3, rng);
        var outside = ctx.Strangers.Create(rng, 40, 85);
        rows.Add(SelfPaidRow(outside, rng.Date(SampleDates.YearAgo.AddDays(-90), SampleDates.YearAgo.AddDays(-30)), rng.Yuan(8_000, 12_000), rng));
        AddSelfPaid(rows, outside, 16_000m, 2, rng);

        bills.Rows.AddRange(rows);
    }

    /// <summary>Inpatient stays well inside the last twelve months whose self-paid parts add up to exactly <paramref name="selfPaid"/>.</summary>
    private static void AddSelfPaid(List<ExtractRow> rows, Person person, decimal selfPaid, int visits, Random rng)
    {
        var fen = (long)(selfPaid * 100);
        var weights = new int[visits];
        var sum = 0;
        for (var i = 0; i < visits; i++)
        {
            weights[i] = rng.Next(1_000, 3_001);
            sum += weights[i];
        }

        var left = fen;
        for (var i = 0; i < visits; i++)
        {
            var part = i == visits - 1 ? left : fen * weights[i] / sum;
            left -= part;
            var date = rng.Date(SampleDates.YearAgo.AddDays(30), SampleDates.Reference.AddDays(-10));
            rows.Add(SelfPaidRow(person, date, part / 100m, rng));
        }
    }

    /// <summary>One inpatient visit whose self-paid part is <paramref name="selfPaid"/> to the fen.</summary>
    private static ExtractRow SelfPaidRow(Person person, DateOnly date, decimal selfPaid, Random rng)
    {
        var fundShare = 0.45m + (rng.Next(21) / 100m);
        var fund = Math.Round(selfPaid * fundShare / (1 - fundShare), 2);
        return new ExtractRow(person,
        [
            date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (selfPaid + fund).ToString("F2", CultureInfo.InvariantCulture),
            fund.ToString("F2", CultureInfo.InvariantCulture),
            selfPaid.ToString("F2", CultureInfo.InvariantCulture),
        ]);
    }
}
