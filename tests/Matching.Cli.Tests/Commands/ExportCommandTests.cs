using System.Globalization;
using System.Text.Json;
using Matching.Cli.Tests.Warnings;
using static Matching.Cli.Tests.Warnings.WarningWorld;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// <c>matching export --out &lt;dir&gt;</c> end to end: one workbook per receiver of rules.json and the overview, read
/// back cell by cell: headers, IDs as 18-character text, dates as dates, no formula, masking, the 汇总 sheet, --since.
/// </summary>
public sealed class ExportCommandTests
{
    private const string Overview = "civil-affairs-overview.xlsx";

    private static readonly string[] RequiredHeaders =
    [
        "预警编号", "预警代码", "预警类型", "身份证号码", "姓名", "来源部门", "匹配方式", "户编号", "镇（街道）", "村（社区）",
        "救助类别", "预警说明", "建议措施", "首次预警日期", "状态", "处理结果", "处理日期",
    ];

    [Fact]
    public async Task Export_AfterRun_OneWorkbookPerReceiverEvenEmptyAndTheOverview()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var outDir = world.Cli.PathOf("out");

        var output = await world.MustAsync("export", "--out", outDir);

        var receivers = Receivers();
        Assert.Superset(new HashSet<string>(["civil-affairs", "education", "hr-social-security", "health", "medical-insurance", "disabled-federation", "housing", "emergency", "agriculture"]), receivers.ToHashSet());
        Assert.Equal(
            receivers.Select(r => r + ".xlsx").Append(Overview).Order(StringComparer.Ordinal),
            Directory.GetFiles(outDir).Select(f => new FileInfo(f).Name).Order(StringComparer.Ordinal));
        var rows = receivers.Append("civil-affairs-overview").ToDictionary(r => r, r => First(Path.Combine(outDir, r + ".xlsx")).Data.Count);
        Assert.Equal(2, rows["education"]);
        Assert.Equal(1, rows["medical-insurance"]);
        Assert.Equal(1, rows["civil-affairs"]);
        Assert.Equal(4, rows["civil-affairs-overview"]);
        Assert.All(receivers.Except(["education", "medical-insurance", "civil-affairs"]), r => Assert.Equal(0, rows[r]));
        Assert.Contains("education.xlsx: 2 warnings", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_EveryWorkbook_FirstSheetHasTheContractHeadersFrozen()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var outDir = world.Cli.PathOf("out");

        await world.MustAsync("export", "--out", outDir);

        foreach (var path in Directory.GetFiles(outDir, "*.xlsx"))
        {
            var sheet = First(path);
            Assert.All(RequiredHeaders, h => Assert.Contains(h, sheet.Headers));
            var pane = WorkbookFile.SheetXml(path)[0].Descendants().Single(e => e.Name.LocalName == "pane");
            Assert.Equal(("frozen", "1"), ((string?)pane.Attribute("state"), (string?)pane.Attribute("ySplit")));
        }
    }

    [Fact]
    public async Task Export_Cells_IdIsEighteenCharacterTextFirstDateIsADateAndFormulaNameIsText()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var outDir = world.Cli.PathOf("out");

        await world.MustAsync("export", "--out", outDir);

        var civil = Path.Combine(outDir, "civil-affairs.xlsx");
        var sheet = First(civil);
        var row = Assert.Single(sheet.Data);
        var id = Assert.IsType<string>(sheet.Cell(row, "身份证号码"));
        Assert.Equal(Stranger.Value, id);
        Assert.Equal(18, id.Length);
        Assert.Equal(new DateTime(2026, 11, 28), Assert.IsType<DateTime>(sheet.Cell(row, "首次预警日期")));
        Assert.Equal(FormulaName, Assert.IsType<string>(sheet.Cell(row, "姓名")));
        Assert.Equal(("EDU_NOT_COVERED", "education", "新增"), (sheet.Text(row, "预警代码"), sheet.Text(row, "来源部门"), sheet.Text(row, "状态")));
        Assert.Empty(WorkbookFile.Formulas(civil));
        var cell = Assert.Single(WorkbookFile.CellsWithText(civil, FormulaName));
        Assert.Contains((string?)cell.Attribute("t"), new[] { "inlineStr", "s" });

        var education = First(Path.Combine(outDir, "education.xlsx"));
        Assert.Equal([ZhangXiaoming.Value, LiXiaohong.Value], education.Data.Select(r => Assert.IsType<string>(education.Cell(r, "身份证号码"))).Order(StringComparer.Ordinal));
        Assert.All(education.Data, r => Assert.Equal(new DateTime(2026, 11, 28), Assert.IsType<DateTime>(education.Cell(r, "首次预警日期"))));
        var zhang = education.Data.Single(r => education.Text(r, "姓名") == "张小明");
        Assert.Equal(("H1", "天坛街道", "北海社区", "低保", "exact"),
            (education.Text(zhang, "户编号"), education.Text(zhang, "镇（街道）"), education.Text(zhang, "村（社区）"), education.Text(zhang, "救助类别"), education.Text(zhang, "匹配方式")));
        Assert.Empty(WorkbookFile.Formulas(Path.Combine(outDir, Overview)));
    }

    [Fact]
    public async Task Export_Mask_IdsAreFirstSixAsterisksLastFourAndNoFullIdAnywhere()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var outDir = world.Cli.PathOf("out");

        await world.MustAsync("export", "--out", outDir, "--mask");

        string[] full = [Zhang.Value, ZhangXiaoming.Value, Li.Value, LiXiaohong.Value, Stranger.Value];
        var ids = new List<string>();
        foreach (var path in Directory.GetFiles(outDir, "*.xlsx"))
        {
            var sheets = WorkbookFile.Read(path);
            ids.AddRange(sheets[0].Data.Select(r => Assert.IsType<string>(sheets[0].Cell(r, "身份证号码"))));
            var cells = sheets.SelectMany(s => s.Rows).SelectMany(r => r).OfType<string>().ToList();
            Assert.DoesNotContain(cells, c => full.Any(id => c.Contains(id, StringComparison.Ordinal)));
        }

        Assert.Equal(8, ids.Count);
        Assert.All(ids, id => Assert.Contains(id, full.Select(f => f[..6] + "********" + f[^4..])));
        Assert.Contains(LiXiaohong.Value[..6] + "********" + LiXiaohong.Value[^4..], ids);
    }

    [Fact]
    public async Task Export_SummarySheet_CountsByCodeMatchTheRowsAndAddUp()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.StudentsAsync("students-december.csv", withLiXiaohong: false);
        await world.WarningRunAsync("2026-12-05");
        var outDir = world.Cli.PathOf("out");

        await world.MustAsync("export", "--out", outDir);

        foreach (var path in Directory.GetFiles(outDir, "*.xlsx"))
        {
            var sheets = WorkbookFile.Read(path);
            Assert.Equal(["预警名单", "汇总"], sheets.Select(s => s.Name));
            var (list, summary) = (sheets[0], sheets[1]);
            var byCode = summary.Data.Where(r => summary.Text(r, "分组") == "预警代码")
                .ToDictionary(r => summary.Text(r, "项目"), r => Convert.ToInt32(summary.Cell(r, "条数"), CultureInfo.InvariantCulture));
            var expected = list.Data.GroupBy(r => list.Text(r, "预警代码")).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected.OrderBy(e => e.Key), byCode.OrderBy(e => e.Key));
            var total = summary.Data.Single(r => summary.Text(r, "分组") == "合计");
            Assert.Equal(list.Data.Count, Convert.ToInt32(summary.Cell(total, "条数"), CultureInfo.InvariantCulture));
            Assert.Equal(list.Data.Count, byCode.Values.Sum());
        }

        var overview = WorkbookFile.Read(Path.Combine(outDir, Overview))[1];
        Assert.Equal(2, Convert.ToInt32(overview.Cell(overview.Data.Single(r => overview.Text(r, "项目") == "EDU_AID_GAP"), "条数"), CultureInfo.InvariantCulture));
        var education = WorkbookFile.Read(Path.Combine(outDir, "education.xlsx"))[1];
        Assert.Equal(1, Convert.ToInt32(education.Cell(education.Data.Single(r => education.Text(r, "项目") == "EDU_AID_GAP"), "条数"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Export_SinceAfterTheFirstDate_ReceiverWorkbooksEmptyAndContinuingWarningsKeepTheirDate()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.WarningRunAsync("2026-12-05");

        await world.MustAsync("export", "--out", world.Cli.PathOf("since-first"), "--since", "2026-11-28");
        await world.MustAsync("export", "--out", world.Cli.PathOf("since-next-day"), "--since", "2026-11-29");
        await world.MustAsync("export", "--out", world.Cli.PathOf("since-second-run"), "--since", "2026-12-05");

        Assert.Equal(2, First(Path.Combine(world.Cli.PathOf("since-first"), "education.xlsx")).Data.Count);
        foreach (var folder in new[] { "since-next-day", "since-second-run" })
        {
            var files = Directory.GetFiles(world.Cli.PathOf(folder), "*.xlsx");
            Assert.Equal(Receivers().Count + 1, files.Length);
            Assert.All(files, path =>
            {
                var sheets = WorkbookFile.Read(path);
                Assert.Equal(RequiredHeaders.Length, RequiredHeaders.Count(sheets[0].Headers.Contains));
                Assert.Empty(sheets[0].Data);
            });
        }
    }

    [Fact]
    public async Task Export_ResolvedWarning_GoneFromTheReceiverWorkbookKeptInTheOverview()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.StudentsAsync("students-december.csv", withLiXiaohong: false);
        await world.WarningRunAsync("2026-12-05");
        var outDir = world.Cli.PathOf("out");

        await world.MustAsync("export", "--out", outDir);

        var education = First(Path.Combine(outDir, "education.xlsx"));
        Assert.Equal(["张小明"], education.Data.Select(r => education.Text(r, "姓名")));
        Assert.Equal("持续", education.Text(education.Data[0], "状态"));
        var overview = First(Path.Combine(outDir, Overview));
        var li = overview.Data.Single(r => overview.Text(r, "身份证号码") == LiXiaohong.Value);
        Assert.Equal("已解除", overview.Text(li, "状态"));
        Assert.Equal(new DateTime(2026, 12, 5), Assert.IsType<DateTime>(overview.Cell(li, "解除日期")));
        Assert.Equal(4, overview.Data.Count);
    }

    /// <summary>The receivers of the shipped rules.json, the one the program reads.</summary>
    private static IReadOnlyList<string> Receivers()
    {
        using var rules = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return [.. rules.RootElement.GetProperty("receivers").EnumerateObject().Select(p => p.Name)];
    }

    private static WorkbookSheet First(string path) => WorkbookFile.Read(path)[0];
}
