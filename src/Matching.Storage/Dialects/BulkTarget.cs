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
    /// Adds <paramref name="rows"/> in order, each as <see cref="AddAsync"/> would. A loader may take them in one go:
    /// SQLite's takes its connection's mutex once for them all instead of around every bind and step.
    /// </summary>
    async ValueTask AddRowsAsync(ReadOnlyMemory<object?[]> rows, CancellationToken cancellationToken)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            await AddAsync(cancellationToken, rows.Span[i]);
        }
    }

    /// <summary>Writes the rows still buffered.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
