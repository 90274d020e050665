using System.Globalization;
using Matching.Testing;

namespace Matching.Samples.Tests;

/// <summary>
/// The committed sample holds the cases the warning rules are demonstrated on: spending right at and one fen below
/// the thresholds, deceased members still listed, disaster victims in several towns. Who a row really is comes from
/// the truth files (ID damage does not matter here).
/// </summary>
public sealed class SampleCasesTests
{
    private static readonly DateOnly Reference = new(2026, 11, 28);
    private static readonly DateOnly YearAgo = Reference.AddYears(-1).AddDays(1);

    [Fact]
    public void MedicalBills_TwelveMonthSelfPaid_SomeoneExactlyAtAndOneFenBelowTheThreshold()
    {
        var totals = new Dictionary<(string Id, bool Member), decimal>();
        foreach (var (cells, truth) in Bills())
        {
            if (Date(cells[0]) >= YearAgo && Date(cells[0]) <= Reference)
            {
                var key = (truth.PersonId, truth.InDatabase);
                totals[key] = totals.GetValueOrDefault(key) + Amount(cells[1]);
            }
        }

        foreach (var member in new[] { true, false })
        {
            Assert.Contains(totals, t => t.Key.Member == member && t.Value == 20_000.00m);
            Assert.Contains(totals, t => t.Key.Member == member && t.Value == 19_999.99m);
            Assert.Contains(totals, t => t.Key.Member == member && t.Value > 20_000.00m);
        }
    }

    [Fact]
    public void MedicalBills_HouseholdSelfPaid_OneAtHalfTheIncomeAndOneOneFenBelow()
    {
        var households = Households();
        var spent = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (cells, truth) in Bills())
        {
            if (truth.InDatabase && Date(cells[0]) >= YearAgo)
            {
                var household = households.Members[truth.PersonId];
                spent[household] = spent.GetValueOrDefault(household) + Amount(cells[1]);
            }
        }

        var ratios = spent.Select(s => (Spent: s.Value, Half: households.Income[s.Key] / 2)).ToList();
        Assert.Contains(ratios, r => r.Spent == r.Half);
        Assert.Contains(ratios, r => r.Spent == r.Half - 0.01m);
        Assert.True(ratios.Count(r => r.Spent >= r.Half) >= 3);
    }

    [Fact]
    public void Death_MembersStillListedMostlyOldAndDiedWithinTwelveMonths()
    {
        var households = Households();
        var rows = Rows("death", ["出生日期", "死亡日期"]);
        var members = rows.Where(r => r.Truth.InDatabase).ToList();

        Assert.InRange(members.Count, 15, 25);
        Assert.All(members, m => Assert.True(households.Members.ContainsKey(m.Truth.PersonId), "a deceased member left lowincome.csv"));
        Assert.True(members.Count(m => Age(m.Truth.PersonId) >= 60) * 3 >= members.Count * 2, "most deceased members are old");
        Assert.All(rows, r => Assert.InRange(Date(r.Cells[1]), YearAgo, Reference));
    }

    [Fact]
    public void Disaster_MembersMostlyHeadsInSeveralTowns()
    {
        var households = Households();
        var members = Rows("disaster", ["受灾日期", "灾种", "损失金额"]).Where(r => r.Truth.InDatabase).ToList();

        Assert.InRange(members.Count, 20, 30);
        Assert.True(members.Select(m => households.Area[households.Members[m.Truth.PersonId]]).Distinct().Count() >= 5);
        Assert.True(members.Count(m => households.Heads.Contains(m.Truth.PersonId)) * 3 >= members.Count * 2, "relief goes to heads mostly");
    }

    private static int Age(string id)
    {
        var birth = DateOnly.ParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);
        var age = Reference.Year - birth.Year;
        return Reference < birth.AddYears(age) ? age - 1 : age;
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal Amount(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>
    /// Every bill once, from both monthly files: November's file sends the last week of October again, and a bill
    /// sent twice (same person, day and amounts) counts once, as the ledger counts it.
    /// </summary>
    private static List<(string[] Cells, Truth Truth)> Bills()
    {
        string[] columns = ["就诊日期", "个人自付"];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. Rows("medical-bills", columns).Concat(Rows("medical-bills-2026-11", columns))
            .Where(r => seen.Add(r.Truth.PersonId + "|" + string.Join('|', r.Cells)))];
    }

    [Fact]
    public void MedicalBills_NovembersFile_SendsTheLastWeekOfOctoberAgain()
    {
        var october = Rows("medical-bills", ["就诊日期"]).Select(r => Date(r.Cells[0])).ToList();
        var november = Rows("medical-bills-2026-11", ["就诊日期"]).Select(r => Date(r.Cells[0])).ToList();

        Assert.All(october, d => Assert.True(d < new DateOnly(2026, 11, 1)));
        Assert.Contains(november, d => d >= new DateOnly(2026, 11, 1));
        Assert.Equal(october.Count(d => d >= new DateOnly(2026, 10, 25)), november.Count(d => d < new DateOnly(2026, 11, 1)));
    }

    /// <summary>The named cells of every data row of an extract file, with the truth about the row.</summary>
    private static List<(string[] Cells, Truth Truth)> Rows(string stem, string[] columns)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.SampleData, stem + ".csv"));
        var headerAt = Array.FindIndex(lines, l => l.Contains(',', StringComparison.Ordinal));
        var header = lines[headerAt].Split(',').Select(Bare).ToArray();
        var indexes = columns.Select(c => Array.IndexOf(header, c)).ToArray();
        Assert.DoesNotContain(-1, indexes);
        var truth = File.ReadAllLines(Path.Combine(RepositoryPaths.SampleData, "truth", stem + ".truth.csv"))
            .Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(c => int.Parse(c[0], CultureInfo.InvariantCulture), c => new Truth(c[1], c[2] == "1"));
        var rows = new List<(string[], Truth)>();
        for (var i = headerAt + 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            rows.Add((indexes.Select(x => cells[x]).ToArray(), truth[i + 1]));
        }

        Assert.Equal(truth.Count, rows.Count);
        return rows;
    }

    /// <summary>From lowincome.csv: each person's (first) household, each household's income and area, the heads.</summary>
    private static (Dictionary<string, string> Members, Dictionary<string, decimal> Income, Dictionary<string, string> Area, HashSet<string> Heads) Households()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.SampleData, "lowincome.csv"));
        var header = lines[0].Split(',').Select(Bare).ToArray();
        int Column(string name) => Array.IndexOf(header, name);
        var (household, area, id, relation, income) = (Column("户编号"), Column("镇（街道）"), Column("身份证号码"), Column("与户主关系"), Column("家庭年收入"));
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var incomes = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var areas = new Dictionary<string, string>(StringComparer.Ordinal);
        var heads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            members.TryAdd(cells[id], cells[household]);
            incomes[cells[household]] = Amount(cells[income]);
            areas[cells[household]] = cells[area];
            if (cells[relation] == "户主")
            {
                heads.Add(cells[id]);
            }
        }

        return (members, incomes, areas, heads);
    }

    /// <summary>A header without the unit or the required mark some sample files write (个人自付（元）, 就诊日期*).</summary>
    private static string Bare(string header) => header.Replace("（元）", string.Empty, StringComparison.Ordinal).TrimEnd('*');

    private sealed record Truth(string PersonId, bool InDatabase);
}
