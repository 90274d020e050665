using Matching.Storage;

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
            await store.ImportLowIncomeAsync(new Testing.SnapshotBuilder().Household("H1").Member("H1", Testing.TestIds.Valid(1), "张三").Build(), Batch("a.csv"), 1, 0, Ct);
        }

        await using var reopened = await OpenAsync();

        Assert.Equal((1L, 1L), await reopened.CountActiveAsync(Ct));
    }
}
