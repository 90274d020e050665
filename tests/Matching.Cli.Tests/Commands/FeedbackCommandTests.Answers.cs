using System.Globalization;
using System.Text;
using Matching.Cli.Tests.Warnings;
using Matching.Export.Workbooks;
using static Matching.Cli.Tests.Warnings.WarningWorld;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// The answers a returned workbook gives mean what they say (answers.json): one that closes, one that keeps the
/// warning open with the answer noted, one refused, and words outside the vocabulary, each as configured; dates
/// without answers, in the future or before the warning; the wrong receiver's workbook; renamed headers on any sheet.
/// </summary>
public sealed class FeedbackAnswersTests
{
    [Fact]
    public async Task Feedback_EachAnswerKind_ClosesKeepsOpenOrIsRefusedAsConfigured()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var zhang = (await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming))["warning_id"];
        var li = (await world.WarningAsync("EDU_AID_GAP", LiXiaohong))["warning_id"];
        var future = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime).AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = Csv(world, "education-returned.csv",
            $"{zhang},已落实,2026-12-01",        // 2: closes (a configured spelling of 已落实救助)
            $"{li},正在 核实,2026-12-02",         // 3: kept open, answer noted
            $"{li},无,2026-12-02",               // 4: refused
            $"{li},处理好了,2026-12-02",          // 5: not in the vocabulary: listed, never guessed
            $"{li},,2026-12-02",                 // 6: a date without an answer
            $"{li},不符合条件,{future}");         // 7: a future date

        var output = await world.MustAsync("feedback", "import", "education", path);

        Assert.Contains("2 dispositions recorded (1 closed, 1 kept open), 0 unchanged, 4 rows not used", output, StringComparison.Ordinal);
        Assert.Contains("row 4, column 处理结果: '无' is not an answer: “无”不是处理结果", output, StringComparison.Ordinal);
        Assert.Contains("row 5, column 处理结果: '处理好了' is not one of the answers (已落实救助, 不符合条件, ", output, StringComparison.Ordinal);
        Assert.Contains("row 6, column 处理日期: a date but no 处理结果", output, StringComparison.Ordinal);
        Assert.Contains($"row 7, column 处理日期: {future} is in the future", output, StringComparison.Ordinal);

        // The same problems in Chinese, for the operator who takes them back to the department.
        var zh = await world.MustAsync("feedback", "import", "education", path, "--lang", "zh");
        Assert.Contains("第 4 行，处理结果 列：“无”：“无”不是处理结果", zh, StringComparison.Ordinal);
        Assert.Contains("第 5 行，处理结果 列：“处理好了”不是可选的处理结果（已落实救助、不符合条件、", zh, StringComparison.Ordinal);
        Assert.Contains("第 6 行，处理日期 列：有日期但没有处理结果", zh, StringComparison.Ordinal);
        Assert.Contains($"第 7 行，处理日期 列：{future} 是将来的日期", zh, StringComparison.Ordinal);
        var closed = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);
        Assert.Equal(("已处理", "已落实救助"), (closed["status"], closed["disposition"]));
        var open = await world.WarningAsync("EDU_AID_GAP", LiXiaohong);
        Assert.Equal(("新增", "正在核实", "2026-12-02"), (open["status"], open["disposition"], open["disposition_date"]));

        // Kept open: the next list still holds it, with the answer noted where the department wrote it.
        await world.MustAsync("export", "--out", world.Cli.PathOf("out"));
        var list = WorkbookFile.Read(world.Cli.PathOf("out/education.xlsx"))[0];
        var row = Assert.Single(list.Data);
        Assert.Equal(("新增", "正在核实"), (list.Text(row, "状态"), list.Text(row, "处理结果")));
        Assert.Contains(list.Title, t => t.Contains("其中已答复待跟进 1", StringComparison.Ordinal));
        var shown = await world.MustAsync("show", "--warning", li);
        Assert.Contains("处理结果：正在核实（2026-12-02），仍待处理", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_AnotherReceiversWorkbook_RefusedWholeInOneLineNothingRecorded()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var zhang = (await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming))["warning_id"];
        var li = (await world.WarningAsync("EDU_AID_GAP", LiXiaohong))["warning_id"];
        var path = Csv(world, "education-returned.csv", $"{zhang},已落实救助,2026-12-01", $"{li},不符合条件,2026-12-01");

        var (exit, output, error) = await world.RunAsync("feedback", "import", "medical-insurance", path);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("its 预警编号 belong to 教育体育局 (education), not to 医疗保障局 (medical-insurance)", line, StringComparison.Ordinal);
        Assert.Contains("nothing recorded", line, StringComparison.Ordinal);
        Assert.Equal("新增", (await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming))["status"]);
    }

    [Fact]
    public async Task Feedback_ReceiverByChineseNameHeadersRenamedListOnTheSecondSheet_Recorded()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var zhang = long.Parse((await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming))["warning_id"], CultureInfo.InvariantCulture);
        var path = world.Cli.PathOf("教育局反馈.xlsx");
        await using (var sheet = await SheetWriter.CreateAsync(path, "封面", new SheetLayout { Widths = [40] }, CancellationToken.None))
        {
            await sheet.AddRowAsync(["济源示范区教育体育局 预警核查情况反馈"], RowKind.Title, CancellationToken.None);
            await sheet.StartSheetAsync("核查结果", ["序号", "预警编号", "姓名", "处理情况", "处理时间"], [6, 10, 10, 16, 12], CancellationToken.None);
            await sheet.AddRowAsync([1, zhang, "张小明", "人员已迁出", new DateOnly(2026, 12, 2)], CancellationToken.None);
            await sheet.FinishAsync(CancellationToken.None);
        }

        var output = await world.MustAsync("feedback", "import", "教育体育局", path);

        Assert.Contains("1 dispositions recorded (1 closed, 0 kept open)", output, StringComparison.Ordinal);
        var closed = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);
        Assert.Equal(("已处理", "人员已迁出", "2026-12-02"), (closed["status"], closed["disposition"], closed["disposition_date"]));
    }

    [Fact]
    public async Task Feedback_DateBeforeTheWarningWasFirstRaised_ListedWithATrueExplanation()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var zhang = (await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming))["warning_id"];
        var path = Csv(world, "education-returned.csv", $"{zhang},已落实救助,2026-11-01");

        var output = await world.MustAsync("feedback", "import", "education", path);

        Assert.Contains($"row 2: warning {zhang}'s 处理日期 2026-11-01 is before the warning was first raised (2026-11-28)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("raised again", output, StringComparison.Ordinal);
        Assert.Equal("新增", (await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming))["status"]);
    }

    [Fact]
    public async Task Feedback_RowWhoseIdIsNotItsWarnings_ListedNotRecordedMaskedIdAgrees()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var zhang = (await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming))["warning_id"];
        var li = (await world.WarningAsync("EDU_AID_GAP", LiXiaohong))["warning_id"];
        var path = world.Cli.PathOf("education-returned.csv");
        var masked = ZhangXiaoming.Value[..6] + "********" + ZhangXiaoming.Value[^4..];
        await File.WriteAllTextAsync(path, "预警编号,身份证号码,处理结果,处理日期\r\n"
            + $"{zhang},{masked},已落实救助,2026-12-01\r\n"            // 2: the masked ID of the warning's person: recorded
            + $"{li},{ZhangXiaoming.Value},不符合条件,2026-12-01\r\n",  // 3: 李小红's number typed over 张小明's row
            new UTF8Encoding(true));

        var output = await world.MustAsync("feedback", "import", "education", path);

        Assert.Contains("1 dispositions recorded (1 closed, 0 kept open), 0 unchanged, 1 rows not used", output, StringComparison.Ordinal);
        Assert.Contains($"row 3: the 身份证号码 in this row is not warning {li}'s (was its 预警编号 changed?)", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ZhangXiaoming.Value, output, StringComparison.Ordinal);
        Assert.Equal("新增", (await world.WarningAsync("EDU_AID_GAP", LiXiaohong))["status"]);
    }

    private static string Csv(WarningWorld world, string name, params string[] rows)
    {
        var path = world.Cli.PathOf(name);
        File.WriteAllText(path, "预警编号,处理结果,处理日期\r\n" + string.Join("\r\n", rows) + "\r\n", new UTF8Encoding(true));
        return path;
    }
}
