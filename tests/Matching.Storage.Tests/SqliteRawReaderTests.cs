using Dapper;
using Matching.Storage.Dialects;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Tests;

/// <summary>The C-API reader waits for a database another connection holds, as <c>SqliteDataReader</c> does.</summary>
public sealed class SqliteRawReaderTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"raw-reader-{Guid.NewGuid():N}.db");

    [Theory]
    [InlineData(false)] // the statement's preparing waits (it reads the schema)
    [InlineData(true)] // the schema already read: the first step waits
    public async Task Read_DatabaseLockedByAnotherConnection_WaitsAndReadsEveryRowOnce(bool schemaRead)
    {
        var source = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString();
        await using var writer = new SqliteConnection(source);
        await writer.OpenAsync();
        await writer.ExecuteAsync("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);");
        await using var reader = new SqliteConnection(source);
        await reader.OpenAsync();
        if (schemaRead)
        {
            Assert.Equal(3L, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t"));
        }

        // A rollback-journal database under an exclusive lock: a reader's first step is refused busy until it ends.
        await writer.ExecuteAsync("BEGIN EXCLUSIVE; INSERT INTO t VALUES (4);");
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            await writer.ExecuteAsync("COMMIT");
        });
        var read = new List<long>();
        using (var rows = new SqliteRawReader(reader, "SELECT n FROM t ORDER BY n"))
        {
            while (rows.Read())
            {
                read.Add(rows.GetInt64(0));
            }
        }

        await release;
        Assert.Equal([1L, 2L, 3L, 4L], read);
    }

    [Fact]
    public async Task HoldConnection_AnotherThreadsCallWaitsUntilTheHoldIsDisposed_RowsReadTheSame()
    {
        var source = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(source);
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);");

        var (read, waited, other) = ReadHolding(connection);

        Assert.True(waited);
        Assert.Equal(SQLitePCL.raw.SQLITE_OK, await other.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([1L, 2L, 3L], read);
    }

    /// <summary>
    /// Reads t holding the connection (on this thread throughout, as a hold must be), while another thread calls
    /// SQLite on the same connection: whether that call was still waiting 300 ms later, and the call itself.
    /// </summary>
    private static (List<long> Read, bool Waited, Task<int> Other) ReadHolding(SqliteConnection connection)
    {
        var read = new List<long>();
        using var rows = new SqliteRawReader(connection, "SELECT n FROM t ORDER BY n");
        Task<int> other;
        bool waited;
        using (rows.HoldConnection())
        {
            read.Add(rows.Read() ? rows.GetInt64(0) : -1);

            // Through SQLite's own API, which takes the connection's mutex for the call.
            other = Task.Run(() => SQLitePCL.raw.sqlite3_exec(connection.Handle, "SELECT 1"));
            waited = !other.Wait(TimeSpan.FromMilliseconds(300));
            while (rows.Read())
            {
                read.Add(rows.GetInt64(0));
            }
        }

        return (read, waited, other);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-journal", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}
