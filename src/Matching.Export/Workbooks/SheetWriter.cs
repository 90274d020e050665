using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Matching.Export.Workbooks;

/// <summary>
/// Writes one sheet of a true .xlsx (SpreadCheetah, streaming: 100,000 rows take little memory) the way a clerk
/// wants to open it: bold header row, frozen, auto-filter on, column widths set. Text stays text (an ID keeps all
/// 18 characters; a value starting with <c>=</c> is no formula); dates are dates; numbers are numbers. The file
/// appears under its name only once <see cref="FinishAsync"/> has written it whole (<see cref="AtomicFile"/>):
/// disposed unfinished, nothing is left behind.
/// </summary>
public sealed class SheetWriter : IAsyncDisposable
{
    private readonly AtomicFile _file;
    private readonly Spreadsheet _spreadsheet;
    private readonly StyleId _date;
    private readonly StyleId _header;
    private const int MaxColumns = 32;
    private readonly Cell[] _row;
    private int _columns;

    private SheetWriter(AtomicFile file, Spreadsheet spreadsheet, int columns)
    {
        _file = file;
        _spreadsheet = spreadsheet;
        _date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        _header = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        _row = new Cell[columns];
    }

    /// <summary>Starts <paramref name="path"/> (and creates its folder) with one sheet and its header row.</summary>
    /// <param name="path">The .xlsx file to write.</param>
    /// <param name="sheetName">The sheet's name (at most 31 characters).</param>
    /// <param name="headers">Column headers.</param>
    /// <param name="widths">Column widths in characters, parallel to <paramref name="headers"/>.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task<SheetWriter> CreateAsync(
        string path, string sheetName, IReadOnlyList<string> headers, IReadOnlyList<double> widths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(widths);
        var file = AtomicFile.Create(path);
        try
        {
            var spreadsheet = await Spreadsheet.CreateNewAsync(file.Stream, cancellationToken: cancellationToken);
            var writer = new SheetWriter(file, spreadsheet, Math.Max(headers.Count, MaxColumns));
            await writer.StartSheetAsync(sheetName, headers, widths, cancellationToken);
            return writer;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the current sheet and starts another, with its own header row (frozen, filtered, widths set).</summary>
    public async Task StartSheetAsync(string sheetName, IReadOnlyList<string> headers, IReadOnlyList<double> widths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(widths);
        if (headers.Count > _row.Length)
        {
            throw new ArgumentException($"at most {_row.Length} columns", nameof(headers));
        }

        var options = new WorksheetOptions { FrozenRows = 1, AutoFilter = new AutoFilterOptions($"A1:{ColumnLetter(headers.Count)}1") };
        for (var i = 0; i < widths.Count; i++)
        {
            options.Column(i + 1).Width = widths[i];
        }

        await _spreadsheet.StartWorksheetAsync(sheetName, options, cancellationToken);
        await _spreadsheet.AddHeaderRowAsync([.. headers], _header, cancellationToken);
        _columns = headers.Count;
    }

    /// <summary>Adds a row: strings as text, <see cref="DateOnly"/> as dates, numbers as numbers, null as empty.</summary>
    public async Task AddRowAsync(IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < _columns; i++)
        {
            _row[i] = i < values.Count ? ToCell(values[i]) : default;
        }

        await _spreadsheet.AddRowAsync(_row.AsMemory(0, _columns), cancellationToken);
    }

    /// <summary>Writes the rest of the workbook, flushes it to disk and puts it under its name.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await _spreadsheet.FinishAsync(cancellationToken);
        await _file.CommitAsync(cancellationToken);
    }

    private Cell ToCell(object? value) => value switch
    {
        null => default,
        string s => new Cell(s),
        DateOnly d => new Cell(d.ToDateTime(TimeOnly.MinValue), _date),
        DateTime t => new Cell(t, _date),
        int n => new Cell(n),
        long n => new Cell(n),
        decimal n => new Cell(n),
        double n => new Cell(n),
        bool b => new Cell(b ? "是" : "否"),
        _ => new Cell(value.ToString()),
    };

    private static string ColumnLetter(int column)
    {
        var letters = string.Empty;
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    public async ValueTask DisposeAsync()
    {
        _spreadsheet.Dispose();
        await _file.DisposeAsync();
    }
}
