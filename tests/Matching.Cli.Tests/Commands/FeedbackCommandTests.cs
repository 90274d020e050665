using System.Globalization;
using System.Text;
using Matching.Cli.Tests.Warnings;
using Matching.Testing;
using static Matching.Cli.Tests.Warnings.WarningWorld;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// <c>matching feedback import &lt;receiver&gt; &lt;file&gt;</c> end to end: a department's returned workbook (or CSV)
/// closes its warnings (已处理) until their facts change; rows naming no warning of that receiver are listed and change nothing.
/// </summary>
public sealed class FeedbackCommandTests
{
    [Fact]
    public async Task Feedback_ReturnedWorkbook_ClosesTheWarningUntilItsFactsChange()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.MustAsync("export", "--out", world.Cli.PathOf("out1"));
        var sent = WorkbookFile.Read(world.Cli.PathOf("out1/medical-insurance.xlsx"))[0];
        var sentRow = Assert.Single(sent.Data);
        var foreign = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);

        // The department's returned copy: its row answered, and a row naming an education warning's number.
        var answered = Returned(sent, sentRow, ("处理结果", "已落实救助"), ("处理日期", "2026-12-01"));
        var stray = Returned(sent, sentRow, ("预警编号", double.Parse(foreign["warning_id"], CultureInfo.InvariantCulture)), ("处理结果", "已核实无需处理"), ("处理日期", "2026-12-01"));
        var path = new XlsxBuilder().Row(1, [.. sent.Headers]).Row(2, answered).Row(3, stray).WriteTo(world.Cli.PathOf("medical-insurance-returned.xlsx"));

        var output = await world.MustAsync("feedback", "import", "medical-insurance", path);

        Assert.Contains("1 dispositions recorded", output, StringComparison.Ordinal);
        Assert.Contains($"row 3: warning {foreign["warning_id"]} is not a warning of medical-insurance (it is education's)", output, StringComparison.Ordinal);
        var med = await world.WarningAsync("MED_AID_GAP", Li);
        Assert.Equal(sent.Text(sentRow, "预警编号"), med["warning_id"]);
        Assert.Equal(("已处理", "已落实救助", "2026-12-01", "2026-11-28"), (med["status"], med["disposition"], med["disposition_date"], med["first_date"]));
        Assert.Equal(["新增 2026-11-28", "已处理 feedback"], await world.EventsAsync(med["warning_id"]));
        var untouched = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);
        Assert.Equal(("新增", string.Empty, string.Empty), (untouched["status"], untouched["disposition"], untouched["disposition_date"]));
        Assert.Equal(["新增 2026-11-28"], await world.EventsAsync(untouched["warning_id"]));

        // Same facts: the next run keeps it closed, and the department does not get it again.
        var second = await world.WarningRunAsync("2026-12-05");
        await world.MustAsync("export", "--out", world.Cli.PathOf("out2"));

        med = await world.WarningAsync("MED_AID_GAP", Li);
        Assert.Equal(("已处理", "已落实救助", "2026-11-28"), (med["status"], med["disposition"], med["first_date"]));
        Assert.Matches(@"(?m)^MED_AID_GAP\s+1\s+0\s+0\s+1\s+0(\s+\S+)?\s*$", second);
        Assert.Empty(WorkbookFile.Read(world.Cli.PathOf("out2/medical-insurance.xlsx"))[0].Data);
        var overview = WorkbookFile.Read(world.Cli.PathOf("out2/civil-affairs-overview.xlsx"))[0];
        var inOverview = overview.Data.Single(r => overview.Text(r, "预警代码") == "MED_AID_GAP");
        Assert.Equal(("已处理", "已落实救助"), (overview.Text(inOverview, "状态"), overview.Text(inOverview, "处理结果")));
        Assert.Equal(new DateTime(2026, 12, 1), Assert.IsType<DateTime>(overview.Cell(inOverview, "处理日期")));

        // The facts change: another bill raises 李四's total. The warning is raised again, as new, without the old answer.
        await world.BillsAsync("bills-december.csv", [.. FirstBills, ("2026-11-20", "5000")]);
        var third = await world.WarningRunAsync("2026-12-12");
        await world.MustAsync("export", "--out", world.Cli.PathOf("out3"));

        med = await world.WarningAsync("MED_AID_GAP", Li);
        Assert.Equal(sent.Text(sentRow, "预警编号"), med["warning_id"]);
        Assert.Equal(("新增", "2026-12-12", string.Empty, string.Empty), (med["status"], med["first_date"], med["disposition"], med["disposition_date"]));
        Assert.Contains("30,000.00", med["detail"], StringComparison.Ordinal);
        Assert.Equal(["新增 2026-11-28", "已处理 feedback", "新增 2026-12-12"], await world.EventsAsync(med["warning_id"]));
        Assert.Matches(@"(?m)^MED_AID_GAP\s+1\s+1\s+0\s+0\s+0(\s+\S+)?\s*$", third);
        Assert.Equal(4, (await world.WarningsAsync()).Count);
        var resent = WorkbookFile.Read(world.Cli.PathOf("out3/medical-insurance.xlsx"))[0];
        var row = Assert.Single(resent.Data);
        Assert.Equal(("新增", string.Empty), (resent.Text(row, "状态"), resent.Text(row, "处理结果")));
    }

    [Fact]
    public async Task Feedback_ReturnedCsv_RecordsAnsweredRowsAndListsEveryRowNotUsed()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var zhang = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);
        var li = await world.WarningAsync("EDU_AID_GAP", LiXiaohong);
        var stranger = await world.WarningAsync("EDU_NOT_COVERED", Stranger);
        var path = world.Cli.PathOf("education-returned.csv");
        await File.WriteAllTextAsync(path,
            "预警编号,处理结果,处理日期\r\n"
            + $"{zhang["warning_id"]},已落实救助,2026/12/3\r\n"      // 2: recorded
            + $"{li["warning_id"]},,\r\n"                            // 3: not answered yet: skipped
            + $"{stranger["warning_id"]},不符合条件,2026-12-03\r\n"   // 4: a civil-affairs warning
            + "abc,不符合条件,2026-12-03\r\n"                        // 5: no warning number
            + $"{li["warning_id"]},不符合条件,下周\r\n",                // 6: no date
            new UTF8Encoding(true));

        var output = await world.MustAsync("feedback", "import", "education", path);

        Assert.Contains("1 dispositions recorded (1 closed, 0 kept open), 0 unchanged, 3 rows not used", output, StringComparison.Ordinal);
        Assert.Contains($"row 4: warning {stranger["warning_id"]} is not a warning of education (it is civil-affairs's)", output, StringComparison.Ordinal);
        Assert.Contains("row 5, column 预警编号", output, StringComparison.Ordinal);
        Assert.Contains("row 6, column 处理日期", output, StringComparison.Ordinal);
        zhang = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);
        Assert.Equal(("已处理", "已落实救助", "2026-12-03"), (zhang["status"], zhang["disposition"], zhang["disposition_date"]));
        foreach (var other in new[] { await world.WarningAsync("EDU_AID_GAP", LiXiaohong), await world.WarningAsync("EDU_NOT_COVERED", Stranger) })
        {
            Assert.Equal(("新增", string.Empty), (other["status"], other["disposition"]));
            Assert.Equal(["新增 2026-11-28"], await world.EventsAsync(other["warning_id"]));
        }

        var events = (await CliDatabase.CountRowsAsync(world.Cli))["warning_event"];
        var again = await world.MustAsync("feedback", "import", "education", path);

        Assert.Contains("0 dispositions recorded (0 closed, 0 kept open), 1 unchanged", again, StringComparison.Ordinal);
        Assert.Equal(events, (await CliDatabase.CountRowsAsync(world.Cli))["warning_event"]);
    }

    [Fact]
    public async Task Feedback_ClosedWarningNoLongerFound_ResolvedAndItsAnswerKept()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var zhang = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);
        var path = world.Cli.PathOf("education-returned.csv");
        await File.WriteAllTextAsync(path, $"预警编号,处理结果,处理日期\r\n{zhang["warning_id"]},已落实救助,2026-12-03\r\n");
        await world.MustAsync("feedback", "import", "education", path);

        await world.LowIncomeAsync("lowincome-december.csv", h1EducationAid: true);
        await world.WarningRunAsync("2026-12-05");

        zhang = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);
        Assert.Equal(("已解除", "2026-12-05", "已落实救助", "2026-12-03"), (zhang["status"], zhang["resolved_date"], zhang["disposition"], zhang["disposition_date"]));
        Assert.Equal(["新增 2026-11-28", "已处理 feedback", "已解除 2026-12-05"], await world.EventsAsync(zhang["warning_id"]));
    }

    [Fact]
    public async Task Feedback_OldAnswerImportedAfterTheWarningWasRaisedAgain_ListedAndNotApplied()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var med = await world.WarningAsync("MED_AID_GAP", Li);
        var path = world.Cli.PathOf("medical-insurance-returned.csv");
        await File.WriteAllTextAsync(path, $"预警编号,处理结果,处理日期\r\n{med["warning_id"]},已落实救助,2026-12-01\r\n");
        await world.MustAsync("feedback", "import", "medical-insurance", path);
        await world.BillsAsync("bills-december.csv", [.. FirstBills, ("2026-11-20", "5000")]);
        await world.WarningRunAsync("2026-12-12");

        // The same returned file again: its answer (12-01) predates the warning's new first date (12-12).
        var output = await world.MustAsync("feedback", "import", "medical-insurance", path);

        Assert.Contains("0 dispositions recorded (0 closed, 0 kept open), 0 unchanged, 1 rows not used", output, StringComparison.Ordinal);
        Assert.Contains($"row 2: warning {med["warning_id"]} was raised again on 2026-12-12 (its facts changed) after this answer's 处理日期 2026-12-01", output, StringComparison.Ordinal);
        med = await world.WarningAsync("MED_AID_GAP", Li);
        Assert.Equal(("新增", "2026-12-12", string.Empty), (med["status"], med["first_date"], med["disposition"]));
    }

    [Fact]
    public async Task Feedback_UnknownReceiver_Exit2WithOneLineAndNothingChanged()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var zhang = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);
        var path = world.Cli.PathOf("returned.csv");
        await File.WriteAllTextAsync(path, $"预警编号,处理结果,处理日期\r\n{zhang["warning_id"]},已落实救助,2026-12-03\r\n");

        var (exit, _, error) = await world.RunAsync("feedback", "import", "schools", path);

        Assert.Equal(2, exit);
        Assert.Contains("'schools' is not a receiver", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal("新增", (await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming))["status"]);
    }

    /// <summary>A sent row as the department returns it: cells copied (dates as the text a clerk sees), some replaced.</summary>
    private static object?[] Returned(WorkbookSheet sheet, object?[] row, params (string Header, object Value)[] answers)
    {
        var cells = row.Select(c => c is DateTime d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : c).ToArray();
        foreach (var (header, value) in answers)
        {
            cells[sheet.Headers.ToList().IndexOf(header)] = value;
        }

        return cells;
    }
}
