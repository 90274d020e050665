using System.Text;
using Matching.Cli.Tests.Warnings;
using Matching.Testing;

namespace Matching.Cli.Tests.Departments;

/// <summary>
/// Ledgers through the command line: medical bills sent month by month add up in the rules' 12-month window, a bill
/// sent twice counts once, a bill older than the window counts for nothing, a death sent twice is one warning.
/// </summary>
public sealed class LedgerTests
{
    private const string AsOf = "2026-11-28";
    private static readonly Core.Identity.IdNumber Visitor = TestIds.Make(TestIds.Jiyuan, new DateOnly(1966, 6, 6), 77);

    [Fact]
    public async Task Run_ThreeMonthlyFilesOverTheThresholdTogether_MedAidGapAndSpendingSurgeFire()
    {
        using var world = await WarningWorld.CreateAsync(withBills: false);
        foreach (var (month, amount) in new[] { ("09", "8000"), ("10", "7000"), ("11", "6000") })
        {
            await world.MustAsync("import", "medical-bills", world.BillsFile($"bills-2026-{month}.csv",
                ("李四", WarningWorld.Li, $"2026-{month}-05", amount), ("王来", Visitor, $"2026-{month}-06", amount)));
        }

        var output = await world.WarningRunAsync(AsOf);

        var gap = await world.WarningAsync("MED_AID_GAP", WarningWorld.Li);
        Assert.Contains("合计21,000.00元（3笔）", gap["detail"], StringComparison.Ordinal);
        var surge = await world.WarningAsync("SPENDING_SURGE", Visitor);
        Assert.Contains("合计21,000.00元（3笔）", surge["detail"], StringComparison.Ordinal);
        Assert.Contains("4 department batches", output, StringComparison.Ordinal); // the school list and three monthly files
    }

    [Fact]
    public async Task Import_SameBillInAnOverlappingFile_CountsOnceAndSaysSo()
    {
        using var world = await WarningWorld.CreateAsync(withBills: false);
        await world.MustAsync("import", "medical-bills", world.BillsFile("bills-09.csv", ("李四", WarningWorld.Li, "2026-09-01", "15000")));

        var second = await world.MustAsync("import", "medical-bills", world.BillsFile("bills-09-10.csv",
            ("李四", WarningWorld.Li, "2026-09-01", "15000"), ("李四", WarningWorld.Li, "2026-10-01", "4000")));
        await world.WarningRunAsync(AsOf);

        Assert.Contains("events: 1 new, 1 already known", second, StringComparison.Ordinal);
        Assert.Contains("ledger", second, StringComparison.Ordinal);
        Assert.Empty(await CliDatabase.QueryAsync(world.Cli, "SELECT * FROM warning WHERE code = 'MED_AID_GAP'")); // 19,000, not 34,000
    }

    [Fact]
    public async Task Run_BillThirteenMonthsOld_CountsForNothing()
    {
        using var world = await WarningWorld.CreateAsync(withBills: false);
        await world.MustAsync("import", "medical-bills", world.BillsFile("old.csv", ("李四", WarningWorld.Li, "2025-10-15", "15000")));
        await world.MustAsync("import", "medical-bills", world.BillsFile("new.csv", ("李四", WarningWorld.Li, "2026-09-15", "8000")));

        await world.WarningRunAsync(AsOf);
        Assert.Empty(await CliDatabase.QueryAsync(world.Cli, "SELECT * FROM warning WHERE code = 'MED_AID_GAP'"));

        // A month earlier the same two bills were within 12 months of each other: 23,000.
        await world.WarningRunAsync("2026-10-14");
        Assert.Contains("合计23,000.00元（2笔）", (await world.WarningAsync("MED_AID_GAP", WarningWorld.Li))["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DeathRecordSentTwice_OneDeathReview()
    {
        using var world = await WarningWorld.CreateAsync(withBills: false);
        var first = await world.MustAsync("import", "death", Deaths(world, "death-10.csv", "2026年10月死亡登记"));
        var again = await world.MustAsync("import", "death", Deaths(world, "death-11.csv", "2026年11月死亡登记（含补报）"));

        var output = await world.WarningRunAsync(AsOf);

        Assert.Contains("events: 1 new, 0 already known", first, StringComparison.Ordinal);
        Assert.Contains("events: 0 new, 1 already known", again, StringComparison.Ordinal);
        Assert.Single(await CliDatabase.QueryAsync(world.Cli, "SELECT * FROM warning WHERE code = 'DEATH_REVIEW'"));
        Assert.Matches(@"DEATH_REVIEW\s+1\s", output);
    }

    private static string Deaths(WarningWorld world, string fileName, string title)
    {
        File.WriteAllText(world.Cli.PathOf(fileName), $"{title}\r\n姓名,身份证号,死亡日期,死亡原因\r\n李四,{WarningWorld.Li.Value},2026-10-03,疾病\r\n", new UTF8Encoding(true));
        return world.Cli.PathOf(fileName);
    }
}
