using Matching.Storage;
using Matching.Storage.Dialects;

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
}
