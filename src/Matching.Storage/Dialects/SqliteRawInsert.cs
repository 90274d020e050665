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
    /// and ends the statement, once for them all instead of once a row. Each value is bound as its row gives it
    /// (<see cref="Sink"/>), none boxed, no array filled: a first run's 325k new warnings are 30 columns each, and
    /// boxing their numbers and checking each boxed value was about a quarter of the writing thread's time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask AddRowsAsync<TRows>(TRows rows, CancellationToken cancellationToken)
        where TRows : IBulkRows
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (SqliteMutex.Take(_connection))
        {
            var at = 0;
            if (rows.Count >= RowsPerStatement)
            {
                var many = _many ??= Prepare(RowsPerStatement);
                for (; at + RowsPerStatement <= rows.Count; at += RowsPerStatement)
                {
                    for (var r = 0; r < RowsPerStatement; r++)
                    {
                        var sink = new Sink(this, many, r * _columns);
                        rows.Write(at + r, ref sink);
                        sink.Check(_columns);
                    }

                    Step(many);
                }
            }

            for (; at < rows.Count; at++)
            {
                var sink = new Sink(this, _one, 0);
                rows.Write(at, ref sink);
                sink.Check(_columns);
                Step(_one);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Binds one row's <paramref name="values"/> to <paramref name="statement"/>'s parameters from <paramref name="first"/> (0-based) on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Bind(Statement statement, int first, ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < _columns; i++)
        {
            var slot = first + i;
            switch (values[i])
            {
                case null:
                    BindNull(statement, slot);
                    break;
                case long n:
                    BindWhole(statement, slot, n);
                    break;
                case int n:
                    BindWhole(statement, slot, n);
                    break;
                case bool b:
                    BindWhole(statement, slot, b ? 1 : 0);
                    break;
                case string text:
                    BindText(statement, slot, text);
                    break;
                case var other:
                    // Bound every time: an array may have changed since.
                    statement.Kinds[slot] = Bound.Other;
                    var index = slot + 1;
                    var rc = other switch
                    {
                        double d => SqliteBinds.Double(statement.Pointer, index, d),

                        // As Microsoft.Data.Sqlite binds a decimal: its exact text (a NUMERIC column makes it a number).
                        decimal d => BindDecimal(statement.Pointer, index, d),
                        byte[] bytes => raw.sqlite3_bind_blob(statement.Handle, index, bytes),
                        _ => throw new ArgumentException($"column {i + 1}: no SQLite binding for a {other.GetType().Name}", nameof(values)),
                    };
                    SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
                    break;
            }
        }
    }

    // Each bind below is skipped when the parameter already holds the value: SQLite keeps a statement's bindings across
    // its reset, and a row often repeats the value its slot had (a constant such as the batch id, an empty slot, a
    // text shared by many rows). A text is the same when it is the same string (immutable; SQLite copied it when it
    // was bound). The slot's kind is marked other before a bind that may fail.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BindNull(Statement statement, int slot)
    {
        if (statement.Kinds[slot] != Bound.Null)
        {
            statement.Kinds[slot] = Bound.Other;
            SqliteException.ThrowExceptionForRC(SqliteBinds.Null(statement.Pointer, slot + 1), _connection.Handle);
            statement.Kinds[slot] = Bound.Null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BindWhole(Statement statement, int slot, long value)
    {
        if (statement.Kinds[slot] != Bound.Whole || statement.Wholes[slot] != value)
        {
            statement.Kinds[slot] = Bound.Other;
            SqliteException.ThrowExceptionForRC(SqliteBinds.Int64(statement.Pointer, slot + 1, value), _connection.Handle);
            statement.Wholes[slot] = value;
            statement.Kinds[slot] = Bound.Whole;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BindText(Statement statement, int slot, string value)
    {
        if (statement.Kinds[slot] != Bound.Text || !ReferenceEquals(statement.Texts[slot], value))
        {
            statement.Kinds[slot] = Bound.Other;
            SqliteException.ThrowExceptionForRC(BindText(statement.Pointer, slot + 1, value), _connection.Handle);
            statement.Texts[slot] = value;
            statement.Kinds[slot] = Bound.Text;
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

    /// <summary>What a statement's parameter holds since it was last bound.</summary>
    private enum Bound : byte
    {
        /// <summary>Not bound, being bound, or holding a value not compared (a decimal, a double, bytes).</summary>
        Other,
        Null,
        Whole,
        Text,
    }

    /// <summary>
    /// A prepared statement, its pointer for the binds (<see cref="SqliteBinds"/>: the handle owns it and outlives every
    /// bind), and what each parameter holds since it was last bound (<see cref="Bound"/>, with the number or the
    /// string): a value the next row repeats, often a constant (the batch id) or an empty slot (NULL), is not bound
    /// again. A 1M-row department import binds 23 columns a row, about half of them the same each row.
    /// </summary>
    private sealed class Statement : IDisposable
    {
        public Statement(sqlite3_stmt handle, int parameters)
        {
            Handle = handle;
            var added = false;
            handle.DangerousAddRef(ref added);
            Pointer = handle.DangerousGetHandle();
            Kinds = new Bound[parameters];
            Wholes = new long[parameters];
            Texts = new string?[parameters];
        }

        public sqlite3_stmt Handle { get; }

        public nint Pointer { get; }

        public Bound[] Kinds { get; }

        public long[] Wholes { get; }

        public string?[] Texts { get; }

        public void Dispose()
        {
            Handle.DangerousRelease();
            Handle.Dispose();
        }
    }

    /// <summary>
    /// Binds one row's values, as <see cref="IBulkRows.Write"/> gives them, to the statement's parameters from the row's
    /// first on (a struct: the row's writer is compiled for it, each call direct).
    /// </summary>
    private struct Sink(SqliteRawInsert insert, Statement statement, int first) : IRowSink
    {
        private int _given;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Text(string? value)
        {
            if (value is null)
            {
                insert.BindNull(statement, first + _given++);
            }
            else
            {
                insert.BindText(statement, first + _given++, value);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Whole(long? value)
        {
            if (value is { } n)
            {
                insert.BindWhole(statement, first + _given++, n);
            }
            else
            {
                insert.BindNull(statement, first + _given++);
            }
        }

        /// <summary>Throws unless the row gave exactly <paramref name="columns"/> values (a row short would keep the last row's).</summary>
        public readonly void Check(int columns)
        {
            if (_given != columns)
            {
                throw new InvalidOperationException($"a row gave {_given} values for {columns} columns");
            }
        }
    }
}
