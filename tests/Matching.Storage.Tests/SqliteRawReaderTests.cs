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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-journal", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}
