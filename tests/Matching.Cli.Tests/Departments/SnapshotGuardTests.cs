using System.Globalization;
using Matching.Cli.Tests.Warnings;
using Matching.Testing;

namespace Matching.Cli.Tests.Departments;

/// <summary>
/// What is refused before it can replace a department's list: a list much shorter than the current one, another
/// department's file, one of our own warning workbooks, a low-income export of one town. Each is one line, exit 2,
/// audited, and nothing else changes; <c>--accept-shrink</c> takes a short list knowingly.
/// </summary>
public sealed class SnapshotGuardTests
{
    private const string AsOf = "2026-11-28";

    [Fact]
    public async Task Import_ShortList_RefusedNothingChangesAndItsWarningsKept()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync(AsOf);
        var before = await CliDatabase.CountRowsAsync(world.Cli);
        var shortList = world.StudentsFile("only-one.csv", ("张小明", WarningWorld.ZhangXiaoming, "否"));

        var (exit, output, error) = await world.RunAsync("import", "education", shortList);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 rows, fewer than 0.5 of the current 3", line, StringComparison.Ordinal);
        Assert.Contains("--accept-shrink", line, StringComparison.Ordinal);
        Assert.Equal(before, await CliDatabase.CountRowsAsync(world.Cli));
        var attempt = Assert.Single(await CliDatabase.QueryAsync(world.Cli, "SELECT * FROM import_attempt"));
        Assert.Equal(("education", "only-one.csv"), (attempt["department"], attempt["file_name"]));

        await world.WarningRunAsync("2026-11-29");
        Assert.Equal("持续", (await world.WarningAsync("EDU_AID_GAP", WarningWorld.LiXiaohong))["status"]);
    }

    [Fact]
    public async Task Import_ShortListAccepted_BecomesCurrentAndTheRunResolvesWhatItLacks()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync(AsOf);
        var shortList = world.StudentsFile("only-one.csv", ("张小明", WarningWorld.ZhangXiaoming, "否"));

        var output = await world.MustAsync("import", "education", shortList, "--accept-shrink");
        await world.WarningRunAsync("2026-11-29");

        Assert.Contains("supersedes batch", output, StringComparison.Ordinal);
        Assert.Equal("已解除", (await world.WarningAsync("EDU_AID_GAP", WarningWorld.LiXiaohong))["status"]);
        Assert.Equal("持续", (await world.WarningAsync("EDU_AID_GAP", WarningWorld.ZhangXiaoming))["status"]);
    }

    [Fact]
    public async Task Import_ListWhoseIdsWereLost_HeldLikeAShortOne()
    {
        using var world = await WarningWorld.CreateAsync();
        var path = world.Cli.PathOf("no-ids.csv");
        await File.WriteAllTextAsync(path, "姓名,身份证号,学校,是否家庭经济困难\r\n张小明,,一中,否\r\n李小红,,二中,否\r\n王同学,,二中,是\r\n");

        var (exit, _, error) = await world.RunAsync("import", "education", path);

        Assert.Equal(2, exit);
        Assert.Contains("0 rows with a usable ID, fewer than 0.5 of the current 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AnotherDepartmentsFile_RefusedSayingWhatItLooksLike()
    {
        using var world = await WarningWorld.CreateAsync();
        var before = await CliDatabase.CountRowsAsync(world.Cli);

        var (exit, _, error) = await world.RunAsync("import", "education", Path.Combine(RepositoryPaths.SampleData, "death.csv"));

        Assert.Equal(2, exit);
        Assert.Contains("not an extract of education", error, StringComparison.Ordinal);
        Assert.Contains("学校", error, StringComparison.Ordinal);
        Assert.Contains("it looks like an extract of death (`matching import death <file>`)", error, StringComparison.Ordinal);
        Assert.Equal(before, await CliDatabase.CountRowsAsync(world.Cli));
        Assert.Single(await CliDatabase.QueryAsync(world.Cli, "SELECT * FROM import_attempt"));
    }

    [Fact]
    public async Task Import_OurOwnWarningWorkbook_RefusedPointingToFeedbackImport()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync(AsOf);
        await world.MustAsync("export", "--out", world.Cli.PathOf("out"));
        var before = await CliDatabase.CountRowsAsync(world.Cli);

        var (exit, _, error) = await world.RunAsync("import", "education", world.Cli.PathOf(Path.Combine("out", "education.xlsx")));

        Assert.Equal(2, exit);
        Assert.Contains("a warning workbook (it has a 预警编号 column)", error, StringComparison.Ordinal);
        Assert.Contains("matching feedback import", error, StringComparison.Ordinal);
        Assert.Equal(before, await CliDatabase.CountRowsAsync(world.Cli));
    }

    // A CSV file is stored as it is read, a workbook read whole before its transaction starts: the same guard.
    [Theory]
    [InlineData("one-town.csv")]
    [InlineData("one-town.xlsx")]
    public async Task LowIncomeImport_OneTownAfterTheWholeExport_RefusedUnlessAccepted(string fileName)
    {
        using var world = await WarningWorld.CreateAsync();
        var before = await CliDatabase.CountRowsAsync(world.Cli);
        var file = new LowIncomeCsv().Member("H1", WarningWorld.Zhang.Value, "张三", aidMedical: "是", aidEducation: "否");
        var oneHousehold = fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? file.WriteXlsxTo(world.Cli.PathOf(fileName))
            : file.WriteTo(world.Cli.PathOf(fileName));

        var (exit, _, error) = await world.RunAsync("lowincome", "import", oneHousehold);

        Assert.Equal(2, exit);
        Assert.Contains("1 members, fewer than 0.5 of the current 4 active", error, StringComparison.Ordinal);
        Assert.Contains("--accept-shrink", error, StringComparison.Ordinal);
        Assert.Equal(before, await CliDatabase.CountRowsAsync(world.Cli));
        Assert.Equal("lowincome", Assert.Single(await CliDatabase.QueryAsync(world.Cli, "SELECT * FROM import_attempt"))["kind"]);

        var accepted = await world.MustAsync("lowincome", "import", oneHousehold, "--accept-shrink");
        Assert.Contains("rows read: 1, loaded: 1, rejected: 0", accepted, StringComparison.Ordinal);
        Assert.Contains("active: 1 households, 1 members", accepted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MinShareSetting_Honoured()
    {
        using var world = await WarningWorld.CreateAsync();
        var settings = world.Cli.PathOf("lenient.json");
        await File.WriteAllTextAsync(settings, string.Create(CultureInfo.InvariantCulture,
            $"{{ \"rejectsFolder\": \"{world.Cli.PathOf("rejects").Replace("\\", "/", StringComparison.Ordinal)}\", \"ingest\": {{ \"minShareOfCurrent\": 0.2 }} }}"));
        var shortList = world.StudentsFile("only-one.csv", ("张小明", WarningWorld.ZhangXiaoming, "否"));

        var (exit, _, error) = await world.Cli.RunAsync("import", "education", shortList, "--config", settings);

        Assert.True(exit == 0, error);
    }
}
