using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.SqlClient;

namespace Matching.Storage.Dialects;

/// <summary>Writes the rows buffered in <paramref name="rows"/> into <paramref name="table"/> inside <paramref name="transaction"/>.</summary>
internal delegate Task BulkWrite(DbConnection connection, DbTransaction transaction, string table, DataTable rows, CancellationToken cancellationToken);

/// <summary>
/// A bulk load through SqlBulkCopy: rows are buffered in a <see cref="DataTable"/> typed as the columns are (bigint,
/// nvarchar, decimal) and written every <see cref="RowsPerWrite"/> rows and at completion. Plain inserts go straight
/// into the table. An upsert copies into a <c>#load_&lt;table&gt;</c> temporary table (its columns' types and collations
/// taken from the table) and is merged from there when completed (<see cref="MergeSql"/>); a rollback drops the
/// temporary table with everything else.
/// </summary>
internal sealed class SqlServerBulkLoader : IBulkLoader
{
    /// <summary>Rows per SqlBulkCopy write: few round trips, a bounded buffer.</summary>
    public const int RowsPerWrite = 50_000;

    /// <summary>The staging column that keeps the order rows were added in.</summary>
    private const string Sequence = "load_seq";

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly BulkTarget _target;
    private readonly BulkWrite _write;
    private readonly DataTable _rows = new() { Locale = CultureInfo.InvariantCulture };
    private long _added;
    private bool _staged;

    public SqlServerBulkLoader(DbConnection connection, DbTransaction transaction, BulkTarget target, BulkWrite write)
    {
        _connection = connection;
        _transaction = transaction;
        _target = target;
        _write = write;
        foreach (var column in target.Columns)
        {
            _rows.Columns.Add(column.Name, column.Type switch
            {
                BulkColumnType.Whole => typeof(long),
                BulkColumnType.Amount => typeof(decimal),
                _ => typeof(string),
            });
        }

        if (Upsert)
        {
            _rows.Columns.Add(Sequence, typeof(long));
        }
    }

    private bool Upsert => _target.Key.Count > 0;

    public ValueTask AddAsync(CancellationToken cancellationToken, params ReadOnlySpan<object?> values)
    {
        var row = _rows.NewRow();
        for (var i = 0; i < _target.Columns.Count; i++)
        {
            row[i] = values[i] is { } value ? Typed(value, _target.Columns[i].Type) : DBNull.Value;
        }

        _added++;
        if (Upsert)
        {
            row[Sequence] = _added;
        }

        _rows.Rows.Add(row);
        return _rows.Rows.Count < RowsPerWrite ? ValueTask.CompletedTask : new ValueTask(WriteBufferedAsync(cancellationToken));
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await WriteBufferedAsync(cancellationToken);
        if (_staged)
        {
            await ExecuteAsync(MergeSql(_target), cancellationToken);
            _staged = false;
        }
    }

    public ValueTask DisposeAsync()
    {
        // Not completed: rows already written stay until the transaction's rollback undoes them (and drops the staging table).
        _rows.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The temporary table an upsert into <paramref name="target"/> stages its rows in (this session only).</summary>
    internal static string StagingTable(BulkTarget target) => $"#load_{target.Table}";

    /// <summary>
    /// Creates the staging table empty, with the target's columns as they are declared (type, length, collation, not
    /// null: no constraints, no identity) plus <c>load_seq</c>, the order the rows came in.
    /// </summary>
    internal static string CreateStagingSql(BulkTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var staging = StagingTable(target);
        return $"""
            DROP TABLE IF EXISTS {staging};
            SELECT TOP 0 {target.ColumnList}, CAST(0 AS BIGINT) AS {Sequence} INTO {staging} FROM {target.Table};
            """;
    }

    /// <summary>
    /// Merges the staging table into the target and drops it: rows whose key exists refresh
    /// <see cref="BulkTarget.Refreshed"/>, the others are inserted in the order they were added, then the staging table
    /// goes. An UPDATE and an INSERT … ORDER BY rather than one MERGE: SQL Server assigns identity values in the order
    /// of an INSERT … SELECT … ORDER BY, and in no promised order for rows a MERGE inserts, and <c>member_seq</c> must
    /// follow the order the snapshot listed members in.
    /// </summary>
    internal static string MergeSql(BulkTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var staging = StagingTable(target);
        var match = string.Join(" AND ", target.Key.Select(k => $"t.{k} = s.{k}"));
        var sql = new StringBuilder();
        var refreshed = target.Refreshed.ToList();
        if (refreshed.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $"UPDATE t SET {string.Join(", ", refreshed.Select(c => $"{c} = s.{c}"))}")
                .Append(CultureInfo.InvariantCulture, $" FROM {target.Table} AS t INNER JOIN {staging} AS s ON {match};\n");
        }

        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {target.Table} ({target.ColumnList})")
            .Append(CultureInfo.InvariantCulture, $" SELECT {string.Join(", ", target.Columns.Select(c => $"s.{c.Name}"))} FROM {staging} AS s")
            .Append(CultureInfo.InvariantCulture, $" WHERE NOT EXISTS (SELECT 1 FROM {target.Table} AS t WHERE {match}) ORDER BY s.{Sequence};\n")
            .Append(CultureInfo.InvariantCulture, $"DROP TABLE {staging};");
        return sql.ToString();
    }

    /// <summary>SqlBulkCopy on the import's connection and transaction, constraints checked (so foreign keys stay trusted).</summary>
    internal static async Task CopyAsync(DbConnection connection, DbTransaction transaction, string table, DataTable rows, CancellationToken cancellationToken)
    {
        // No timeout of its own: the pipeline's commit timeout bounds the whole transaction.
        using var copy = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.CheckConstraints, (SqlTransaction)transaction)
        {
            DestinationTableName = table,
            BulkCopyTimeout = 0,
        };
        foreach (DataColumn column in rows.Columns)
        {
            copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await copy.WriteToServerAsync(rows, cancellationToken);
    }

    private async Task WriteBufferedAsync(CancellationToken cancellationToken)
    {
        if (_rows.Rows.Count == 0)
        {
            return;
        }

        if (Upsert && !_staged)
        {
            await ExecuteAsync(CreateStagingSql(_target), cancellationToken);
            _staged = true;
        }

        await _write(_connection, _transaction, Upsert ? StagingTable(_target) : _target.Table, _rows, cancellationToken);
        _rows.Clear();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0; // a merge of a million members may take minutes; the commit timeout bounds it
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static object Typed(object value, BulkColumnType type) => type switch
    {
        BulkColumnType.Whole => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        BulkColumnType.Amount => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
