using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Matching.Storage.Dialects;

/// <summary>
/// A bulk load into SQLite through its C API (SQLitePCLRaw, which Microsoft.Data.Sqlite itself runs on): one statement
/// prepared once, then per row each value bound by its type and the statement stepped and reset, on the connection and
/// inside the transaction the import opened. Binding through <c>SqliteParameter</c> infers each value's type on every
/// execution; at a million rows of twenty columns that cost more than SQLite's own work (measured here: the CPU time of
/// a 1M-row department import 34.8 s → 13 s). An upsert is <c>INSERT … ON CONFLICT … DO UPDATE</c>.
/// </summary>
internal sealed class SqliteRawInsert : IBulkLoader
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    // The statement's pointer for the binds (SqliteBinds); the handle above owns it and outlives every bind.
    private readonly nint _pointer;
    private readonly int _columns;
    private bool _disposed;

    // Text is encoded here, not by SQLitePCLRaw's string overload, which makes a new UTF-8 array per bind (measured: 4.0 s
    // of a 34 s run writing 411k warnings). SQLite copies what is bound (SQLITE_TRANSIENT), so one buffer serves every column.
    private byte[] _text = new byte[256];

    // What each parameter holds since it was last bound (Unbound before that): a value the next row repeats, often a
    // constant (the batch id) or an empty slot (NULL), is not bound again. A 1M-row department import binds 23 columns
    // a row, about half of them the same each row; each bind takes the connection's mutex.
    private readonly object?[] _bound;
    private static readonly object Unbound = new();

    public SqliteRawInsert(SqliteConnection connection, BulkTarget target)
    {
        _connection = connection;
        _columns = target.Columns.Count;
        _bound = [.. Enumerable.Repeat(Unbound, _columns)];
        var sql = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"INSERT INTO {target.Table} ({target.ColumnList}) VALUES (")
            .Append(string.Join(", ", Enumerable.Range(1, _columns).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture))))
            .Append(')');
        if (target.Key.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $" ON CONFLICT ({string.Join(", ", target.Key)}) DO UPDATE SET {string.Join(", ", target.Refreshed.Select(c => $"{c} = excluded.{c}"))}");
        }

        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out _statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        var added = false;
        _statement.DangerousAddRef(ref added);
        _pointer = _statement.DangerousGetHandle();
    }

    public ValueTask AddAsync(CancellationToken cancellationToken, params ReadOnlySpan<object?> values)
    {
        Add(values);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The rows under the connection's mutex, taken once (<see cref="SqliteMutex"/>): each bind, step and reset then
    /// only counts itself into a mutex this thread holds. A 1M-row school list: about 0.1 s of the loading core's
    /// 2.5 s was that locking. Synchronous, so the thread that takes the mutex gives it back.
    /// </summary>
    public ValueTask AddRowsAsync(ReadOnlyMemory<object?[]> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (SqliteMutex.Take(_connection.Handle!.DangerousGetHandle()))
        {
            foreach (var row in rows.Span)
            {
                Add(row);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Add(ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < _columns; i++)
        {
            var value = values[i];
            if (Holds(_bound[i], value))
            {
                // SQLite keeps a statement's bindings across its reset: the parameter already holds this value.
                continue;
            }

            var index = i + 1;
            _bound[i] = Unbound;
            var rc = value switch
            {
                null => SqliteBinds.Null(_pointer, index),
                long n => SqliteBinds.Int64(_pointer, index, n),
                int n => SqliteBinds.Int64(_pointer, index, n),
                bool b => SqliteBinds.Int64(_pointer, index, b ? 1 : 0),
                string s => BindText(index, s),
                double d => SqliteBinds.Double(_pointer, index, d),

                // As Microsoft.Data.Sqlite binds a decimal: its exact text (a NUMERIC column makes it a number).
                decimal d => BindDecimal(index, d),
                byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
                var other => throw new ArgumentException($"column {index}: no SQLite binding for a {other.GetType().Name}", nameof(values)),
            };
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            _bound[i] = value;
        }

        var step = SqliteBinds.Step(_pointer);
        _ = SqliteBinds.Reset(_pointer);
        if (step != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(step, _connection.Handle);
        }
    }

    /// <summary>
    /// Whether a parameter that holds <paramref name="bound"/> already holds <paramref name="value"/>: both null, the
    /// same whole number, or the same string (immutable; SQLite copied it when it was bound). Anything else is bound
    /// again: an array may have changed since.
    /// </summary>
    private static bool Holds(object? bound, object? value) => value switch
    {
        null => bound is null,
        long n => bound is long m && m == n,
        int n => bound is int m && m == n,
        string => ReferenceEquals(bound, value),
        _ => false,
    };

    private int BindText(int index, string value)
    {
        // As the string overload bound it (NUL-terminated): text ends at a NUL character.
        var text = value.AsSpan();
        if (text.IndexOf('\0') is var nul and >= 0)
        {
            text = text[..nul];
        }

        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _text.Length)
        {
            _text = new byte[Math.Max(most, _text.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(text, _text);
        return SqliteBinds.Utf8(_pointer, index, _text.AsSpan(0, length));
    }

    private int BindDecimal(int index, decimal value)
    {
        // A decimal's text is at most 31 characters (29 digits, a sign and a point).
        value.TryFormat(_text, out var length, default, CultureInfo.InvariantCulture);
        return SqliteBinds.Utf8(_pointer, index, _text.AsSpan(0, length));
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        _statement.DangerousRelease();
        _statement.Dispose();
        return ValueTask.CompletedTask;
    }
}
