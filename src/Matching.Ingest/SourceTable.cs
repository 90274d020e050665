using System.Globalization;
using System.Runtime.CompilerServices;
using Matching.Core.Errors;
using Matching.Core.Localization;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Tables;
using Matching.Ingest.Localization;

namespace Matching.Ingest;

/// <summary>
/// A table file with its header found and its columns mapped to a source's fields. The header row is looked for
/// among the first rows (titles above it are common); footer lines such as 合计 or 制表人 are skipped.
/// </summary>
public sealed class SourceTable : IDisposable
{
    private static readonly string[] FooterPrefixes = ["合计", "总计", "小计", "制表", "填报", "审核", "负责人", "填表"];

    /// <summary>The first characters of <see cref="FooterPrefixes"/>: a first cell starting otherwise (a row number) is no footer.</summary>
    private static readonly System.Buffers.SearchValues<char> FooterStarts = System.Buffers.SearchValues.Create([.. FooterPrefixes.Select(p => p[0]).Distinct()]);

    private readonly int[] _columns;
    private readonly string[] _fieldNames;
    private readonly long _maxRows;
    private readonly char[] _firstCell = new char[16];
    private readonly char[] _idCell = new char[MaxHeaderChars];
    private readonly byte[] _idBytes = new byte[4 * MaxHeaderChars];
    private readonly HashSet<string> _idHeaders;
    private readonly int _idColumn;
    private long _titleRow;

    /// <summary>Longer ID cells are never a header name: not normalised to be compared.</summary>
    private const int MaxHeaderChars = 32;

    private SourceTable(ITableReader reader, HeaderMap map, long headerRow, int[] columns, string[] headers, long maxRows, HashSet<string> idHeaders, int idColumn)
    {
        _idHeaders = idHeaders;
        _idColumn = idColumn;
        _maxRows = maxRows;
        Reader = reader;
        Map = map;
        HeaderRow = headerRow;
        _columns = columns;
        _fieldNames = [.. map.Fields.Keys];
        Headers = headers;
    }

    public ITableReader Reader { get; }

    public HeaderMap Map { get; }

    /// <summary>The spreadsheet row number of the header.</summary>
    public long HeaderRow { get; }

    /// <summary>The header cells as typed.</summary>
    public IReadOnlyList<string> Headers { get; }

    public string File => Reader.File;

    /// <summary>Data rows read so far (footers and blank rows not counted).</summary>
    public long DataRows { get; private set; }

    /// <summary>
    /// True when the current row has more cells than the header: an unquoted comma or a shifted row, so no cell of
    /// it can be trusted to be in its column. Such a row is rejected, not guessed at.
    /// </summary>
    public bool HasExtraCells => Reader.FieldCount > Headers.Count;

    /// <summary>Why a row with extra cells is refused, in the words every reader and <c>match</c> use.</summary>
    public static string ExtraCellsReason(int cells, int headers) =>
        string.Create(CultureInfo.InvariantCulture, $"the row has {cells} cells, the header {headers}: a stray separator?");

    public static SourceTable Open(string path, HeaderMap map, IngestLimits limits) => Open(path, map, limits, everySheet: false);

    /// <summary>
    /// Opens <paramref name="path"/> with its header found; with <paramref name="everySheet"/>, a workbook's sheets are
    /// searched in order for the header (a returned workbook whose list a clerk moved, or put behind a cover sheet).
    /// </summary>
    public static SourceTable Open(string path, HeaderMap map, IngestLimits limits, bool everySheet)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(limits);
        var reader = TableReaders.Open(path, limits);
        try
        {
            while (everySheet && reader is ExcelTableReader excel)
            {
                if (Locate(reader, map, limits, required: false) is { } found)
                {
                    return found;
                }

                if (!excel.NextSheet())
                {
                    var names = string.Join("/", map.Fields[HeaderMap.IdField].Headers);
                    throw new InputFileException(reader.File, Text.Format("NoSheetWithId", limits.HeaderScanRows, names));
                }
            }

            return Locate(reader, map, limits, required: true)!;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The column index of a field, or -1 when the file has no such column.</summary>
    public int Column(string field)
    {
        var i = Array.IndexOf(_fieldNames, field);
        return i < 0 ? -1 : _columns[i];
    }

    /// <summary>The header text of a field's column as the file spells it (for messages).</summary>
    public string ColumnName(string field)
    {
        var column = Column(field);
        return column >= 0 && column < Headers.Count ? Headers[column] : field;
    }

    /// <summary>Called with the data rows read so far, every <see cref="ProgressEvery"/> rows (a progress display).</summary>
    public Action<long>? Progress { get; set; }

    public const int ProgressEvery = 16_384;

    /// <summary>
    /// Advances to the next data row, skipping footer lines. A row whose ID cell is a name the ID column goes by is a
    /// header again (two extracts joined into one file, the second's title and header rows taken for persons): the
    /// file is refused, naming the row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        while (Reader.Read())
        {
            if (IsFooter(Reader.GetSpan(0, _firstCell)))
            {
                continue;
            }

            if (IsHeaderAgain())
            {
                var title = _titleRow > 0 ? Text.Format("HeaderAgainTitle", _titleRow) : string.Empty;
                throw new InputFileException(Reader.File, Text.Format("HeaderAgain", HeaderRow, title), Reader.SourceRow, Headers[_idColumn]);
            }

            // A lone cell in a table of several columns, such as 济源市2026年学生名册: a title, if a header follows.
            _titleRow = Reader.FieldCount == 1 && Headers.Count > 2 ? Reader.SourceRow : 0;

            if (++DataRows > _maxRows)
            {
                throw new InputFileException(Reader.File, Text.Format("TooManyRows", _maxRows), Reader.SourceRow);
            }

            if (DataRows % ProgressEvery == 0)
            {
                Progress?.Invoke(DataRows);
            }

            return true;
        }

        return false;
    }

    private static SourceTable? Locate(ITableReader reader, HeaderMap map, IngestLimits limits, bool required)
    {
        var fields = map.Fields.ToArray();
        var accepted = fields.Select(f => f.Value.Headers.Select(HeaderText.Normalize).ToArray()).ToArray();
        var idIndex = Array.FindIndex(fields, f => f.Key == HeaderMap.IdField);
        for (var scanned = 0; scanned < limits.HeaderScanRows && reader.Read(); scanned++)
        {
            var cells = new string[reader.FieldCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = reader.GetString(c);
            }

            var forms = cells.Select(HeaderText.Forms).ToArray();
            if (HeaderColumns.Best(forms, accepted[idIndex]).Column < 0)
            {
                continue;
            }

            var columns = new int[fields.Length];
            for (var f = 0; f < fields.Length; f++)
            {
                var (column, tie, rank) = HeaderColumns.Best(forms, accepted[f]);
                if (tie >= 0)
                {
                    throw new InputFileException(reader.File,
                        Text.Format("TwoColumnsOneField", fields[f].Key, string.Join("/", fields[f].Value.Headers), cells[column], column + 1, cells[tie], tie + 1), reader.SourceRow, cells[column]);
                }

                if (column >= 0 && rank > 0 && fields[f].Value.Type == Core.Departments.FieldType.Amount && HeaderText.Notes(cells[column]).Contains('万', StringComparison.Ordinal))
                {
                    throw new InputFileException(reader.File,
                        Text.Format("AmountInWanYuan", cells[column], fields[f].Key), reader.SourceRow, cells[column]);
                }

                columns[f] = column;
            }

            var missing = fields.Where((f, i) => f.Value.Required && columns[i] < 0).Select(f => $"{f.Key} ({string.Join("/", f.Value.Headers)})").ToList();
            if (missing.Count > 0)
            {
                throw new InputFileException(reader.File, Text.Format("HeaderMissing", TextList.Join(missing)), reader.SourceRow);
            }

            var idHeaders = accepted[idIndex].ToHashSet(StringComparer.Ordinal);
            return new SourceTable(reader, map, reader.SourceRow, columns, cells, limits.MaxRows, idHeaders, columns[idIndex]);
        }

        if (!required)
        {
            return null;
        }

        var names = string.Join("/", map.Fields[HeaderMap.IdField].Headers);
        throw new InputFileException(reader.File, Text.Format("NoIdColumn", limits.HeaderScanRows, names));
    }

    /// <summary>Whether the ID cell holds a header name of the ID column; an ID has digits, so most rows stop at the first test.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsHeaderAgain()
    {
        // A digit anywhere (every ID has them) rules the header out; in UTF-8 a digit byte is always the digit.
        if (Reader.GetUtf8(_idColumn, _idBytes).IndexOfAnyInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        var cell = Reader.GetSpan(_idColumn, _idCell).Trim();
        if (cell.IsEmpty || cell.Length > MaxHeaderChars)
        {
            return false;
        }

        foreach (var form in HeaderText.Forms(cell.ToString()))
        {
            if (_idHeaders.Contains(form))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsFooter(ReadOnlySpan<char> firstCell)
    {
        // "合  计" and "制 表 人" are spaced out to align in printed reports.
        Span<char> text = stackalloc char[8];
        var n = 0;
        foreach (var c in firstCell)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (n == 0 && !FooterStarts.Contains(c))
            {
                return false;
            }

            if (n == text.Length)
            {
                break;
            }

            text[n++] = c;
        }

        foreach (var prefix in FooterPrefixes)
        {
            if (text[..n].StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => Reader.Dispose();
}
