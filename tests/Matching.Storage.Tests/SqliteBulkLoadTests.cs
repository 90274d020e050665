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
}
