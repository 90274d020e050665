using System.Globalization;
using SpreadCheetah;
using SpreadCheetah.Validations;
using SpreadCheetah.Worksheets;
using Matching.Core.Tables;
using Matching.Export.Localization;

namespace Matching.Export.Workbooks;

/// <summary>
/// Writes a true .xlsx the way a clerk wants to open and print it (SpreadCheetah, streaming: 100,000 rows take little
/// memory). A table sheet (<see cref="SheetLayout"/>) has its title lines, a bold header row, frozen, filtered over
/// the data and repeated on every printed page, column widths set; every sheet prints landscape, one page wide, with
/// page numbers. Text stays text (an ID keeps all 18 characters; a value starting with <c>=</c> is no formula); dates
/// are dates; numbers are numbers. SpreadCheetah writes into a scratch file beside the output; <see cref="FinishAsync"/>
/// copies it through <see cref="PackageFinisher"/> (page setup, print titles, protection: what SpreadCheetah cannot
/// write) into the output, which appears under its name only once written whole (<see cref="AtomicFile"/>): disposed
/// unfinished, nothing is left behind.
/// </summary>
public sealed class SheetWriter : IAsyncDisposable
{
    private const int MaxColumns = 32;

    private readonly AtomicFile _file;
    private readonly FileStream _scratch;
    private readonly Spreadsheet _spreadsheet;
    private readonly SheetStyles _styles;
    private readonly List<(string Name, SheetFinish Finish)> _sheets = [];
    private readonly Cell[] _row;
    private string _sheetName = string.Empty;
    private SheetLayout _layout = new();
    private int _headerRow;
    private long _dataRows;
    private bool _open;

    private SheetWriter(AtomicFile file, FileStream scratch, Spreadsheet spreadsheet)
    {
        _file = file;
        _scratch = scratch;
        _spreadsheet = spreadsheet;
        _styles = new SheetStyles(spreadsheet);
        _row = new Cell[MaxColumns];
    }

    /// <summary>Starts <paramref name="path"/> (and creates its folder) with one table sheet and its header row.</summary>
    /// <param name="path">The .xlsx file to write.</param>
    /// <param name="sheetName">The sheet's name (at most 31 characters).</param>
    /// <param name="headers">Column headers.</param>
    /// <param name="widths">Column widths in characters, parallel to <paramref name="headers"/>.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static Task<SheetWriter> CreateAsync(
        string path, string sheetName, IReadOnlyList<string> headers, IReadOnlyList<double> widths, CancellationToken cancellationToken) =>
        CreateAsync(path, sheetName, new SheetLayout { Headers = headers, Widths = widths }, cancellationToken);

    /// <summary>Starts <paramref name="path"/> (and creates its folder) with its first sheet laid out as <paramref name="layout"/> says.</summary>
    public static async Task<SheetWriter> CreateAsync(string path, string sheetName, SheetLayout layout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var file = AtomicFile.Create(path);
        FileStream? scratch = null;
        try
        {
            // Hidden and deleted when closed, like the output's own temporary file.
            scratch = PrivateFiles.CreateNew(file.TemporaryPath + ".part", AtomicFile.Options, FileAccess.ReadWrite, FileOptions.DeleteOnClose);
            var spreadsheet = await Spreadsheet.CreateNewAsync(scratch, cancellationToken: cancellationToken);
            var writer = new SheetWriter(file, scratch, spreadsheet);
            await writer.StartSheetAsync(sheetName, layout, cancellationToken);
            return writer;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            scratch?.Dispose();
            await file.DisposeAsync();
            throw new Core.Errors.MatchingException(Text.Format("CannotWrite", path, ex.Message), ex);
        }
        catch
        {
            scratch?.Dispose();
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the current sheet and starts another table sheet, with its own header row.</summary>
    public Task StartSheetAsync(string sheetName, IReadOnlyList<string> headers, IReadOnlyList<double> widths, CancellationToken cancellationToken) =>
        StartSheetAsync(sheetName, new SheetLayout { Headers = headers, Widths = widths }, cancellationToken);

    /// <summary>Ends the current sheet and starts another, laid out as <paramref name="layout"/> says (title lines and header row written).</summary>
    public async Task StartSheetAsync(string sheetName, SheetLayout layout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.Headers.Count > _row.Length || layout.Widths.Count > _row.Length)
        {
            throw new ArgumentException($"at most {_row.Length} columns", nameof(layout));
        }

        await EndSheetAsync(cancellationToken);
        _sheetName = sheetName;
        _layout = layout;
        _dataRows = 0;
        _headerRow = layout.IsTable ? layout.Title.Count + 1 : 0;
        var options = new WorksheetOptions();
        if (layout.IsTable)
        {
            options.FrozenRows = _headerRow;
            options.AutoFilter = new AutoFilterOptions(string.Create(CultureInfo.InvariantCulture, $"A{_headerRow}:{ColumnLetters.Of(layout.Headers.Count)}{_headerRow}"));
        }

        for (var i = 0; i < layout.Widths.Count; i++)
        {
            options.Column(i + 1).Width = layout.Widths[i];
        }

        await _spreadsheet.StartWorksheetAsync(sheetName, options, cancellationToken);
        _open = true;
        for (var i = 0; i < layout.Title.Count; i++)
        {
            await AddRowAsync([layout.Title[i]], i == 0 ? RowKind.Title : RowKind.Heading, cancellationToken);
        }

        if (layout.IsTable)
        {
            for (var i = 0; i < layout.Headers.Count; i++)
            {
                _row[i] = new Cell(layout.Headers[i], _styles.Get(RowKind.Header, fillIn: layout.FillIn.Contains(i)));
            }

            await _spreadsheet.AddRowAsync(_row.AsMemory(0, layout.Headers.Count), new RowOptions { Height = 30 }, cancellationToken);
        }
    }

    /// <summary>Adds a data row: strings as text, <see cref="DateOnly"/> as dates, numbers as numbers, null as empty.</summary>
    public async Task AddRowAsync(IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var columns = _layout.IsTable ? _layout.Headers.Count : values.Count;
        var editable = _layout.IsTable;
        var lines = 1;
        for (var i = 0; i < columns; i++)
        {
            var value = i < values.Count ? values[i] : null;
            var wrap = _layout.Wrap.Contains(i);
            var style = _styles.Get(RowKind.Data, date: value is DateOnly or DateTime, fillIn: _layout.FillIn.Contains(i), wrap: wrap, editable: editable);
            _row[i] = ToCell(value, style);
            if (wrap && value is string text && i < _layout.Widths.Count)
            {
                lines = Math.Max(lines, Lines(text, _layout.Widths[i]));
            }
        }

        // Neither Excel nor LibreOffice grows a row for wrapped text on opening: the row gets the lines it needs.
        await _spreadsheet.AddRowAsync(_row.AsMemory(0, columns), lines > 1 ? new RowOptions { Height = (LineHeight * lines) + 2 } : new RowOptions(), cancellationToken);
        _dataRows++;
    }

    /// <summary>
    /// Adds a row of another kind (title, heading, small-table header, note). A row of one value other than data is
    /// merged across the printed columns, so a long line reads across the page.
    /// </summary>
    public async Task AddRowAsync(IReadOnlyList<object?> values, RowKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (kind == RowKind.Data)
        {
            await AddRowAsync(values, cancellationToken);
            return;
        }

        var row = _spreadsheet.NextRowNumber;
        for (var i = 0; i < values.Count; i++)
        {
            _row[i] = ToCell(values[i], _styles.Get(kind, date: values[i] is DateOnly));
        }

        if (kind == RowKind.Note && values.Count == 1)
        {
            // A wrapped merged cell does not grow by itself: give the row the lines its text needs.
            var perLine = Math.Max(10, _layout.Widths.Take(_layout.PrintedColumns).Sum() / 2);
            var lines = Math.Max(1, (int)Math.Ceiling((values[0]?.ToString()?.Length ?? 0) / perLine));
            await _spreadsheet.AddRowAsync(_row.AsMemory(0, 1), new RowOptions { Height = 15 * lines + 3 }, cancellationToken);
        }
        else
        {
            var height = kind switch { RowKind.Title => 24, RowKind.Header => HeaderHeight(values), _ => (double?)null };
            await _spreadsheet.AddRowAsync(_row.AsMemory(0, values.Count), new RowOptions { Height = height }, cancellationToken);
        }

        if (values.Count == 1 && _layout.PrintedColumns > 1)
        {
            _spreadsheet.MergeCells(string.Create(CultureInfo.InvariantCulture, $"A{row}:{ColumnLetters.Of(_layout.PrintedColumns)}{row}"));
        }
    }

    /// <summary>Writes the rest of the workbook, flushes it to disk and puts it under its name.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await EndSheetAsync(cancellationToken);
        await _spreadsheet.FinishAsync(cancellationToken);
        await _scratch.FlushAsync(cancellationToken);
        _scratch.Position = 0;
        try
        {
            PackageFinisher.Copy(_scratch, _file.Stream, _sheets, _styles.Unlocked);
        }
        catch (IOException ex)
        {
            throw new Core.Errors.MatchingException(Text.Format("CannotWrite", _file.Path, ex.Message), ex);
        }

        await _file.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Closes the current sheet's record: an empty table gets its <see cref="SheetLayout.EmptyText"/> line; the
    /// filter, dropdown and print area are set to the rows actually written.
    /// </summary>
    private async Task EndSheetAsync(CancellationToken cancellationToken)
    {
        if (!_open)
        {
            return;
        }

        var layout = _layout;
        if (layout.IsTable && _dataRows == 0 && layout.EmptyText is { } empty)
        {
            await AddRowAsync([empty], RowKind.Heading, cancellationToken);
        }

        _open = false;
        var lastColumn = ColumnLetters.Of(Math.Max(1, layout.IsTable ? layout.Headers.Count : layout.Widths.Count));
        var lastRow = _spreadsheet.NextRowNumber - 1;
        if (!layout.IsTable)
        {
            _sheets.Add((_sheetName, new SheetFinish(null, 0, null, layout.PageHeader, layout.Protect)));
            return;
        }

        var dataEnd = _headerRow + (int)Math.Min(_dataRows, 1_048_575);
        if (_dataRows > 0 && layout.Dropdown is { } dropdown && DataValidation.TryCreateListValues(dropdown.Values, true, out var list))
        {
            list.ErrorType = ValidationErrorType.Warning;
            list.ErrorTitle = "不在可选范围";
            list.ErrorMessage = dropdown.Message;
            list.ShowErrorAlert = true;
            list.IgnoreBlank = true;
            var column = ColumnLetters.Of(dropdown.Column + 1);
            _spreadsheet.AddDataValidation(string.Create(CultureInfo.InvariantCulture, $"{column}{_headerRow + 1}:{column}{dataEnd}"), list);
        }

        var filter = string.Create(CultureInfo.InvariantCulture, $"A{_headerRow}:{lastColumn}{dataEnd}");
        var area = string.Create(CultureInfo.InvariantCulture, $"A1:{ColumnLetters.Of(layout.PrintedColumns)}{Math.Max(lastRow, _headerRow)}");
        _sheets.Add((_sheetName, new SheetFinish(filter, _headerRow, area, layout.PageHeader, layout.Protect)));
    }

    /// <summary>A small table's header row: as high as its longest header wraps to (at least two lines).</summary>
    private double HeaderHeight(IReadOnlyList<object?> values)
    {
        var lines = 2;
        for (var i = 0; i < values.Count && i < _layout.Widths.Count; i++)
        {
            if (values[i] is string text)
            {
                lines = Math.Max(lines, Lines(text, _layout.Widths[i]));
            }
        }

        return (LineHeight * lines) + 2;
    }

    /// <summary>Points a line of 11-point text takes, CJK fonts included.</summary>
    private const double LineHeight = 15;

    /// <summary>
    /// The lines <paramref name="text"/> takes in a column <paramref name="width"/> characters wide: a Chinese
    /// character takes 1.6 (LibreOffice's CJK fonts) to 2 (Excel's) Latin widths: 1.7 errs towards one line too few.
    /// </summary>
    private static int Lines(string text, double width)
    {
        var units = 0.0;
        foreach (var c in text)
        {
            units += c >= '\u2E80' ? 1.7 : 1;
        }

        return Math.Max(1, (int)Math.Ceiling(units / Math.Max(1, width - 1)));
    }

    private static Cell ToCell(object? value, SpreadCheetah.Styling.StyleId style) => value switch
    {
        null => new Cell((string?)null, style),
        string s => new Cell(s, style),
        DateOnly d => new Cell(d.ToDateTime(TimeOnly.MinValue), style),
        DateTime t => new Cell(t, style),
        int n => new Cell(n, style),
        long n => new Cell(n, style),
        decimal n => new Cell(n, style),
        double n => new Cell(n, style),
        bool b => new Cell(b ? "是" : "否", style),
        _ => new Cell(value.ToString(), style),
    };

    public async ValueTask DisposeAsync()
    {
        _spreadsheet.Dispose();
        await _scratch.DisposeAsync();
        await _file.DisposeAsync();
    }
}
