using System.Globalization;
using System.Runtime.CompilerServices;
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
    /// <summary>Rows a statement of <see cref="AddRowsAsync"/> inserts at once (its VALUES lists).</summary>
    internal const int RowsPerStatement = 32;

    private readonly SqliteConnection _connection;
    private readonly BulkTarget _target;
    private readonly Statement _one;
    private readonly int _columns;
    private Statement? _many;
    private bool _disposed;

    // Text is encoded here, not by SQLitePCLRaw's string overload, which makes a new UTF-8 array per bind (measured: 4.0 s
    // of a 34 s run writing 411k warnings). SQLite copies what is bound (SQLITE_TRANSIENT), so one buffer serves every column.
    private byte[] _text = new byte[256];

    private static readonly object Unbound = new();

    public SqliteRawInsert(SqliteConnection connection, BulkTarget target)
    {
        _connection = connection;
        _target = target;
        _columns = target.Columns.Count;
        _one = Prepare(1);
    }

    /// <summary>
    /// The statement inserting <paramref name="rows"/> rows (each row's values in order: ?1 … ?columns, then the next
    /// row's). Several rows' is <c>INSERT OR FAIL</c>: a row that breaks a constraint stops the statement with the rows
    /// before it kept (the error is thrown all the same, and every caller's transaction then rolls back), so SQLite
    /// keeps no journal of the statement to undo them. With a plain INSERT it wrote one, to a temporary file, once rows
    /// went to random places in an index: 876k writes for a month of bills (the events' index), none with OR FAIL. A
    /// foreign key checked at once makes SQLite keep it all the same: the imports load with their keys off.
    /// </summary>
    private Statement Prepare(int rows)
    {
        var sql = new StringBuilder(rows > 1 ? "INSERT OR FAIL INTO " : "INSERT INTO ")
            .Append(CultureInfo.InvariantCulture, $"{_target.Table} ({_target.ColumnList}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns; c++)
            {
                sql.Append(c == 0 ? "?" : ", ?").Append((r * _columns) + c + 1);
            }

            sql.Append(')');
        }

        if (_target.Key.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $" ON CONFLICT ({string.Join(", ", _target.Key)}) DO UPDATE SET {string.Join(", ", _target.Refreshed.Select(c => $"{c} = excluded.{c}"))}");
        }

        var rc = raw.sqlite3_prepare_v2(_connection.Handle, sql.ToString(), out var statement);
        SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        return new Statement(statement, rows * _columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask AddAsync(CancellationToken cancellationToken, params ReadOnlySpan<object?> values)
    {
        Bind(_one, 0, values);
        Step(_one);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The rows under the connection's mutex, taken once (<see cref="SqliteMutex"/>): each bind, step and reset then
    /// only counts itself into a mutex this thread holds. A 1M-row school list: about 0.1 s of the loading core's
    /// 2.5 s was that locking. Synchronous, so the thread that takes the mutex gives it back. The rows go
    /// <see cref="RowsPerStatement"/> to a statement (the rest one by one): SQLite opens the table and its indexes,
    /// and ends the statement, once for them all instead of once a row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask AddRowsAsync(ReadOnlyMemory<object?[]> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var span = rows.Span;
        using (SqliteMutex.Take(_connection))
        {
            var at = 0;
            if (span.Length >= RowsPerStatement)
            {
                var many = _many ??= Prepare(RowsPerStatement);
                for (; at + RowsPerStatement <= span.Length; at += RowsPerStatement)
                {
                    for (var r = 0; r < RowsPerStatement; r++)
                    {
                        Bind(many, r * _columns, span[at + r]);
                    }

                    Step(many);
                }
            }

            for (; at < span.Length; at++)
            {
                Bind(_one, 0, span[at]);
                Step(_one);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Binds one row's <paramref name="values"/> to <paramref name="statement"/>'s parameters from <paramref name="first"/> (0-based) on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Bind(Statement statement, int first, ReadOnlySpan<object?> values)
    {
        var pointer = statement.Pointer;
        var bound = statement.Bound;
        for (var i = 0; i < _columns; i++)
        {
            var value = values[i];
            var slot = first + i;
            if (Holds(bound[slot], value))
            {
                // SQLite keeps a statement's bindings across its reset: the parameter already holds this value.
                continue;
            }

            var index = slot + 1;
            bound[slot] = Unbound;
            var rc = value switch
            {
                null => SqliteBinds.Null(pointer, index),
                long n => SqliteBinds.Int64(pointer, index, n),
                int n => SqliteBinds.Int64(pointer, index, n),
                bool b => SqliteBinds.Int64(pointer, index, b ? 1 : 0),
                string s => BindText(pointer, index, s),
                double d => SqliteBinds.Double(pointer, index, d),

                // As Microsoft.Data.Sqlite binds a decimal: its exact text (a NUMERIC column makes it a number).
                decimal d => BindDecimal(pointer, index, d),
                byte[] bytes => raw.sqlite3_bind_blob(statement.Handle, index, bytes),
                var other => throw new ArgumentException($"column {i + 1}: no SQLite binding for a {other.GetType().Name}", nameof(values)),
            };
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            bound[slot] = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(Statement statement)
    {
        var step = SqliteBinds.Step(statement.Pointer);
        _ = SqliteBinds.Reset(statement.Pointer);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Holds(object? bound, object? value) => value switch
    {
        null => bound is null,
        long n => bound is long m && m == n,
        int n => bound is int m && m == n,
        string => ReferenceEquals(bound, value),
        _ => false,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BindText(nint statement, int index, string value)
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
        return SqliteBinds.Utf8(statement, index, _text.AsSpan(0, length));
    }

    private int BindDecimal(nint statement, int index, decimal value)
    {
        // A decimal's text is at most 31 characters (29 digits, a sign and a point).
        value.TryFormat(_text, out var length, default, CultureInfo.InvariantCulture);
        return SqliteBinds.Utf8(statement, index, _text.AsSpan(0, length));
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        _one.Dispose();
        _many?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A prepared statement, its pointer for the binds (<see cref="SqliteBinds"/>: the handle owns it and outlives every
    /// bind), and what each parameter holds since it was last bound (<see cref="Unbound"/> before that): a value the
    /// next row repeats, often a constant (the batch id) or an empty slot (NULL), is not bound again. A 1M-row
    /// department import binds 23 columns a row, about half of them the same each row.
    /// </summary>
    private sealed class Statement : IDisposable
    {
        public Statement(sqlite3_stmt handle, int parameters)
        {
            Handle = handle;
            var added = false;
            handle.DangerousAddRef(ref added);
            Pointer = handle.DangerousGetHandle();
            Bound = [.. Enumerable.Repeat(Unbound, parameters)];
        }

        public sqlite3_stmt Handle { get; }

        public nint Pointer { get; }

        public object?[] Bound { get; }

        public void Dispose()
        {
            Handle.DangerousRelease();
            Handle.Dispose();
        }
    }
}
