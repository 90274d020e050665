using Dapper;
using Matching.Storage.Dialects;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Tests;

/// <summary>The SQLite bulk load binds each value as Microsoft.Data.Sqlite's string binding did (text ends at a NUL, '' is not NULL).</summary>
public sealed class SqliteBulkLoadTests
{
    [Fact]
    public async Task AddAsync_TextAndDecimals_StoredAsTheStringBindingStoredThem()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (n INTEGER, a TEXT, b TEXT)");
        var target = new BulkTarget("t", [new("n", BulkColumnType.Whole), new("a", BulkColumnType.Text), new("b", BulkColumnType.Text)], [], []);
        var long300 = new string('汉', 300);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var load = new SqliteDialect().CreateBulkLoader(connection, transaction, target))
            {
                await load.AddAsync(CancellationToken.None, 1L, string.Empty, "A\0\0B");
                await load.AddAsync(CancellationToken.None, 2L, "\0tail", 12.50m);
                await load.AddAsync(CancellationToken.None, 3L, long300, null);
                await load.AddAsync(CancellationToken.None, 4L, "张三", -0.01m);
                await load.CompleteAsync(CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        var rows = (await connection.QueryAsync<(long N, string? A, string? B)>("SELECT n, a, b FROM t ORDER BY n")).ToList();

        Assert.Equal([(1L, string.Empty, "A"), (2L, string.Empty, "12.50"), (3L, long300, null), (4L, "张三", "-0.01")], rows);
    }

    [Fact]
    public async Task AddAsync_ValuesRepeatedThenChanged_EachRowStoredWithItsOwnValues()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (n INTEGER, k INTEGER, a TEXT, b BLOB)");
        var target = new BulkTarget("t",
            [new("n", BulkColumnType.Whole), new("k", BulkColumnType.Whole), new("a", BulkColumnType.Text), new("b", BulkColumnType.Text)], [], []);
        var shared = "梨林镇";
        var bytes = new byte[] { 1, 2 };
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var load = new SqliteDialect().CreateBulkLoader(connection, transaction, target))
            {
                // The same batch id each row (a new box each time), a string repeated then another, nulls on and off,
                // and an array changed in place between two rows: what a row repeats is not bound again, nothing else.
                await load.AddAsync(CancellationToken.None, 1L, 7L, shared, bytes);
                bytes[0] = 9;
                await load.AddAsync(CancellationToken.None, 2L, 7L, shared, bytes);
                await load.AddAsync(CancellationToken.None, 3L, 7L, null, null);
                await load.AddAsync(CancellationToken.None, 4L, 8, null, null);
                await load.AddAsync(CancellationToken.None, 5L, 8L, new string(shared), null);
                await load.AddAsync(CancellationToken.None, 6L, null, "克井镇", new byte[] { 3 });
                await load.CompleteAsync(CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        var rows = (await connection.QueryAsync<(long N, long? K, string? A, byte[]? B)>("SELECT n, k, a, b FROM t ORDER BY n")).ToList();

        Assert.Equal([(1L, 7L, shared), (2L, 7L, shared), (3L, 7L, null), (4L, 8L, null), (5L, 8L, shared), (6L, null, "克井镇")],
            rows.Select(r => (r.N, r.K, r.A)));
        Assert.Equal([[1, 2], [9, 2], null, null, null, [3]], rows.Select(r => r.B));
    }

    [Fact]
    public async Task AddRowsAsync_RowsOfAChunk_StoredInOrderAsAddAsyncStoresThem_ConnectionFreeAfterwards()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (n INTEGER, k INTEGER, a TEXT)");
        var target = new BulkTarget("t", [new("n", BulkColumnType.Whole), new("k", BulkColumnType.Whole), new("a", BulkColumnType.Text)], [], []);
        object?[][] rows = [[1L, 7L, "梨林镇"], [2L, 7L, "梨林镇"], [3L, null, null], [4L, 8L, "克井镇"], [5L, 8L, "\0tail"]];
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var load = new SqliteDialect().CreateBulkLoader(connection, transaction, target))
            {
                await load.AddRowsAsync(new TypedRows(rows, 0, 3), CancellationToken.None);
                await load.AddAsync(CancellationToken.None, rows[3]);
                await load.AddRowsAsync(new TypedRows(rows, 4, 1), CancellationToken.None);
                await load.CompleteAsync(CancellationToken.None);
            }

            // The connection's mutex was given back: another thread's call on it goes through.
            var other = Task.Run(() => SQLitePCL.raw.sqlite3_exec(connection.Handle, "SELECT 1"));
            Assert.Equal(SQLitePCL.raw.SQLITE_OK, await other.WaitAsync(TimeSpan.FromSeconds(30)));
            await transaction.CommitAsync();
        }

        var stored = (await connection.QueryAsync<(long N, long? K, string? A)>("SELECT n, k, a FROM t ORDER BY rowid")).ToList();

        Assert.Equal([(1L, 7L, "梨林镇"), (2L, 7L, "梨林镇"), (3L, null, null), (4L, 8L, "克井镇"), (5L, 8L, string.Empty)], stored);
    }

    [Fact]
    public async Task AddRowsAsync_ARowBreakingAConstraintInAStatementOfMany_Throws_TheRollbackLeavesNothing()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (n INTEGER PRIMARY KEY, a TEXT NOT NULL)");
        var target = new BulkTarget("t", [new("n", BulkColumnType.Whole), new("a", BulkColumnType.Text)], [], []);
        var rows = Enumerable.Range(0, SqliteRawInsert.RowsPerStatement + 3).Select(i => new object?[] { (long)i, i == 20 ? null : "村" }).ToArray();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var load = new SqliteDialect().CreateBulkLoader(connection, transaction, target);

            var error = await Assert.ThrowsAsync<SqliteException>(() => load.AddRowsAsync(new TypedRows(rows, 0, rows.Length), CancellationToken.None).AsTask());

            Assert.Equal(SQLitePCL.raw.SQLITE_CONSTRAINT, error.SqliteErrorCode);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddRowsAsync_MoreRowsThanAStatementTakes_BetweenSingleRows_EachStoredWithItsOwnValues_AnUpsertKeepsTheLast(bool upsert)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync(upsert ? "CREATE TABLE t (n INTEGER PRIMARY KEY, k INTEGER, a TEXT)" : "CREATE TABLE t (n INTEGER, k INTEGER, a TEXT)");
        var target = new BulkTarget("t", [new("n", BulkColumnType.Whole), new("k", BulkColumnType.Whole), new("a", BulkColumnType.Text)],
            upsert ? ["n"] : [], []);

        // Several statements' worth of rows, with single rows between them through the same one-row statement: a slot
        // found holding the same value is left, any other value is bound (repeated, changed, NULL and back, a text
        // equal to the one bound but another string). In the upsert a key comes again within a statement of many
        // rows, and the last rows' keys again after them.
        var count = (SqliteRawInsert.RowsPerStatement * 5) + 9;
        var rows = Enumerable.Range(0, count).Select(i => new object?[]
        {
            upsert && i >= count - 5 ? (long)(i - 100) : upsert && i == 10 ? 3L : (long)i,
            i % 5 == 0 ? null : (long)(i / 10),
            i % 7 == 0 ? null : i % 3 == 0 ? "梨林镇" : i % 3 == 1 ? new string("梨林镇") : $"村{i / 4}",
        }).ToArray();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var load = new SqliteDialect().CreateBulkLoader(connection, transaction, target))
            {
                await load.AddRowsAsync(new TypedRows(rows, 0, 45), CancellationToken.None);
                for (var i = 45; i < 50; i++)
                {
                    await load.AddAsync(CancellationToken.None, rows[i]);
                }

                await load.AddRowsAsync(new TypedRows(rows, 50, 3), CancellationToken.None);
                await load.AddAsync(CancellationToken.None, rows[53]);
                await load.AddRowsAsync(new TypedRows(rows, 54, 70), CancellationToken.None);
                await load.AddRowsAsync(new TypedRows(rows, 124, count - 124), CancellationToken.None);
                await load.CompleteAsync(CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        var stored = (await connection.QueryAsync<(long N, long? K, string? A)>("SELECT n, k, a FROM t ORDER BY n, rowid")).ToList();

        var expected = rows.Select(r => (N: (long)r[0]!, K: (long?)r[1], A: (string?)r[2]))
            .GroupBy(r => r.N).Select(g => g.Last()).OrderBy(r => r.N).ToList();
        Assert.Equal(upsert ? count - 6 : count, stored.Count);
        Assert.Equal(expected, stored);
    }

    [Fact]
    public async Task AddRowsAsync_ATypedRowShortOfAColumn_Throws()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (n INTEGER, k INTEGER, a TEXT, b TEXT)");
        var target = new BulkTarget("t",
            [new("n", BulkColumnType.Whole), new("k", BulkColumnType.Whole), new("a", BulkColumnType.Text), new("b", BulkColumnType.Text)], [], []);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var load = new SqliteDialect().CreateBulkLoader(connection, transaction, target);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => load.AddRowsAsync(new TypedRows([[1L, 2L, "村"]], 0, 1), CancellationToken.None).AsTask());

        Assert.Contains("3 values for 4 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRowsAsync_TypedRowsToALoaderWithoutItsOwn_EachRowAddedAsItsValuesInOrder()
    {
        var loader = new RecordingLoader();
        object?[][] rows = [[1L, 5L, "a"], [2L, null, null], [3L, 7L, "c"]];

        await ((IBulkLoader)loader).AddRowsAsync(new TypedRows(rows, 1, 2), CancellationToken.None);

        Assert.Equal([[2L, null, null], [3L, 7L, "c"]], loader.Rows);
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of <paramref name="rows"/>, each value written to the sink as a whole number or a text (null as NULL).</summary>
    private readonly struct TypedRows(object?[][] rows, int start, int count) : IBulkRows
    {
        public int Count => count;

        public void Write<TSink>(int row, ref TSink sink)
            where TSink : struct, IRowSink
        {
            foreach (var value in rows[start + row])
            {
                if (value is long n)
                {
                    sink.Whole(n);
                }
                else
                {
                    sink.Text((string?)value);
                }
            }
        }
    }

    /// <summary>A loader with only <see cref="IBulkLoader.AddAsync"/>, as the server dialects' are.</summary>
    private sealed class RecordingLoader : IBulkLoader
    {
        public List<object?[]> Rows { get; } = [];

        public ValueTask AddAsync(CancellationToken cancellationToken, params ReadOnlySpan<object?> values)
        {
            Rows.Add(values.ToArray());
            return ValueTask.CompletedTask;
        }

        public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
