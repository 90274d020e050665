using System.Data.Common;
using System.Text;
using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// Inserts many rows with multi-row <c>INSERT … VALUES (…), (…), …</c> statements prepared once: per statement the
/// engine parses and plans once for <see cref="RowsPerStatement"/> rows, which is what makes a million-row snapshot
/// load in seconds. Rows are buffered into the prepared command's parameters and executed when it is full.
/// </summary>
internal sealed class BulkInsert : IBulkLoader
{
    public const int RowsPerStatement = 8;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _head;
    private readonly string _tail;
    private readonly int _columns;
    private readonly DbCommand _full;
    private int _buffered;

    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The import's transaction.</param>
    /// <param name="table">Table name.</param>
    /// <param name="columns">Column names, in the order values are given.</param>
    /// <param name="tail">Text after the VALUES list, e.g. an <c>ON CONFLICT</c> clause (may be empty).</param>
    public BulkInsert(DbConnection connection, DbTransaction transaction, string table, string[] columns, string tail)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _connection = connection;
        _transaction = transaction;
        _columns = columns.Length;
        _head = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ";
        _tail = tail;
        _full = Create(RowsPerStatement);
    }

    /// <summary>Adds one row; values in column order (null → NULL).</summary>
    public ValueTask AddAsync(CancellationToken cancellationToken, params ReadOnlySpan<object?> values)
    {
        var offset = _buffered * _columns;
        for (var i = 0; i < _columns; i++)
        {
            _full.Parameters[offset + i].Value = values[i] ?? DBNull.Value;
        }

        if (++_buffered < RowsPerStatement)
        {
            return ValueTask.CompletedTask;
        }

        _buffered = 0;
        return new ValueTask(_full.ExecuteNonQueryAsync(cancellationToken));
    }

    /// <summary>Writes the rows still buffered.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_buffered == 0)
        {
            return;
        }

        await using var rest = Create(_buffered);
        for (var i = 0; i < _buffered * _columns; i++)
        {
            rest.Parameters[i].Value = _full.Parameters[i].Value;
        }

        await rest.ExecuteNonQueryAsync(cancellationToken);
        _buffered = 0;
    }

    private DbCommand Create(int rows)
    {
        var sql = new StringBuilder(_head);
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns; c++)
            {
                var name = $"@p{(r * _columns) + c}";
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        sql.Append(' ').Append(_tail);
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    public ValueTask DisposeAsync() => _full.DisposeAsync();
}
