using Matching.Cli.Tests.Warnings;
using Matching.Storage;

namespace Matching.Cli.Tests.Departments;

/// <summary>
/// Undo: a wrongly imported batch withdrawn stops counting (a list's previous batch is current again), nothing is
/// deleted, who, when and why are kept, and the next run resolves only the warnings it alone raised.
/// </summary>
public sealed class WithdrawTests
{
    [Fact]
    public async Task Withdraw_WrongList_PreviousCurrentAgainAndNextRunResolvesOnlyItsWarnings()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var wrong = world.StudentsFile("wrong.csv",
            ("张小明", WarningWorld.ZhangXiaoming, "否"), ("李小红", WarningWorld.LiXiaohong, "否"), ("张三", WarningWorld.Zhang, "否"));
        var imported = await world.MustAsync("import", "education", wrong);
        await world.WarningRunAsync("2026-11-29");
        Assert.Equal("新增", (await world.WarningAsync("EDU_AID_GAP", WarningWorld.Zhang))["status"]);
        var batch = BatchId(imported);

        var output = await world.MustAsync("batch", "withdraw", batch.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "成人名单误作学生名单");
        await world.WarningRunAsync("2026-11-30");

        Assert.Contains($"batch {batch} (education, wrong.csv) withdrawn", output, StringComparison.Ordinal);
        Assert.Contains("batch 2 (students.csv) is education's current list again", output, StringComparison.Ordinal);
        Assert.Equal("已解除", (await world.WarningAsync("EDU_AID_GAP", WarningWorld.Zhang))["status"]);
        Assert.Equal("持续", (await world.WarningAsync("EDU_AID_GAP", WarningWorld.ZhangXiaoming))["status"]);
        // The wrong list lacked the stranger and resolved the warning; with the right list current again it is raised again.
        Assert.Equal("新增", (await world.WarningAsync("EDU_NOT_COVERED", WarningWorld.Stranger))["status"]);
        var stored = await CliDatabase.BatchAsync(world.Cli, batch);
        Assert.Equal((BatchState.Withdrawn, Environment.UserName, "成人名单误作学生名单"), (stored.State, stored.WithdrawnBy, stored.WithdrawReason));
        Assert.Equal(3, (await CliDatabase.RecordsAsync(world.Cli, batch)).Count); // nothing deleted
        var list = await world.MustAsync("batch", "list", "--department", "education");
        Assert.Contains("withdrawn", list, StringComparison.Ordinal);
        Assert.Contains("成人名单误作学生名单", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_LedgerFileSharingABill_TheSharedBillGoesOnCounting()
    {
        using var world = await WarningWorld.CreateAsync(withBills: false);
        var september = await world.MustAsync("import", "medical-bills", world.BillsFile("bills-09.csv",
            ("李四", WarningWorld.Li, "2026-09-01", "15000"), ("李四", WarningWorld.Li, "2026-09-20", "100")));
        await world.MustAsync("import", "medical-bills", world.BillsFile("bills-10.csv",
            ("李四", WarningWorld.Li, "2026-09-01", "15000"), ("李四", WarningWorld.Li, "2026-10-05", "6000")));
        await world.WarningRunAsync("2026-11-28");
        Assert.Contains("合计21,100.00元（3笔）", (await world.WarningAsync("MED_AID_GAP", WarningWorld.Li))["detail"], StringComparison.Ordinal);

        await world.MustAsync("batch", "withdraw", BatchId(september).ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "重复报送");
        await world.WarningRunAsync("2026-11-29");

        var gap = await world.WarningAsync("MED_AID_GAP", WarningWorld.Li);
        Assert.Contains("合计21,000.00元（2笔）", gap["detail"], StringComparison.Ordinal); // 15,000 now counts by October's row
        Assert.Equal("持续", gap["status"]);
    }

    [Fact]
    public async Task Withdraw_TwiceUnknownOrThePopulation_OneLineErrors()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.MustAsync("batch", "withdraw", "2", "--reason", "wrong file");

        var twice = await world.RunAsync("batch", "withdraw", "2", "--reason", "again");
        var unknown = await world.RunAsync("batch", "withdraw", "99", "--reason", "?");
        var population = await world.RunAsync("batch", "withdraw", "1", "--reason", "?");
        var noReason = await world.RunAsync("batch", "withdraw", "3");

        Assert.Equal((2, 2, 2), (twice.Exit, unknown.Exit, population.Exit));
        Assert.NotEqual(0, noReason.Exit);
        Assert.Contains("already withdrawn", twice.Error, StringComparison.Ordinal);
        Assert.Contains("no such batch", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("matching lowincome import <file> --accept-shrink", population.Error, StringComparison.Ordinal);
        Assert.All(new[] { twice.Error, unknown.Error, population.Error }, e => Assert.Single(e.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task BatchList_EveryBatchWithItsKindAndState()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.MustAsync("import", "education", world.StudentsFile("newer.csv",
            ("张小明", WarningWorld.ZhangXiaoming, "否"), ("李小红", WarningWorld.LiXiaohong, "否"), ("张三", WarningWorld.Zhang, "否")));

        var list = await world.MustAsync("batch", "list");

        var lines = list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Matches(@"^\s+1\s+lowincome\s+snapshot\s+4\s+4\s+current\s", lines[1]);
        Assert.Matches(@"^\s+2\s+education\s+snapshot\s+3\s+3\s+superseded\s.*students\.csv$", lines[2]);
        Assert.Matches(@"^\s+3\s+medical-bills\s+ledger\s+2\s+2\s+counting\*", lines[3]);
        Assert.Contains("events: 2 new, 0 sent before", lines[4], StringComparison.Ordinal);
        Assert.Matches(@"^\s+4\s+education\s+snapshot\s+3\s+3\s+current\*.*newer\.csv$", lines[5]);
    }

    private static long BatchId(string importOutput) =>
        long.Parse(System.Text.RegularExpressions.Regex.Match(importOutput, @"batch (\d+):").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
