namespace Matching.Ingest.Tables;

/// <summary>
/// A spreadsheet-like table read row by row, whatever the file format. Rows are numbered as a spreadsheet
/// shows them (1-based, title and header rows included), so a clerk can find a row from a report.
/// </summary>
public interface ITableReader : IDisposable
{
    /// <summary>The file being read, as the operator named it.</summary>
    string File { get; }

    /// <summary>Advances to the next non-empty row; false at the end.</summary>
    bool Read();

    /// <summary>The row number a spreadsheet shows for the current row (for CSV, the line where the record starts).</summary>
    long SourceRow { get; }

    /// <summary>Number of cells in the current row.</summary>
    int FieldCount { get; }

    /// <summary>The text of a cell as typed; empty past the end of the row.</summary>
    string GetString(int column);

    /// <summary>
    /// The text of a cell without allocating where it fits in <paramref name="scratch"/>; valid until the next
    /// <see cref="Read"/>.
    /// </summary>
    ReadOnlySpan<char> GetSpan(int column, Span<char> scratch);

    /// <summary>
    /// The text of a cell as UTF-8, for copying it to an output file without a round trip through UTF-16: the
    /// reader's own bytes where it has them, else encoded into <paramref name="scratch"/> where it fits; valid until
    /// the next <see cref="Read"/>.
    /// </summary>
    ReadOnlySpan<byte> GetUtf8(int column, Span<byte> scratch);
}
