using Matching.Core.Errors;
using Matching.Core.Population;
using Matching.Storage.Resilience;
using Matching.Storage.Tests.Resilience;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>A fault that is not transient is not retried: one attempt, and the message the operator always saw.</summary>
public abstract partial class MatchingStoreTests<TDb>
{
    [SkippableFact]
    public async Task Population_ImportAsync_ConstraintViolation_NotRetriedAndRolledBack()
    {
        var log = new RecordingLogger();
        await (await OpenInitializedAsync()).DisposeAsync();
        await using var store = await MatchingStore.OpenAsync(WithLog(log), TimeProvider.System, Ct);
        var broken = new SnapshotBuilder().Household("H1").Member("H-missing", TestIds.Valid(16), "张三").Build();

        var error = await Assert.ThrowsAsync<MatchingException>(() => store.Population.ImportAsync(broken, Batch("june.csv"), 1, 0, Ct));

        Assert.StartsWith("database: the low-income import of june.csv was rolled back (", error.Message, StringComparison.Ordinal);
        Assert.Empty(log.AllLines());
        Assert.Equal(0, (await store.CountRowsAsync(Ct))["import_batch"]);
    }

    [SkippableFact]
    public async Task Population_ImportAsync_FeedFailsWithWhatLooksTransient_NotRetriedAndThrownAsItIs()
    {
        var log = new RecordingLogger();
        await (await OpenInitializedAsync()).DisposeAsync();
        await using var store = await MatchingStore.OpenAsync(WithLog(log), TimeProvider.System, Ct);
        var feed = new LowIncomeFeed();
        var importing = store.Population.ImportAsync(feed, Batch("june.xlsx"), Ct);

        // The file locked by another program while it was read (EWOULDBLOCK): transient for the database, not here.
        var locked = new IOException("june.xlsx is locked by another program", 11);
        feed.Fail(locked);

        Assert.Same(locked, await Assert.ThrowsAsync<IOException>(() => importing));
        Assert.Empty(log.AllLines());
        Assert.Equal(0, (await store.CountRowsAsync(Ct))["import_batch"]);
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_MissingTable_NotRetried()
    {
        var log = new RecordingLogger();
        await using var store = await MatchingStore.OpenAsync(WithLog(log), TimeProvider.System, Ct);

        var error = await Assert.ThrowsAsync<MatchingException>(() => store.Runs.CompleteAsync(7, new DateOnly(2026, 11, 28), [], [], 0, Ct));

        Assert.StartsWith("database: run 7 was rolled back (", error.Message, StringComparison.Ordinal);
        Assert.Empty(log.AllLines());
    }

    [SkippableFact]
    public async Task Warnings_RecordDispositionsAsync_BeforeInit_SchemaMessageNotRetried()
    {
        var log = new RecordingLogger();
        await using var store = await MatchingStore.OpenAsync(WithLog(log), TimeProvider.System, Ct);

        var error = await Assert.ThrowsAsync<MatchingException>(() => store.Warnings.RecordDispositionsAsync("民政局", [], Ct));

        Assert.Contains("matching init", error.Message, StringComparison.Ordinal);
        Assert.Empty(log.AllLines());
    }

    [SkippableFact]
    public async Task OpenAsync_BadConnectionString_NotRetried()
    {
        var log = new RecordingLogger();

        var error = await Assert.ThrowsAsync<MatchingException>(() => MatchingStore.OpenAsync(
            WithLog(log) with { ConnectionString = "Data Source=x.db;Frobnicate=1" }, TimeProvider.System, Ct));

        Assert.StartsWith("database: cannot open (", error.Message, StringComparison.Ordinal);
        Assert.Empty(log.AllLines());
    }

    /// <summary>The test's database with pipelines of its own (default settings) that log into <paramref name="log"/>.</summary>
    protected StorageOptions WithLog(RecordingLogger log, ResilienceOptions? resilience = null) =>
        Options with { Resilience = new StorageResilience(resilience ?? new ResilienceOptions(), log) };
}
