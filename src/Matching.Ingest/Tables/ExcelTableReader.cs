using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ExcelDataReader;
using Matching.Core.Errors;
using Matching.Core.Tables;
using Matching.Ingest.Localization;

namespace Matching.Ingest.Tables;

/// <summary>
/// The first sheet of an .xlsx or .xls workbook through ExcelDataReader. Cells are read back as the text a clerk
/// typed: a number cell holding an ID is exact below 10^15 and written out in full; above that Excel kept only
/// 15 significant digits, so it is written in scientific form for the ID parser to flag as damaged.
/// </summary>
public sealed class ExcelTableReader : ITableReader
{
    private readonly FileStream _stream;
    private readonly IExcelDataReader _reader;
    private readonly IngestLimits _limits;
    private readonly string?[] _cells;
    private long _row;
    private int _fieldCount;

    static ExcelTableReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public ExcelTableReader(string path, IngestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        File = path;
        _limits = limits;
        _cells = new string?[limits.MaxColumns];
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            XlsxParts.Check(_stream, path, limits);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }

        try
        {
            _reader = ExcelReaderFactory.CreateReader(_stream, new ExcelReaderConfiguration { FallbackEncoding = TextEncodingDetector.Gb18030 });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _stream.Dispose();
            throw new InputFileException(path, Text.Get("NotWorkbook"), inner: ex);
        }
    }

    public string File { get; }

    public long SourceRow => _row;

    public int FieldCount => _fieldCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        while (true)
        {
            bool more;
            try
            {
                more = _reader.Read();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new InputFileException(File, Text.Get("WorkbookDamaged"), _row + 1, inner: ex);
            }

            if (!more)
            {
                return false;
            }

            _row++;
            _fieldCount = 0;
            var cells = Math.Min(_reader.FieldCount, _cells.Length);
            for (var i = 0; i < cells; i++)
            {
                var text = CellText(_reader.GetValue(i));
                _cells[i] = text;
                if (!string.IsNullOrWhiteSpace(text))
                {
                    _fieldCount = i + 1;
                }

                if (text is { Length: var length } && length > _limits.MaxCellChars)
                {
                    throw new InputFileException(File, Text.Format("CellTooLong", length, _limits.MaxCellChars), _row, ColumnLetters.Of(i + 1));
                }
            }

            // A sheet's column count is that of its widest row, often a formatted but empty cell far to the right:
            // only cells that hold something count against the limit.
            for (var i = cells; i < _reader.FieldCount; i++)
            {
                if (!string.IsNullOrWhiteSpace(CellText(_reader.GetValue(i))))
                {
                    throw new InputFileException(File, Text.Format("ValueBeyondColumns", i + 1, _limits.MaxColumns), _row);
                }
            }

            if (_fieldCount > 0)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Moves on to the workbook's next sheet (row numbers start again from 1); false when this was the last. A
    /// returned warning workbook may have its list on any sheet.
    /// </summary>
    public bool NextSheet()
    {
        bool more;
        try
        {
            more = _reader.NextResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InputFileException(File, Text.Get("WorkbookDamaged"), inner: ex);
        }

        _row = 0;
        _fieldCount = 0;
        return more;
    }

    /// <summary>The current sheet's name.</summary>
    public string SheetName => _reader.Name ?? string.Empty;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string GetString(int column) => column < _fieldCount ? _cells[column] ?? string.Empty : string.Empty;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<char> GetSpan(int column, Span<char> scratch) => GetString(column);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> GetUtf8(int column, Span<byte> scratch) => TableText.Utf8(GetString(column), scratch);

    /// <summary>The text of a cell value as a clerk would see it typed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => NumberText(d),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string NumberText(double d)
    {
        // Doubles hold integers exactly up to 2^53; Excel keeps 15 significant digits. Anything with more digits
        // than that has lost its tail: keep Excel's own scientific form so the ID parser flags the damage.
        if (Math.Abs(d) < 1e15 && d == Math.Floor(d))
        {
            return ((long)d).ToString(CultureInfo.InvariantCulture);
        }

        if (d == Math.Floor(d))
        {
            return d.ToString("0.00000000000000E+0", CultureInfo.InvariantCulture);
        }

        return d.ToString("R", CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
