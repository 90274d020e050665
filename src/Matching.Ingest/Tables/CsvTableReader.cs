using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Matching.Core.Errors;
using Matching.Core.Tables;
using Matching.Ingest.Localization;

namespace Matching.Ingest.Tables;

/// <summary>
/// CSV through CsvHelper's span-first UTF-8 reader. Encoding (UTF-8, GB18030) and separator (comma, tab, …)
/// are detected; no header is assumed, since titles above the header are common (see <see cref="SourceTable"/>).
/// </summary>
/// <remarks>
/// One stray quote must not swallow the rows after it into one cell (<c>汪学文,"4190…</c> with no closing quote
/// reads every following line as that cell). The file is refused, naming the row where the record starts and the
/// column, when a record:
/// <list type="bullet">
/// <item>has a quoted cell that is never closed, or text after a cell's closing quote (<c>"ab"c</c>): the quotes do
/// not pair up;</item>
/// <item>has a quoted cell holding a line break followed by a line with the file's separator: that line has the shape
/// of a row of its own. A quoted cell may hold line breaks (a note typed with Alt+Enter) and commas
/// (<c>"济源一中, 高三"</c>); Chinese text is written with the full-width ，, which is no separator;</item>
/// <item>has a cell longer than <see cref="IngestLimits.MaxCellChars"/>.</item>
/// </list>
/// A quote inside an unquoted cell (<c>ab"c</c>) is kept as text: it swallows nothing.
/// </remarks>
public sealed class CsvTableReader : ITableReader
{
    private readonly CsvReader _csv;
    private readonly IngestLimits _limits;
    private int _used;

    /// <summary>What makes a record worth a closer look: a quote, or a line break (only inside a quoted cell).</summary>
    private static readonly SearchValues<byte> QuoteOrBreak = SearchValues.Create("\"\n\r"u8);

    public CsvTableReader(string path, IngestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        File = path;
        _limits = limits;
        var encoding = TextEncodingDetector.Detect(path);
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            Encoding = encoding,
            MaxRecordSize = limits.MaxRecordBytes,
            IncludeValuesInExceptions = false,
        };
        _csv = CsvReader.FromFile(path, options);
    }

    public string File { get; }

    public long SourceRow => _csv.LineNumber;

    /// <summary>Cells up to the last non-blank one: trailing empty cells ("a,b,,") do not count.</summary>
    public int FieldCount => _used;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        while (true)
        {
            try
            {
                if (!_csv.Read())
                {
                    return false;
                }
            }
            catch (CsvFormatException ex) when (ex.Message.Contains("MaxRecordSize", StringComparison.Ordinal))
            {
                throw new InputFileException(File, Text.Format("RowTooLongQuote", _limits.MaxRecordBytes), ex.LineNumber > 0 ? ex.LineNumber : null, inner: ex);
            }
            catch (CsvFormatException ex)
            {
                throw new InputFileException(File, Text.Format("CsvUnreadable", ex.Message), ex.LineNumber > 0 ? ex.LineNumber : null, inner: ex);
            }
            catch (InvalidDataException ex)
            {
                throw new InputFileException(File, Text.Format("RowTooLongOrUnreadable", _limits.MaxRecordBytes, ex.Message), inner: ex);
            }

            // A cell can be quoted, hold a line break or be over the limit only in a record that does: most records
            // cost one vectorised scan and a comparison.
            var raw = _csv.RawRecord;
            if (raw.Length > _limits.MaxCellChars || raw.IndexOfAny(QuoteOrBreak) >= 0)
            {
                CheckCells();
            }

            var used = _used = UsedFieldCount();
            if (used == 0)
            {
                // ",,,," rows that Excel writes for formatted empty rows: blank, not data.
                continue;
            }

            if (used > _limits.MaxColumns)
            {
                throw new InputFileException(File, Text.Format("TooManyColumns", used, _limits.MaxColumns), SourceRow);
            }

            return true;
        }
    }

    /// <summary>
    /// Whether a cell's quotes pair up: an unquoted cell (a quote inside one is text), or <c>"…"</c> whose inner quotes
    /// are doubled, with spaces and tabs around allowed. <paramref name="closed"/> tells a quote that is never closed
    /// (the cell runs on to the end of the record) from text after a closing quote (<c>"ab"c</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsWellQuoted(ReadOnlySpan<byte> raw, out bool closed)
    {
        closed = true;
        raw = raw.Trim(" \t"u8);
        if (raw.IsEmpty || raw[0] != (byte)'"')
        {
            return true;
        }

        var rest = raw[1..];
        while (true)
        {
            var quote = rest.IndexOf((byte)'"');
            if (quote < 0)
            {
                closed = false;
                return false;
            }

            if (quote + 1 < rest.Length && rest[quote + 1] == (byte)'"')
            {
                rest = rest[(quote + 2)..];
                continue;
            }

            // The closing quote: it must end the cell.
            return quote + 1 == rest.Length;
        }
    }

    /// <summary>The cell-level rules: no cell over the limit, no quoted cell that holds what looks like further rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckCells()
    {
        var separator = (byte)_csv.Separator;
        for (var i = 0; i < _csv.FieldCount; i++)
        {
            var raw = _csv.GetRawSpan(i);
            if (!IsWellQuoted(raw, out var closed))
            {
                throw new InputFileException(File, closed
                    ? Text.Get("QuoteTextAfterClose")
                    : Text.Get("QuoteNeverClosed"), SourceRow, ColumnLetters.Of(i + 1));
            }

            if (raw.Length > _limits.MaxCellChars)
            {
                var chars = Encoding.UTF8.GetCharCount(_csv.GetSpan(i));
                if (chars > _limits.MaxCellChars)
                {
                    throw new InputFileException(File, Text.Format("CellTooLong", chars, _limits.MaxCellChars),
                        SourceRow, ColumnLetters.Of(i + 1));
                }
            }

            var value = _csv.GetSpan(i);
            var firstBreak = value.IndexOfAny((byte)'\n', (byte)'\r');
            if (firstBreak >= 0 && value[firstBreak..].Contains(separator))
            {
                var lines = value.Count((byte)'\n') + 1;
                throw new InputFileException(File, Text.Format("QuoteSwallowedRows", lines, Shown(_csv.Separator)), SourceRow, ColumnLetters.Of(i + 1));
            }
        }
    }

    private static string Shown(char separator) => separator == '\t' ? "\\t" : separator.ToString();

    /// <summary>Fields up to the last one that holds more than whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int UsedFieldCount()
    {
        for (var i = _csv.FieldCount - 1; i >= 0; i--)
        {
            if (!IsBlank(_csv.GetSpan(i)))
            {
                return i + 1;
            }
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string GetString(int column) => column < _csv.FieldCount ? _csv.GetString(column) ?? string.Empty : string.Empty;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<char> GetSpan(int column, Span<char> scratch)
    {
        if (column >= _csv.FieldCount)
        {
            return [];
        }

        var bytes = _csv.GetSpan(column);
        if (bytes.Length <= scratch.Length)
        {
            // UTF-8 never needs more UTF-16 chars than it has bytes.
            var n = _csv.GetChars(column, scratch);
            return scratch[..n];
        }

        return GetString(column);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> GetUtf8(int column, Span<byte> scratch)
    {
        if (column >= _csv.FieldCount)
        {
            return [];
        }

        // Ill-formed bytes (a file that is not quite the encoding it was taken for) go through UTF-16 as
        // GetString reads them, so they come out as U+FFFD whichever way the cell is read.
        var bytes = _csv.GetSpan(column);
        return Utf8.IsValid(bytes) ? bytes : TableText.Utf8(GetString(column), scratch);
    }

    public void Dispose() => _csv.Dispose();
}
