using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// <c>lowincome import</c> counts 重复救助 from the members the rule can name only (an ID listed more than once, or
/// categories that exclude each other): the count it prints is the one <c>run</c> then stores from the whole snapshot.
/// </summary>
public sealed class LowIncomeDuplicateAidTests
{
    [Fact]
    public async Task Import_DuplicateAid_CountsWhatTheRunStores()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        var csv = new LowIncomeCsv()
            .Member("H1", TestIds.Valid(1).Value, "张三", category: "低保")
            .Member("H2", TestIds.Valid(1).Value, "张三", category: "低保") // in two households
            .Member("H3", TestIds.Valid(2).Value, "李四", category: "低保、特困") // categories that exclude each other
            .Member("H4", TestIds.Valid(3).Value, "王五", category: "特困")
            .Member("H4", TestIds.Valid(4).Value, "赵六", category: "特困", relation: "子女")
            .Member("H5", TestIds.Valid(5).Value, "孙七", category: "低保")
            .Member("H6", TestIds.Valid(6).Value, "周八", category: "特困") // 低保 in H5's row, 特困 here: excluded across rows
            .Member("H6", TestIds.Valid(5).Value, "孙七", category: "特困", relation: "其他")
            .WriteTo(cli.PathOf("lowincome.csv"));

        var (exit, output, _) = await cli.RunAsync("lowincome", "import", csv, "--lang", "en");
        Assert.Equal(0, exit);
        var printed = output.Split('\n').Single(l => l.StartsWith("DUPLICATE_AID: ", StringComparison.Ordinal));

        Assert.Equal(0, (await cli.RunAsync("run", "--as-of", "2026-12-01")).Exit);
        var stored = await CliDatabase.QueryAsync(cli, "SELECT COUNT(*) AS n FROM warning WHERE code = 'DUPLICATE_AID'");

        Assert.Equal("3", stored.Single()["n"]);
        Assert.StartsWith("DUPLICATE_AID: 3 persons", printed, StringComparison.Ordinal);
    }
}
