using System.Runtime.CompilerServices;
using Matching.Ingest;

namespace Matching.Cli.Linkage;

/// <summary>
/// A batch of data rows of a <see cref="SourceTable"/> (<see cref="RowPipeline.BatchRows"/>) with the cells the matcher
/// and the result CSV need (ID, name, birth date as UTF-16; ID and name as the UTF-8 read), copied out of the reader so
/// that another thread can match them while the next batch is read. Buffers grow to the longest cells seen and are
/// reused batch after batch.
/// </summary>
internal sealed class RowBatch(int capacity)
{
    private const int ScratchChars = 256;

    private readonly long[] _sourceRows = new long[capacity];
    private readonly int[] _fieldCounts = new int[capacity];
    private readonly bool[] _extraCells = new bool[capacity];
    private readonly Cell[] _chars = new Cell[capacity * 3];
    private readonly Cell[] _bytes = new Cell[capacity * 2];
    private char[] _charText = new char[capacity * 64];
    private byte[] _byteText = new byte[capacity * 64];
    private int _charsUsed;
    private int _bytesUsed;

    public int Count { get; private set; }

    /// <summary>Reads up to <c>capacity</c> rows; false when the table had none left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Fill(SourceTable table, int idColumn, int nameColumn, int birthColumn)
    {
        Count = 0;
        _charsUsed = 0;
        _bytesUsed = 0;
        Span<char> scratch = stackalloc char[ScratchChars];
        Span<byte> utf8Scratch = stackalloc byte[ScratchChars];
        var reader = table.Reader;
        while (Count < _sourceRows.Length && table.Read())
        {
            var row = Count++;
            _sourceRows[row] = reader.SourceRow;
            _fieldCounts[row] = reader.FieldCount;
            _extraCells[row] = table.HasExtraCells;
            _chars[(row * 3) + 0] = AddChars(reader.GetSpan(idColumn, scratch));
            _chars[(row * 3) + 1] = nameColumn < 0 ? default : AddChars(reader.GetSpan(nameColumn, scratch));
            _chars[(row * 3) + 2] = birthColumn < 0 ? default : AddChars(reader.GetSpan(birthColumn, scratch));
            _bytes[(row * 2) + 0] = AddBytes(reader.GetUtf8(idColumn, utf8Scratch));
            _bytes[(row * 2) + 1] = nameColumn < 0 ? default : AddBytes(reader.GetUtf8(nameColumn, utf8Scratch));
        }

        return Count > 0;
    }

    /// <summary>The row number a spreadsheet shows.</summary>
    public long SourceRow(int row) => _sourceRows[row];

    /// <summary>The row's cell count.</summary>
    public int FieldCount(int row) => _fieldCounts[row];

    /// <summary>The row had more cells than the header (<see cref="SourceTable.HasExtraCells"/>).</summary>
    public bool HasExtraCells(int row) => _extraCells[row];

    public ReadOnlySpan<char> Id(int row) => Chars(_chars[row * 3]);

    public ReadOnlySpan<char> Name(int row) => Chars(_chars[(row * 3) + 1]);

    public ReadOnlySpan<char> BirthDate(int row) => Chars(_chars[(row * 3) + 2]);

    public ReadOnlySpan<byte> IdUtf8(int row) => Bytes(_bytes[row * 2]);

    public ReadOnlySpan<byte> NameUtf8(int row) => Bytes(_bytes[(row * 2) + 1]);

    private ReadOnlySpan<char> Chars(Cell cell) => _charText.AsSpan(cell.Start, cell.Length);

    private ReadOnlySpan<byte> Bytes(Cell cell) => _byteText.AsSpan(cell.Start, cell.Length);

    private Cell AddChars(ReadOnlySpan<char> text) => Append(ref _charText, ref _charsUsed, text);

    private Cell AddBytes(ReadOnlySpan<byte> text) => Append(ref _byteText, ref _bytesUsed, text);

    /// <summary>Copies <paramref name="text"/> to the end of <paramref name="buffer"/>, growing it when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Cell Append<T>(ref T[] buffer, ref int used, ReadOnlySpan<T> text)
    {
        if (used + text.Length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(2 * buffer.Length, used + text.Length));
        }

        text.CopyTo(buffer.AsSpan(used));
        var cell = new Cell(used, text.Length);
        used += text.Length;
        return cell;
    }

    private readonly record struct Cell(int Start, int Length);
}
