using Matching.Core.Errors;
using Matching.Export.Workbooks;
using Matching.Ingest.Rejects;

namespace Matching.Cli.Reports;

/// <summary>
/// The reject report of one import as an .xlsx fit to send back to the department: one row per problem row with
/// its row number as the clerk's spreadsheet shows it, the column, the value (IDs masked) and why.
/// </summary>
internal static class RejectReportWorkbook
{
    private static readonly string[] Headers = ["文件", "行号", "列", "值（已脱敏）", "处理", "原因代码", "原因"];
    private static readonly double[] Widths = [28, 8, 16, 24, 22, 14, 60];

    /// <param name="path">The workbook to write.</param>
    /// <param name="sourceFile">The imported file.</param>
    /// <param name="rejected">Rows not imported.</param>
    /// <param name="idProblems">Rows imported whose ID needs checking.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task WriteAsync(
        string path, string sourceFile, IReadOnlyList<RejectedRow> rejected, IReadOnlyList<RejectedRow> idProblems, CancellationToken cancellationToken)
    {
        var file = Path.GetFileName(sourceFile);
        var rows = rejected.Select(r => (Row: r, Outcome: "未导入"))
            .Concat(idProblems.Select(r => (Row: r, Outcome: "已导入，请核实身份证号")))
            .OrderBy(r => r.Row.SourceRow);
        try
        {
            await using var sheet = await SheetWriter.CreateAsync(path, "问题行", Headers, Widths, cancellationToken);
            foreach (var (row, outcome) in rows)
            {
                await sheet.AddRowAsync([file, row.SourceRow, row.Column, row.MaskedValue, outcome, row.Reason.ToString(), row.Detail], cancellationToken);
            }

            await sheet.FinishAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MatchingException($"{path}: the reject report cannot be written ({ex.Message}); nothing was imported", ex);
        }
        catch (MatchingException ex) when (ex.InnerException is IOException or UnauthorizedAccessException)
        {
            // The file could not be created, written or put under its name (AtomicFile names the path and why).
            throw new MatchingException($"{path}: the reject report cannot be written ({ex.InnerException.Message}); nothing was imported", ex);
        }
    }
}
