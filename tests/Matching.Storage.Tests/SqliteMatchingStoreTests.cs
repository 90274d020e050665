using Matching.Storage;
using Matching.Storage.Dialects;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Tests;

/// <summary>The store on SQLite, the embedded default: always runs.</summary>
public sealed partial class SqliteMatchingStoreTests : MatchingStoreTests<SqliteTestDatabase>
{
    [Fact]
    public async Task OpenAsync_DataFolderMissing_Created()
    {
        var folder = Path.Combine(Folder, "new", "data");
        var options = StorageOptions.Resolve(Path.Combine(folder, "matching.db"), null);

        await using (var store = await MatchingStore.OpenAsync(options, TimeProvider.System, Ct))
        {
            await store.InitAsync(Ct);
        }

        Assert.True(File.Exists(Path.Combine(folder, "matching.db")));
    }

    [Fact]
    public async Task OpenAsync_ReopenedFile_DataStillThere()
    {
        await using (var store = await OpenInitializedAsync())
        {
            await store.Population.ImportAsync(new Testing.SnapshotBuilder().Household("H1").Member("H1", Testing.TestIds.Valid(1), "张三").Build(), Batch("a.csv"), 1, 0, Ct);
        }

        await using var reopened = await OpenAsync();

        Assert.Equal((1L, 1L), await reopened.Population.CountActiveAsync(Ct));
    }

    [Theory]
    [InlineData(StorageOptions.DefaultPageCacheMegabytes, -65536)]
    [InlineData(StorageOptions.RunPageCacheMegabytes, -8192)]
    public async Task Prepare_PageCacheOfTheOptions_SetOnTheConnection(int megabytes, long expected)
    {
        var options = StorageOptions.Resolve(Path.Combine(Folder, "cache.db"), null) with { PageCacheMegabytes = megabytes };
        var dialect = SqlDialects.For(options);
        await using var connection = dialect.CreateConnection(options.ConnectionString + ";Mode=ReadWriteCreate");
        await connection.OpenAsync(Ct);
        await dialect.PrepareAsync(connection, Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size";

        Assert.Equal(expected, (long)(await command.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task Population_ImportAsync_ChecksAndCheckpointsOffForTheLoad_BackOnAfterItAndAfterAFailedOne()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var dialect = SqlDialects.For(Options);
        await using var connection = dialect.CreateConnection(Options.ConnectionString);
        await connection.OpenAsync(Ct);
        await dialect.PrepareAsync(connection, Ct);
        var store = MatchingStore.Over(dialect, connection, TimeProvider.System);
        var good = new Testing.SnapshotBuilder().Household("H1").Member("H1", Testing.TestIds.Valid(1), "张三").Build();
        var orphan = new Testing.SnapshotBuilder().Household("H1").Member("H2", Testing.TestIds.Valid(2), "李四").Build();

        await store.Population.ImportAsync(good, Batch("may.csv"), 1, 0, Ct);
        var afterIt = (await PragmaAsync(connection, "foreign_keys"), await PragmaAsync(connection, "wal_autocheckpoint"));
        await Assert.ThrowsAsync<Core.Errors.MatchingException>(() => store.Population.ImportAsync(orphan, Batch("june.csv"), 1, 0, Ct));
        var afterTheFailure = (await PragmaAsync(connection, "foreign_keys"), await PragmaAsync(connection, "wal_autocheckpoint"));

        Assert.Equal((1L, 1000L), afterIt);
        Assert.Equal((1L, 1000L), afterTheFailure);
    }

    [Fact]
    public async Task CheckpointAsync_AfterALowIncomeImport_ItsPagesCopiedFromTheLogIntoTheFile()
    {
        var builder = new Testing.SnapshotBuilder().Household("H1");
        for (var i = 0; i < 3000; i++)
        {
            builder.Member("H1", Testing.TestIds.Valid(50_000 + i), "生" + i);
        }

        await using var store = await OpenInitializedAsync();
        var file = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
        await store.Population.ImportAsync(builder.Build(), Batch("june.csv"), 3000, 0, Ct);
        var before = new FileInfo(file).Length;

        await store.CheckpointAsync(Ct);
        var after = new FileInfo(file).Length;

        // The import's commit left its pages in the -wal file (no checkpoint at it); the checkpoint wrote them into the file.
        Assert.True(after > before + 100_000, $"the file grew from {before:N0} to {after:N0} bytes");
        Assert.Equal((1L, 3000L), await store.Population.CountActiveAsync(Ct));
    }

    private static async Task<long> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
