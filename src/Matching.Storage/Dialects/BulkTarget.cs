namespace Matching.Storage.Dialects;

/// <summary>The type a bulk-loaded column holds, so that typed loaders (binary COPY, SqlBulkCopy) send it exactly.</summary>
public enum BulkColumnType
{
    /// <summary>A whole number, 64-bit (ids, keys, 0/1 flags).</summary>
    Whole,

    /// <summary>Text.</summary>
    Text,

    /// <summary>An exact decimal amount (yuan).</summary>
    Amount,
}

/// <summary>One column of a bulk load.</summary>
public sealed record BulkColumn(string Name, BulkColumnType Type);

/// <summary>
/// What a bulk load writes: <see cref="Table"/>, its <see cref="Columns"/> in the order values are given, and for an
/// upsert the <see cref="Key"/> columns: a row whose key exists refreshes every other column except those in
/// <see cref="Keep"/>. With no key, rows are plain inserts.
/// </summary>
public sealed record BulkTarget(string Table, IReadOnlyList<BulkColumn> Columns, IReadOnlyList<string> Key, IReadOnlyList<string> Keep)
{
    /// <summary>The columns an upsert refreshes on a key that exists.</summary>
    public IEnumerable<string> Refreshed => Columns.Select(c => c.Name).Where(c => !Key.Contains(c) && !Keep.Contains(c));

    /// <summary>The column names, comma-separated.</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
}

/// <summary>
/// Rows going into one table in one transaction. <see cref="AddAsync"/> may buffer; <see cref="CompleteAsync"/> writes
/// what is left (and, for an upsert through a staging table, merges it). Disposing without completing writes nothing
/// more; the transaction's rollback undoes what was written.
/// </summary>
public interface IBulkLoader : IAsyncDisposable
{
    /// <summary>Adds one row; values in column order (null → NULL).</summary>
    ValueTask AddAsync(CancellationToken cancellationToken, params ReadOnlySpan<object?> values);

    /// <summary>
    /// Adds <paramref name="rows"/> in order, each written column by column to the loader's sink: typed, so that a
    /// loader that binds values one by one (SQLite's) takes them without a boxed value or an array per row, and may
    /// take them in one go (SQLite's takes its connection's mutex once for them all). By default each row is boxed
    /// into an array and added as <see cref="AddAsync"/> takes it.
    /// </summary>
    async ValueTask AddRowsAsync<TRows>(TRows rows, CancellationToken cancellationToken)
        where TRows : IBulkRows
    {
        var sink = new BoxingSink([]);
        for (var i = 0; i < rows.Count; i++)
        {
            sink.Values.Clear();
            rows.Write(i, ref sink);
            await AddAsync(cancellationToken, [.. sink.Values]);
        }
    }

    /// <summary>Writes the rows still buffered.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>A row's values boxed, in column order (for a loader that takes arrays).</summary>
    private readonly struct BoxingSink(List<object?> values) : IRowSink
    {
        public List<object?> Values { get; } = values;

        public void Text(string? value) => Values.Add(value);

        public void Whole(long? value) => Values.Add(value);
    }
}

/// <summary>Where a row's values go, in its target's column order (<see cref="IBulkRows"/>).</summary>
public interface IRowSink
{
    /// <summary>The next column's text (null → NULL).</summary>
    void Text(string? value);

    /// <summary>The next column's whole number (null → NULL).</summary>
    void Whole(long? value);
}

/// <summary>Rows for <see cref="IBulkLoader.AddRowsAsync{TRows}"/>, each written to a sink on demand.</summary>
public interface IBulkRows
{
    /// <summary>How many rows.</summary>
    int Count { get; }

    /// <summary>Gives row <paramref name="row"/>'s values to <paramref name="sink"/>, one call per column, in column order.</summary>
    void Write<TSink>(int row, ref TSink sink)
        where TSink : struct, IRowSink;
}
