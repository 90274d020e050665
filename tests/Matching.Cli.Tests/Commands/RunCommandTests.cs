using System.Text.Json;
using Matching.Cli.Tests.Warnings;
using Matching.Core.Identity;
using Matching.Testing;
using static Matching.Cli.Tests.Warnings.WarningWorld;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// <c>matching run</c> end to end: warnings found, stored and moved along their lifecycle (新增 → 持续 → 已解除) run
/// after run, never deleted, every change an event; counts per code printed; a broken rules file refused.
/// </summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_FirstRun_EveryWarningNewWithTheRunDateAsFirstDate()
    {
        using var world = await WarningWorld.CreateAsync();

        await world.WarningRunAsync("2026-11-28");

        var warnings = await world.WarningsAsync();
        Assert.Equal(
            [
                ("EDU_AID_GAP", ZhangXiaoming.Value, "education"),
                ("EDU_AID_GAP", LiXiaohong.Value, "education"),
                ("EDU_NOT_COVERED", Stranger.Value, "civil-affairs"),
                ("MED_AID_GAP", Li.Value, "medical-insurance"),
            ],
            warnings.Select(w => (w["code"], w["subject"], w["receiver"])).Order());
        Assert.All(warnings, w => Assert.Equal(("新增", "2026-11-28", string.Empty), (w["status"], w["first_date"], w["resolved_date"])));
        var med = await world.WarningAsync("MED_AID_GAP", Li);
        Assert.Equal(("H2", "克井镇", "前进村", "低保", "medical-bills", "exact"),
            (med["household_id"], med["subdistrict"], med["village"], med["categories"], med["department"], med["method"]));
        Assert.Contains("25,000.00", med["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PopulationImage_WrittenByTheFirstRunReadByTheNextRebuiltWhenDamagedDeletedByANewSnapshot_SameWarnings()
    {
        using var world = await WarningWorld.CreateAsync();

        await world.WarningRunAsync("2026-11-28");
        var first = await world.WarningsAsync();
        var image = Assert.Single(Directory.GetFiles(world.Cli.Database + ".index", "rules-*.bin"));
        var written = await File.ReadAllBytesAsync(image);
        await world.WarningRunAsync("2026-12-05");
        var second = await world.WarningsAsync();
        var damaged = (byte[])written.Clone();
        damaged[^1] ^= 0x01;
        await File.WriteAllBytesAsync(image, damaged);
        await world.WarningRunAsync("2026-12-12");
        var third = await world.WarningsAsync();
        var rebuilt = await File.ReadAllBytesAsync(image);
        await world.LowIncomeAsync("lowincome-december.csv", h1EducationAid: true);

        static IEnumerable<(string, string, string, string)> Found(IEnumerable<IDictionary<string, string>> warnings) =>
            warnings.Select(w => (w["code"], w["subject"], w["receiver"], w["detail"])).Order();
        Assert.NotEmpty(first);
        Assert.Equal(Found(first), Found(second));
        Assert.Equal(Found(first), Found(third));
        Assert.All(third, w => Assert.Equal("持续", w["status"]));
        Assert.Equal(written, rebuilt);
        Assert.False(File.Exists(image)); // the snapshot before's people gone with it
    }

    [Fact]
    public async Task Run_ThreeRunsAndAFourth_NewThenContinuingThenResolvedNothingDeletedOneEventPerChange()
    {
        using var world = await WarningWorld.CreateAsync();
        var sizes = new List<int>();

        await world.WarningRunAsync("2026-11-28");
        var first = await world.WarningsAsync();
        sizes.Add(first.Count);

        await world.WarningRunAsync("2026-12-05");
        var second = await world.WarningsAsync();
        sizes.Add(second.Count);

        // 李小红 has left school: the December extract no longer lists her.
        await world.StudentsAsync("students-december.csv", withLiXiaohong: false);
        var third = await world.WarningRunAsync("2026-12-12");
        var afterThird = await world.WarningsAsync();
        sizes.Add(afterThird.Count);

        // The new snapshot records H1 receiving 教育救助: 张小明's gap is closed.
        await world.LowIncomeAsync("lowincome-december.csv", h1EducationAid: true);
        var fourth = await world.WarningRunAsync("2026-12-19");
        var afterFourth = await world.WarningsAsync();
        sizes.Add(afterFourth.Count);

        Assert.Equal([4, 4, 4, 4], sizes);
        Assert.Equal(first.Select(w => w["warning_id"]), afterFourth.Select(w => w["warning_id"]));
        Assert.All(second, w => Assert.Equal(("持续", "2026-11-28"), (w["status"], w["first_date"])));

        var li = await world.WarningAsync("EDU_AID_GAP", LiXiaohong);
        var zhang = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);
        var med = await world.WarningAsync("MED_AID_GAP", Li);
        var stranger = await world.WarningAsync("EDU_NOT_COVERED", Stranger);
        Assert.Equal(("已解除", "2026-11-28", "2026-12-12"), (li["status"], li["first_date"], li["resolved_date"]));
        Assert.Equal(("已解除", "2026-11-28", "2026-12-19"), (zhang["status"], zhang["first_date"], zhang["resolved_date"]));
        Assert.Equal(("持续", "2026-11-28", string.Empty), (med["status"], med["first_date"], med["resolved_date"]));
        Assert.Equal(("持续", "2026-11-28", string.Empty), (stranger["status"], stranger["first_date"], stranger["resolved_date"]));
        Assert.Equal("持续", Status(afterThird, ZhangXiaoming));

        Assert.Equal(["新增 2026-11-28", "持续 2026-12-05", "已解除 2026-12-12"], await world.EventsAsync(li["warning_id"]));
        Assert.Equal(["新增 2026-11-28", "持续 2026-12-05", "已解除 2026-12-19"], await world.EventsAsync(zhang["warning_id"]));
        Assert.Equal(["新增 2026-11-28", "持续 2026-12-05"], await world.EventsAsync(med["warning_id"]));
        Assert.Equal(["新增 2026-11-28", "持续 2026-12-05"], await world.EventsAsync(stranger["warning_id"]));
        Assert.Equal(10, (await CliDatabase.CountRowsAsync(world.Cli))["warning_event"]);

        Assert.Matches(CountLine("EDU_AID_GAP", 1, 0, 1, 0, 1), third);
        Assert.Matches(CountLine("MED_AID_GAP", 1, 0, 1, 0, 0), third);
        Assert.Matches(CountLine("EDU_AID_GAP", 0, 0, 0, 0, 1), fourth);
        Assert.Matches(CountLine("total", 2, 0, 2, 0, 1), fourth);
    }

    [Fact]
    public async Task Run_ResolvedWarningFoundAgain_NewAgainWithTheNewRunDateAsFirstDate()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.StudentsAsync("students-december.csv", withLiXiaohong: false);
        await world.WarningRunAsync("2026-12-05");

        await world.StudentsAsync("students-january.csv");
        var output = await world.WarningRunAsync("2027-01-09");

        var li = await world.WarningAsync("EDU_AID_GAP", LiXiaohong);
        Assert.Equal(("新增", "2027-01-09", string.Empty), (li["status"], li["first_date"], li["resolved_date"]));
        Assert.Equal(["新增 2026-11-28", "已解除 2026-12-05", "新增 2027-01-09"], await world.EventsAsync(li["warning_id"]));
        Assert.Equal(4, (await world.WarningsAsync()).Count);
        Assert.Matches(CountLine("EDU_AID_GAP", 2, 1, 1, 0, 0), output);
    }

    [Fact]
    public async Task Run_Output_CountsPerCodeAndTotal()
    {
        using var world = await WarningWorld.CreateAsync();

        var first = await world.WarningRunAsync("2026-11-28");
        var second = await world.WarningRunAsync("2026-12-05");

        Assert.Contains("as of 2026-11-28", first, StringComparison.Ordinal);
        Assert.Matches(CountLine("EDU_AID_GAP", 2, 2, 0, 0, 0), first);
        Assert.Matches(CountLine("EDU_NOT_COVERED", 1, 1, 0, 0, 0), first);
        Assert.Matches(CountLine("MED_AID_GAP", 1, 1, 0, 0, 0), first);
        Assert.Matches(CountLine("total", 4, 4, 0, 0, 0), first);
        Assert.Matches(@"(?m)^EDU_AID_GAP\s.*\s教育救助政策落实不到位\s*$", first); // the code's label, from rules.json
        Assert.Matches(CountLine("EDU_AID_GAP", 2, 0, 2, 0, 0), second);
        Assert.Matches(CountLine("total", 4, 0, 4, 0, 0), second);
        var stored = await CliDatabase.QueryAsync(world.Cli, "SELECT r.as_of, r.outcome, c.code, c.found, c.new FROM run r JOIN run_count c ON c.run_id = r.run_id ORDER BY r.run_id, c.code");
        Assert.Equal(
            [
                ("2026-11-28", "succeeded", "EDU_AID_GAP", "2", "2"), ("2026-11-28", "succeeded", "EDU_NOT_COVERED", "1", "1"), ("2026-11-28", "succeeded", "MED_AID_GAP", "1", "1"),
                ("2026-12-05", "succeeded", "EDU_AID_GAP", "2", "0"), ("2026-12-05", "succeeded", "EDU_NOT_COVERED", "1", "0"), ("2026-12-05", "succeeded", "MED_AID_GAP", "1", "0"),
            ],
            stored.Select(r => (r["as_of"], r["outcome"], r["code"], r["found"], r["new"])));
    }

    [Theory]
    [InlineData("""{ "receivers": { "civil-affairs": "民政局" }, "rules": [ { "code": "FOO_CHECK", "label": "测试", "receiver": "civil-affairs", "shape": "moon_phase" } ] }""", "FOO_CHECK")]
    [InlineData("""{ "receivers": { "civil-affairs": "民政局" }, "rules": [ { "code": "BAR_GAP", "label": "测试", "receiver": "civil-affairs", "kind": "matched_record", "departments": ["education"] } ] }""", "BAR_GAP")]
    [InlineData("""{ "receivers": { "civil-affairs": "民政局" }, "rules": { "code": "BAZ_GAP", "shape": "matched_record" } }""", "rules")]
    [InlineData("""{ "receivers": { "civil-affairs": "民政局" }, "rules": [ { "code": "DIS_SUBSIDY_GAP", "label": "测试", "receiver": "civil-affairs", "shape": "matched_record", "departments": ["disability"], "recordValues": { "grade": ["一级", "1"] } } ] }""",
        "recordValues.grade '一级' is not a code of disability's grade")]
    [InlineData("""{ "receivers": { "housing": "住建局" }, "rules": [ { "code": "HOUSING_AID_GAP", "label": "测试", "receiver": "housing", "shape": "housing", "categories": ["tekun"], "tekunSupport": "分散供养" } ] }""",
        "tekunSupport '分散供养' is not a code of the population's tekunSupport (分散: 分散供养, 集中: 集中供养)")]
    public async Task Run_RulesFileOfUnknownShape_Exit2WithOneLineNamingTheRule(string json, string named)
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var before = await CliDatabase.CountRowsAsync(world.Cli);
        var settings = await BrokenSettingsAsync(world, json);
        var rules = world.Cli.PathOf("broken-rules.json");

        var (exit, output, error) = await world.Cli.RunAsync("run", "--as-of", "2026-12-05", "--config", settings);

        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(rules, line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        var after = await CliDatabase.CountRowsAsync(world.Cli);
        Assert.Equal((before["warning"], before["warning_event"]), (after["warning"], after["warning_event"]));
    }

    [Fact]
    public async Task LowIncomeImport_BrokenRulesFile_ExitCodeAgreesWithWhatWasStored()
    {
        using var world = await WarningWorld.CreateAsync();
        var settings = await BrokenSettingsAsync(world, """{ "receivers": { "civil-affairs": "民政局" }, "rules": [ { "code": "FOO_CHECK", "label": "测试", "receiver": "civil-affairs", "shape": "moon_phase" } ] }""");
        var batches = await LowIncomeBatchesAsync(world);
        var csv = new LowIncomeCsv().Member("H1", Zhang.Value, "张三").WriteTo(world.Cli.PathOf("lowincome-december.csv"));

        var (exit, _, error) = await world.Cli.RunAsync("lowincome", "import", csv, "--config", settings);

        Assert.True(exit == 0 || await LowIncomeBatchesAsync(world) == batches,
            $"exit {exit} ({error.Trim()}), yet the snapshot was stored: {await LowIncomeBatchesAsync(world)} low-income batches, {batches} before");
    }

    [Fact]
    public async Task Run_AsOfNotADate_Exit2WithOneLine()
    {
        using var world = await WarningWorld.CreateAsync();

        var (exit, output, error) = await world.RunAsync("run", "--as-of", "28.11.2026");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--as-of '28.11.2026'", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(0, (await CliDatabase.CountRowsAsync(world.Cli))["warning"]);
    }

    /// <summary>Writes <paramref name="json"/> as broken-rules.json and a settings file pointing to it; returns the settings' path.</summary>
    private static async Task<string> BrokenSettingsAsync(WarningWorld world, string json)
    {
        var rules = world.Cli.PathOf("broken-rules.json");
        await File.WriteAllTextAsync(rules, json);
        var settings = world.Cli.PathOf("broken-settings.json");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(new { rejectsFolder = world.Cli.PathOf("rejects"), rulesFile = rules }));
        return settings;
    }

    private static async Task<int> LowIncomeBatchesAsync(WarningWorld world) =>
        (await CliDatabase.QueryAsync(world.Cli, "SELECT batch_id FROM import_batch WHERE kind = 'lowincome'")).Count;

    /// <summary>A line of the counts table: code, found, 新增, 持续, 已处理, 已解除.</summary>
    private static string CountLine(string code, int found, int added, int continuing, int closed, int resolved) =>
        $@"(?m)^{code}\s+{found}\s+{added}\s+{continuing}\s+{closed}\s+{resolved}(\s+\S+)?\s*$";

    private static string Status(IReadOnlyList<Dictionary<string, string>> warnings, IdNumber subject) =>
        warnings.Single(w => w["code"] == "EDU_AID_GAP" && w["subject"] == subject.Value)["status"];
}
