using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// Up to a fixed number of rows for a bulk loader's <see cref="IBulkLoader.AddRowsAsync"/>, each an array of the
/// target's values, reused once the loader has taken it (a loader copies what it keeps).
/// </summary>
internal sealed class LoaderRows(int capacity, int columns)
{
    private readonly object?[][] _rows = [.. Enumerable.Range(0, capacity).Select(_ => new object?[columns])];

    public int Count { get; private set; }

    public bool IsFull => Count == _rows.Length;

    /// <summary>The rows filled so far, for the loader.</summary>
    public ReadOnlyMemory<object?[]> Filled => _rows.AsMemory(0, Count);

    /// <summary>The next row to fill.</summary>
    public object?[] Next() => _rows[Count++];

    /// <summary>Empty again, once the loader has taken the rows.</summary>
    public void Clear() => Count = 0;
}
