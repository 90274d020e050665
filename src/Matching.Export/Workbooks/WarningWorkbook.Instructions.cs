using System.Globalization;
using Matching.Core.Answers;

namespace Matching.Export.Workbooks;

public static partial class WarningWorkbook
{
    /// <summary>
    /// The 填写说明 sheet: what to fill in and how, every answer a clerk may choose and what it does to the warning,
    /// the suggested measure of each warning type in this workbook, and where to send the workbook back.
    /// </summary>
    private static async Task WriteInstructionsAsync(SheetWriter sheet, WarningWorkbookInfo info, AnswerVocabulary answers, Summary summary, CancellationToken cancellationToken)
    {
        var date = info.Date == default ? string.Empty : info.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await sheet.StartSheetAsync(InstructionsSheetName, new SheetLayout
        {
            Widths = [18, 16, 70],
            PageHeader = $"{info.ReceiverName} 预警名单填写说明　{date}",
            Protect = true,
        }, cancellationToken);
        await sheet.AddRowAsync(["填写说明"], RowKind.Title, cancellationToken);
        await sheet.AddRowAsync([$"{info.ReceiverName}：本工作簿列出本部门需要核实、处理的低收入人口预警（生成日期 {date}）。"], RowKind.Note, cancellationToken);
        await sheet.AddRowAsync(["一、要填写什么"], RowKind.Heading, cancellationToken);
        foreach (var line in new[]
        {
            $"1. 在“{SheetName}”工作表中，逐行核实后填写黄色的两列：“{ResultHeader}”从下拉列表中选择（见下表），“{DateHeader}”填写处理或核实的日期，如 2026-12-01。",
            $"2. “{WarningIdHeader}”是每条预警的唯一编号，导入时按它找到预警，请勿改动；其余各列也请勿改动。可以排序、筛选、调整列宽，也可以删除不处理的行。",
            "3. 只填日期不填处理结果、填写未来的日期、或填写下表以外的内容，导入时都会被列出退回，不会记录。",
            "4. 选择“结案”类的处理结果，该预警不再下发，除非情况发生变化；选择“仍待处理”类的，答复会被记录，预警仍会出现在下一期名单中。",
        })
        {
            await sheet.AddRowAsync([line], RowKind.Note, cancellationToken);
        }

        await sheet.AddRowAsync([string.Empty], RowKind.Note, cancellationToken);
        await sheet.AddRowAsync(["二、可选的处理结果"], RowKind.Heading, cancellationToken);
        await sheet.AddRowAsync([ResultHeader, "导入后", "含义"], RowKind.Header, cancellationToken);
        foreach (var answer in answers.Offered)
        {
            var outcome = answer.Outcome == AnswerOutcome.Closes ? "结案（已处理）" : "仍待处理";
            await sheet.AddRowAsync([answer.Text, outcome, answer.Meaning], cancellationToken);
        }

        if (summary.Measures.Count > 0)
        {
            await sheet.AddRowAsync([string.Empty], RowKind.Note, cancellationToken);
            await sheet.AddRowAsync(["三、各类预警的建议措施"], RowKind.Heading, cancellationToken);
            await sheet.AddRowAsync(["预警类型", "预警代码", "建议措施"], RowKind.Header, cancellationToken);
            foreach (var (code, (label, measure)) in summary.Measures)
            {
                await sheet.AddRowAsync([label, code, measure], cancellationToken);
            }
        }

        await sheet.AddRowAsync([string.Empty], RowKind.Note, cancellationToken);
        await sheet.AddRowAsync([summary.Measures.Count > 0 ? "四、报送" : "三、报送"], RowKind.Heading, cancellationToken);
        await sheet.AddRowAsync([answers.Options.ReturnTo.Length > 0 ? answers.Options.ReturnTo : "填写后请将本工作簿报送市民政局。"], RowKind.Note, cancellationToken);
    }
}
