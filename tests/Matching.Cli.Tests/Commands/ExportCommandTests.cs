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
            // Frozen through the header row, under the title block.
            var pane = WorkbookFile.SheetXml(path)[0].Descendants().Single(e => e.Name.LocalName == "pane");
            Assert.Equal(("frozen", (sheet.HeaderIndex + 1).ToString(CultureInfo.InvariantCulture)), ((string?)pane.Attribute("state"), (string?)pane.Attribute("ySplit")));
            Assert.Equal(3, sheet.HeaderIndex);
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
        Assert.Equal(("EDU_NOT_COVERED", "education", "教育体育在校学生", "新增"),
            (sheet.Text(row, "预警代码"), sheet.Text(row, "来源部门"), sheet.Text(row, "来源名单"), sheet.Text(row, "状态")));
        Assert.Empty(WorkbookFile.Formulas(civil));
        var cell = Assert.Single(WorkbookFile.CellsWithText(civil, FormulaName));
        Assert.Contains((string?)cell.Attribute("t"), new[] { "inlineStr", "s" });

        var education = First(Path.Combine(outDir, "education.xlsx"));
        Assert.Equal([ZhangXiaoming.Value, LiXiaohong.Value], education.Data.Select(r => Assert.IsType<string>(education.Cell(r, "身份证号码"))).Order(StringComparer.Ordinal));
        Assert.All(education.Data, r => Assert.Equal(new DateTime(2026, 11, 28), Assert.IsType<DateTime>(education.Cell(r, "首次预警日期"))));
        var zhang = education.Data.Single(r => education.Text(r, "姓名") == "张小明");
        Assert.Equal(("H1", "天坛街道", "北海社区", "低保", "身份证号一致"),
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
            var list = sheets[0];
            var overview = Path.GetFileName(path) == Overview;
            if (list.Data.Count == 0)
            {
                // An empty list is one sheet, one page, saying so.
                Assert.Equal(["预警名单"], sheets.Select(s => s.Name));
                Assert.Contains(list.Rows, r => r[0] is string text && text.Contains("没有", StringComparison.Ordinal));
                continue;
            }

            Assert.Equal(overview ? ["预警名单", "汇总"] : ["预警名单", "填写说明", "汇总"], sheets.Select(s => s.Name));
            var summary = sheets[^1];
            var byCode = SummaryTable(summary, "预警类型").Where(r => r[0] != "合计").ToDictionary(r => r[2], r => int.Parse(r[1], CultureInfo.InvariantCulture));
            var expected = list.Data.GroupBy(r => list.Text(r, "预警代码")).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected.OrderBy(e => e.Key), byCode.OrderBy(e => e.Key));
            Assert.Equal(list.Data.Count.ToString(CultureInfo.InvariantCulture), SummaryTable(summary, "预警类型").Single(r => r[0] == "合计")[1]);

            // Receiver × status and town × code add up to the same total; every table has its title above it.
            var byStatus = SummaryTable(summary, "接收部门");
            Assert.Equal(list.Data.Count.ToString(CultureInfo.InvariantCulture), byStatus.Single(r => r[0] == "合计")[^1]);
            var byTown = SummaryTable(summary, "镇（街道）");
            Assert.Equal(list.Data.Count.ToString(CultureInfo.InvariantCulture), byTown.Single(r => r[0] == "合计")[^1]);
            Assert.DoesNotContain(byTown, r => r[0] is "镇" or "街道");
            var titles = summary.Rows.Select(r => r[0] as string ?? string.Empty).ToList();
            Assert.Contains(titles, t => t.StartsWith("一、", StringComparison.Ordinal));
            Assert.Contains("二、按预警类型", titles);
            Assert.Contains("三、按镇（街道）和预警类型", titles);
        }

        var all = WorkbookFile.Read(Path.Combine(outDir, Overview))[^1];
        Assert.Equal("2", SummaryTable(all, "预警类型").Single(r => r.Length > 2 && r[2] == "EDU_AID_GAP")[1]);
        var receivers = SummaryTable(all, "接收部门");
        Assert.Equal(["接收部门", "新增", "持续", "已处理", "已解除", "其中已答复待跟进", "合计"], SummaryHeader(all, "接收部门"));
        Assert.Equal(["教育体育局", "0", "1", "0", "1", "0", "2"], receivers.Single(r => r[0] == "教育体育局"));
        var education = WorkbookFile.Read(Path.Combine(outDir, "education.xlsx"))[^1];
        Assert.Equal("1", SummaryTable(education, "预警类型").Single(r => r.Length > 2 && r[2] == "EDU_AID_GAP")[1]);
    }

    /// <summary>The header row of the 汇总 table whose first header is <paramref name="first"/>.</summary>
    private static string[] SummaryHeader(WorkbookSheet sheet, string first) =>
        [.. sheet.Rows.First(r => r.Length > 1 && r[0] as string == first && r[1] is string).TakeWhile(c => c is not null).Select(c => (string)c!)];

    /// <summary>The rows of the 汇总 table whose first header is <paramref name="first"/>, as text, down to its 合计 row.</summary>
    private static List<string[]> SummaryTable(WorkbookSheet sheet, string first)
    {
        var start = sheet.Rows.ToList().FindIndex(r => r.Length > 1 && r[0] as string == first && r[1] is string);
        Assert.True(start >= 0, $"no table {first} in {sheet.Name}");
        var rows = new List<string[]>();
        foreach (var row in sheet.Rows.Skip(start + 1))
        {
            var cells = row.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
            cells = cells[..(Array.FindLastIndex(cells, c => c.Length > 0) + 1)];
            rows.Add(cells);
            if (cells[0] == "合计")
            {
                break;
            }
        }

        return rows;
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
        var li = overview.Data.Single(r => overview.Text(r, "身份证号码") == LiXiaohong.Masked); // the overview is masked (rules.json maskedWorkbooks)
        Assert.Equal("已解除", overview.Text(li, "状态"));
        Assert.Equal(new DateTime(2026, 12, 5), Assert.IsType<DateTime>(overview.Cell(li, "解除日期")));
        Assert.Equal(4, overview.Data.Count);
    }

    [Fact]
    public async Task Export_Default_ReceiversWholeIdsOverviewMasked_FullIdsOverridesMaskAll()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");

        await world.MustAsync("export", "--out", world.Cli.PathOf("default"));
        await world.MustAsync("export", "--out", world.Cli.PathOf("full"), "--full-ids");
        await world.MustAsync("export", "--out", world.Cli.PathOf("masked"), "--mask");

        IEnumerable<string> Ids(string folder, string file)
        {
            var sheet = First(Path.Combine(world.Cli.PathOf(folder), file));
            return sheet.Data.Select(r => sheet.Text(r, "身份证号码"));
        }

        Assert.Contains(ZhangXiaoming.Value, Ids("default", "education.xlsx"));
        Assert.Contains(ZhangXiaoming.Masked, Ids("default", Overview));
        Assert.DoesNotContain(ZhangXiaoming.Value, Ids("default", Overview));
        Assert.Contains(ZhangXiaoming.Value, Ids("full", Overview));
        Assert.Contains(ZhangXiaoming.Masked, Ids("masked", "education.xlsx"));
        var audit = await CliDatabase.QueryAsync(world.Cli, "SELECT full_ids FROM access_audit ORDER BY audit_id");
        Assert.Equal(["1", "1", "0"], audit.Select(r => r["full_ids"]));
        Assert.Equal(2, (await world.RunAsync("export", "--out", world.Cli.PathOf("both"), "--mask", "--full-ids")).Exit);
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
