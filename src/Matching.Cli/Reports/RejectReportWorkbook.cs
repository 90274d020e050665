using Matching.Core.Errors;
using Matching.Export.Workbooks;
using Matching.Ingest.Rejects;

namespace Matching.Cli.Reports;

/// <summary>
/// The reject report of one import as an .xlsx fit to send back to the department: one row per problem row with
/// its row number as the clerk's spreadsheet shows it, the column, the value (IDs masked) and why, in Chinese
/// (<see cref="RejectText"/>; 原因代码 stays the stable <c>RejectReason</c> code). Written as the
/// file is read (<see cref="AddAsync"/>), so a file of any length needs no memory for it; the workbook is created
/// only when there is a first row to report.
/// </summary>
internal sealed class RejectReportWorkbook : IAsyncDisposable
{
    /// <summary>What happened to a row that was not imported.</summary>
    public const string NotImported = "未导入";

    /// <summary>What happened to a row imported with an ID the department should check.</summary>
    public const string CheckId = "已导入，请核实身份证号";

    private static readonly string[] Headers = ["文件", "行号", "列", "值（已脱敏）", "处理", "原因代码", "原因"];
    private static readonly double[] Widths = [28, 8, 16, 24, 22, 14, 60];

    private readonly string _path;
    private readonly string _file;
    private SheetWriter? _sheet;

    /// <param name="path">The workbook to write.</param>
    /// <param name="sourceFile">The imported file.</param>
    public RejectReportWorkbook(string path, string sourceFile)
    {
        _path = path;
        _file = Path.GetFileName(sourceFile);
    }

    /// <summary>Rows reported so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Reports one row (<see cref="NotImported"/> or <see cref="CheckId"/>).</summary>
    public async Task AddAsync(RejectedRow row, string outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            _sheet ??= await SheetWriter.CreateAsync(_path, "问题行", Headers, Widths, cancellationToken);
            await _sheet.AddRowAsync([_file, row.SourceRow, row.Column, row.MaskedValue, outcome, row.Reason.ToString(), RejectText.Of(row)], cancellationToken);
            Rows++;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(ex);
        }
        catch (MatchingException ex) when (ex.InnerException is IOException or UnauthorizedAccessException)
        {
            // The file could not be created or written (AtomicFile names the path and why).
            throw Unwritable(ex.InnerException);
        }
    }

    /// <summary>Completes the workbook; returns its path, or null when there was nothing to report.</summary>
    public async Task<string?> FinishAsync(CancellationToken cancellationToken)
    {
        if (_sheet is null)
        {
            return null;
        }

        try
        {
            await _sheet.FinishAsync(cancellationToken);
            return _path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(ex);
        }
        catch (MatchingException ex) when (ex.InnerException is IOException or UnauthorizedAccessException)
        {
            // The file could not be put under its name (AtomicFile names the path and why).
            throw Unwritable(ex.InnerException);
        }
    }

    private MatchingException Unwritable(Exception ex) =>
        new($"{_path}: the reject report cannot be written ({ex.Message}); nothing was imported", ex);

    /// <summary>Writes a whole report at once (rows in row order).</summary>
    public static async Task<string?> WriteAsync(
        string path, string sourceFile, IReadOnlyList<RejectedRow> rejected, IReadOnlyList<RejectedRow> idProblems, CancellationToken cancellationToken)
    {
        await using var report = new RejectReportWorkbook(path, sourceFile);
        foreach (var (row, outcome) in rejected.Select(r => (r, NotImported)).Concat(idProblems.Select(r => (r, CheckId))).OrderBy(r => r.Item1.SourceRow))
        {
            await report.AddAsync(row, outcome, cancellationToken);
        }

        return await report.FinishAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _sheet?.DisposeAsync() ?? ValueTask.CompletedTask;
}
