using System.Text.Unicode;
using CsvHelper;
using Matching.Core.Errors;

namespace Matching.Ingest.Tables;

/// <summary>
/// CSV through CsvHelper's span-first UTF-8 reader. Encoding (UTF-8, GB18030) and separator (comma, tab, …)
/// are detected; no header is assumed, since titles above the header are common (see <see cref="SourceTable"/>).
/// </summary>
public sealed class CsvTableReader : ITableReader
{
    private readonly CsvReader _csv;
    private readonly IngestLimits _limits;
    private int _used;

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
                throw new InputFileException(File, $"a row longer than the limit of {_limits.MaxRecordBytes} bytes (ingest:maxRecordBytes): {ex.Message}", inner: ex);
            }
            catch (CsvFormatException ex)
            {
                throw new InputFileException(File, "the CSV cannot be read: " + ex.Message, inner: ex);
            }
            catch (InvalidDataException ex)
            {
                throw new InputFileException(File, $"a row longer than the limit of {_limits.MaxRecordBytes} bytes (ingest:maxRecordBytes), or unreadable: {ex.Message}", inner: ex);
            }

            var used = _used = UsedFieldCount();
            if (used == 0)
            {
                // ",,,," rows that Excel writes for formatted empty rows: blank, not data.
                continue;
            }

            if (used > _limits.MaxColumns)
            {
                throw new InputFileException(File, $"{used} columns, more than the limit of {_limits.MaxColumns} (ingest:maxColumns)", SourceRow);
            }

            return true;
        }
    }

    /// <summary>Fields up to the last one that holds more than whitespace.</summary>
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

    public string GetString(int column) => column < _csv.FieldCount ? _csv.GetString(column) ?? string.Empty : string.Empty;

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
