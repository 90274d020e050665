using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Matching.Cli.Feedback;
using Matching.Testing;
using static Matching.Cli.Tests.Warnings.WarningWorld;

namespace Matching.Cli.Tests.Warnings;

/// <summary>
/// A warning workbook as a document a clerk prints, fills and sends back, read back as ExcelDataReader and the
/// package's XML see it: title block, print titles and area, page setup, the dropdown, the filter over the data,
/// protection that leaves the data editable; and through LibreOffice: re-saved as .xlsx and .xls and imported back,
/// printed to PDF.
/// </summary>
public sealed class WorkbookDocumentTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public async Task Export_ReceiverWorkbook_TitlePrintSetupDropdownFilterAndProtectionInThePackage()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.MustAsync("export", "--out", world.Cli.PathOf("out"));
        var path = world.Cli.PathOf("out/education.xlsx");

        var sheets = WorkbookFile.Read(path);
        var list = sheets[0];
        Assert.Equal(["预警名单", "填写说明", "汇总"], sheets.Select(s => s.Name));
        Assert.Equal("教育体育局 低收入人口动态监测预警名单", list.Title[0]);
        Assert.Contains("预警 2 条：新增 2", list.Title[1], StringComparison.Ordinal);
        Assert.Equal(["预警编号", "姓名", "身份证号码", "处理结果", "处理日期"], list.Headers.Take(5));
        Assert.Equal(2, list.Data.Count);

        using var zip = ZipFile.OpenRead(path);
        var workbook = Xml(zip, "xl/workbook.xml");
        var names = workbook.Descendants(Main + "definedName").ToDictionary(n => (string)n.Attribute("name")!, n => (n.Value, (string?)n.Attribute("localSheetId")));
        Assert.Equal(("'预警名单'!$4:$4", "0"), names["_xlnm.Print_Titles"]);
        Assert.Equal(("'预警名单'!$A$1:$L$6", "0"), names["_xlnm.Print_Area"]);
        Assert.Equal(("'预警名单'!$A$4:$S$6", "0"), names["_xlnm._FilterDatabase"]);

        var sheet = Xml(zip, "xl/worksheets/sheet1.xml");
        var setup = sheet.Descendants(Main + "pageSetup").Single();
        Assert.Equal(("landscape", "1", "0", "9"), ((string?)setup.Attribute("orientation"), (string?)setup.Attribute("fitToWidth"), (string?)setup.Attribute("fitToHeight"), (string?)setup.Attribute("paperSize")));
        Assert.Equal("1", (string?)sheet.Descendants(Main + "pageSetUpPr").Single().Attribute("fitToPage"));
        var footer = sheet.Descendants(Main + "oddFooter").Single().Value;
        Assert.Contains("&P", footer, StringComparison.Ordinal);
        Assert.Contains("&N", footer, StringComparison.Ordinal);
        Assert.Contains("教育体育局", sheet.Descendants(Main + "oddHeader").Single().Value, StringComparison.Ordinal);
        Assert.Equal("A4:S6", (string?)sheet.Descendants(Main + "autoFilter").Single().Attribute("ref"));

        // The dropdown on 处理结果's data cells offers exactly the answers of the vocabulary that are not refused.
        var validation = sheet.Descendants(Main + "dataValidation").Single();
        Assert.Equal(("list", "D5:D6"), ((string?)validation.Attribute("type"), (string?)validation.Attribute("sqref")));
        var offered = AnswersFile.Load(null).Offered.Select(a => a.Text).ToList();
        Assert.Equal(offered, validation.Element(Main + "formula1")!.Value.Trim('"').Split(','));
        Assert.Contains("正在核实", offered);
        Assert.DoesNotContain("无", offered);

        // Protected without a password; filtering, sorting, widths and rows allowed; the data cells editable, the title and header not.
        var protection = sheet.Descendants(Main + "sheetProtection").Single();
        Assert.Equal(("1", "0", "0", "0", "0"), ((string?)protection.Attribute("sheet"), (string?)protection.Attribute("sort"), (string?)protection.Attribute("autoFilter"),
            (string?)protection.Attribute("formatColumns"), (string?)protection.Attribute("deleteRows")));
        Assert.Null(protection.Attribute("password"));
        var locked = Locked(Xml(zip, "xl/styles.xml"));
        var rows = sheet.Descendants(Main + "row").ToList();
        Assert.All(rows[4].Elements(Main + "c").Concat(rows[5].Elements(Main + "c")), c => Assert.False(locked[(int?)c.Attribute("s") ?? 0]));
        Assert.All(rows[3].Elements(Main + "c").Concat(rows[0].Elements(Main + "c")), c => Assert.True(locked[(int?)c.Attribute("s") ?? 0]));
        var summary = Xml(zip, "xl/worksheets/sheet3.xml");
        Assert.Single(summary.Descendants(Main + "sheetProtection"));
        Assert.All(summary.Descendants(Main + "c"), c => Assert.True(locked[(int?)c.Attribute("s") ?? 0]));

        // The instructions name every answer and what it does, and where to send the workbook.
        var instructions = sheets[1].Rows.SelectMany(r => r).OfType<string>().ToList();
        Assert.All(offered, a => Assert.Contains(a, instructions));
        Assert.Contains(instructions, t => t.Contains("报送", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_NoWarnings_OneSheetSayingSo()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.MustAsync("export", "--out", world.Cli.PathOf("out"));

        var sheets = WorkbookFile.Read(world.Cli.PathOf("out/agriculture.xlsx"));

        var list = Assert.Single(sheets);
        Assert.Empty(list.Data);
        Assert.Contains(list.Rows, r => r[0] is string text && text.Contains("没有需要处理的预警", StringComparison.Ordinal));
        Assert.Contains("预警 0 条", list.Title[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_OldLayoutHeaderInRowOneColumnsElsewhere_StillRead()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var zhang = double.Parse((await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming))["warning_id"], CultureInfo.InvariantCulture);
        string[] old = ["预警编号", "预警代码", "预警类型", "身份证号码", "姓名", "来源部门", "匹配方式", "户编号", "镇（街道）", "村（社区）", "救助类别", "预警说明", "建议措施",
            "首次预警日期", "状态", "来源行号", "处理结果", "处理日期"];
        var row = new object?[old.Length];
        (row[0], row[1], row[16], row[17]) = (zhang, "EDU_AID_GAP", "不符合条件", "2026-12-01");
        var path = new XlsxBuilder().Row(1, old).Row(2, row).WriteTo(world.Cli.PathOf("education-old.xlsx"));

        var output = await world.MustAsync("feedback", "import", "education", path);

        Assert.Contains("1 dispositions recorded (1 closed, 0 kept open)", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Feedback_AnsweredWorkbookResavedByLibreOfficeAsXlsxAndXls_Imported()
    {
        Skip.IfNot(LibreOffice.IsPresent, LibreOffice.Missing);
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.MustAsync("export", "--out", world.Cli.PathOf("out"));
        var answered = world.Cli.PathOf("answered/education.xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(answered)!);
        File.Copy(world.Cli.PathOf("out/education.xlsx"), answered);
        Answer(answered, (5, "已落实救助", "2026-12-01"), (6, "正在核实", "2026-12-02"));

        var xls = LibreOffice.Convert(answered, "xls", world.Cli.PathOf("xls"));
        var xlsx = LibreOffice.Convert(answered, "xlsx", world.Cli.PathOf("xlsx"));
        var first = await world.MustAsync("feedback", "import", "education", xls);
        var second = await world.MustAsync("feedback", "import", "教育体育局", xlsx);

        Assert.Contains("2 dispositions recorded (1 closed, 1 kept open), 0 unchanged, 0 rows not used", first, StringComparison.Ordinal);
        Assert.Contains("0 dispositions recorded (0 closed, 0 kept open), 2 unchanged, 0 rows not used", second, StringComparison.Ordinal);
        var statuses = (await world.WarningsAsync()).Where(w => w["code"] == "EDU_AID_GAP").Select(w => (w["status"], w["disposition"])).Order().ToList();
        Assert.Equal([("已处理", "已落实救助"), ("新增", "正在核实")], statuses);
    }

    [SkippableFact]
    public async Task Print_SampleEducationWorkbookOf241Rows_FewPagesHeaderOnEveryPageEmptyOneOnePage()
    {
        Skip.IfNot(LibreOffice.IsPresent, LibreOffice.Missing);
        using var cli = new CliRun();
        var outDir = cli.PathOf("out");
        var (exit, _, error) = await cli.RunAsync("demo", "--sample-data", RepositoryPaths.SampleData, "--out", outDir);
        Assert.True(exit == 0, error);
        var education = Path.Combine(outDir, "warnings", "education.xlsx");
        Assert.Equal(241, WorkbookFile.Read(education)[0].Data.Count);

        var pdf = LibreOffice.Convert(education, "pdf", cli.PathOf("pdf"));
        var empty = LibreOffice.Convert(Path.Combine(outDir, "warnings", "agriculture.xlsx"), "pdf", cli.PathOf("pdf"));

        var pages = LibreOffice.Pages(pdf);
        Assert.InRange(pages, 2, 12);
        var second = LibreOffice.PageText(pdf, 2);
        Assert.Contains("预警编号", second, StringComparison.Ordinal);
        Assert.Contains("处理结果", second, StringComparison.Ordinal);
        Assert.Contains("第 2 页", second, StringComparison.Ordinal);
        Assert.Equal(1, LibreOffice.Pages(empty));
        Assert.Contains("没有需要处理的预警", LibreOffice.PageText(empty, 1), StringComparison.Ordinal);
    }

    /// <summary>Types answers into a written workbook's 处理结果 (D) and 处理日期 (E) as a clerk would, dates as text.</summary>
    private static void Answer(string path, params (int Row, string Result, string Date)[] answers)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
        XDocument sheet;
        using (var stream = entry.Open())
        {
            sheet = XDocument.Load(stream);
        }

        var rows = sheet.Descendants(Main + "row").ToList();
        foreach (var (row, result, date) in answers)
        {
            var cells = rows[row - 1].Elements(Main + "c").ToList();
            cells[3].ReplaceWith(Text(cells[3], result));
            cells[4].ReplaceWith(Text(cells[4], date));
        }

        entry.Delete();
        using var output = zip.CreateEntry("xl/worksheets/sheet1.xml").Open();
        sheet.Save(output);

        static XElement Text(XElement cell, string text) =>
            new(Main + "c", cell.Attribute("s"), new XAttribute("t", "inlineStr"), new XElement(Main + "is", new XElement(Main + "t", text)));
    }

    private static List<bool> Locked(XDocument styles) =>
        [.. styles.Descendants(Main + "cellXfs").Single().Elements(Main + "xf").Select(xf => (string?)xf.Element(Main + "protection")?.Attribute("locked") != "0")];

    private static XDocument Xml(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }
}
