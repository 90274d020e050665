using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Storage.Resilience;
using Matching.Storage.Tests.Resilience;
using Matching.Testing;
using Microsoft.Data.Sqlite;
using Polly.CircuitBreaker;

namespace Matching.Storage.Tests;

/// <summary>
/// Real transient faults on SQLite: a second connection holds the file's lock longer than the store's busy wait, so
/// SQLITE_BUSY comes out of Microsoft.Data.Sqlite and the store's pipeline starts the open or the transaction over.
/// </summary>
public sealed partial class SqliteMatchingStoreTests
{
    // Microsoft.Data.Sqlite waits for a lock in whole seconds (0 = forever); one second makes SQLITE_BUSY surface fast.
    private const string ShortBusyWait = ";Default Timeout=1";

    // Another process that owns the file: nobody else can even read it (the open's PRAGMAs fail).
    private const string WholeFileLock = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;";

    // Another writer mid-transaction: readers go on under WAL, writers wait.
    private const string WriteLock = "BEGIN EXCLUSIVE;";

    private static readonly ResilienceOptions QuickRetries = new() { DatabaseDelayMilliseconds = 50 };

    [Fact]
    public async Task OpenAsync_FileLockedPastBusyWait_RetriedThenOpens()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var log = new RecordingLogger();
        var options = Busy(log, QuickRetries);
        var locker = await HoldLockAsync(WholeFileLock);
        var release = ReleaseAtFirstRetryAsync(locker, log);

        await using var store = await MatchingStore.OpenAsync(options, TimeProvider.System, Ct);
        await release;
        await store.RequireSchemaAsync(Ct);

        var retries = log.Lines("DatabaseRetry");
        Assert.NotEmpty(retries);
        Assert.All(retries, line => Assert.Contains($"Database open on {DataSource}: attempt ", line, StringComparison.Ordinal));
        Assert.StartsWith($"Database open on {DataSource}: attempt 1 failed (SqliteException 5); retrying in ", retries[0], StringComparison.Ordinal);
        Assert.All(log.AllLines(), line => Assert.DoesNotContain("Default Timeout", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batches_ImportDepartmentAsync_WriterHoldsLockPastBusyWait_TransactionRetriedAndStoredOnce()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var log = new RecordingLogger();
        await using var store = await MatchingStore.OpenAsync(Busy(log, QuickRetries), TimeProvider.System, Ct);
        var locker = await HoldLockAsync(WriteLock);
        var release = ReleaseAtFirstRetryAsync(locker, log);

        var batchId = (await ImportAsync(store, DepartmentBatch("education", "students.csv"), Records())).BatchId;
        await release;

        Assert.StartsWith($"Database department import on {DataSource}: attempt 1 failed (SqliteException 5)", log.Lines("DatabaseRetry")[0], StringComparison.Ordinal);
        var counts = await store.CountRowsAsync(Ct);
        Assert.Equal((1L, 3L), (counts["import_batch"], counts["source_record"]));
        Assert.Equal([3L, 4L, 5L], (await RecordsAsync(store, batchId)).Select(r => r.SourceRow));
    }

    [Fact]
    public async Task Batches_ImportDepartmentAsync_LockShorterThanBusyWait_SqliteWaitsItOutWithoutRetry()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var log = new RecordingLogger();
        await using var store = await MatchingStore.OpenAsync(Busy(log, QuickRetries), TimeProvider.System, Ct);
        var locker = await HoldLockAsync(WriteLock);
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            await locker.DisposeAsync();
        });

        await ImportAsync(store, DepartmentBatch("education", "students.csv"), Records());
        await release;

        // Microsoft.Data.Sqlite's own busy wait covered it: the pipeline does not double that wait.
        Assert.Empty(log.Lines("DatabaseRetry"));
        Assert.Equal(1L, (await store.CountRowsAsync(Ct))["import_batch"]);
    }

    [Fact]
    public async Task Batches_ImportDepartmentAsync_LockNeverReleased_GivesUpWithTheUsualMessageAndNothingStored()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var log = new RecordingLogger();
        await using var store = await MatchingStore.OpenAsync(Busy(log, QuickRetries with { DatabaseRetries = 1 }), TimeProvider.System, Ct);
        await using (await HoldLockAsync(WriteLock))
        {
            var error = await Assert.ThrowsAsync<MatchingException>(() =>
                ImportAsync(store, DepartmentBatch("education", "students.csv"), Records()));

            Assert.Equal("database: the import of students.csv was rolled back (SQLite Error 5: 'database is locked'.)", error.Message);
        }

        Assert.Single(log.Lines("DatabaseRetry"));
        Assert.Equal(0L, (await store.CountRowsAsync(Ct))["import_batch"]);
    }

    [Fact]
    public async Task OpenAsync_KeepsFailingTransiently_CircuitOpensAndNextOpenFailsAtOnce()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var log = new RecordingLogger();
        var options = Busy(log, QuickRetries with { DatabaseRetries = 1, BreakerMinimumThroughput = 2, BreakerFailureRatio = 1, BreakerBreakSeconds = 60 });
        await using var locker = await HoldLockAsync(WholeFileLock);
        var first = await Assert.ThrowsAsync<MatchingException>(() => MatchingStore.OpenAsync(options, TimeProvider.System, Ct));
        Assert.Equal("database: cannot open (SQLite Error 5: 'database is locked'.)", first.Message);

        var started = TimeProvider.System.GetTimestamp();
        var second = await Assert.ThrowsAsync<MatchingException>(() => MatchingStore.OpenAsync(options, TimeProvider.System, Ct));

        Assert.IsType<BrokenCircuitException>(second.InnerException);
        Assert.StartsWith("database: cannot open (", second.Message, StringComparison.Ordinal);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(1), "an open circuit does not wait for the lock");
        Assert.Contains($"Database open on {DataSource} failed transiently too often (SqliteException 5)", Assert.Single(log.Lines("DatabaseCircuitOpened")), StringComparison.Ordinal);
    }

    private string DataSource => StorageResilience.DataSourceOf(Options.ConnectionString);

    private static TestRow[] Records() =>
        [Row(3, TestIds.Valid(60).Value, "张三"), Row(4, TestIds.Valid(61).Value, "李四"), Row(5, TestIds.Valid(62).Value, "王五")];

    /// <summary>The test's database with a one-second busy wait and pipelines of its own that log into <paramref name="log"/>.</summary>
    private StorageOptions Busy(RecordingLogger log, ResilienceOptions resilience) =>
        WithLog(log, resilience) with { ConnectionString = Options.ConnectionString + ShortBusyWait };

    /// <summary>A connection of "another process" (unpooled) holding a lock until disposed; pooled idle connections let go first.</summary>
    private async Task<SqliteConnection> HoldLockAsync(string sql)
    {
        foreach (var pooled in (string[])[Options.ConnectionString, Options.ConnectionString + ShortBusyWait])
        {
            await using var connection = new SqliteConnection(pooled);
            SqliteConnection.ClearPool(connection);
        }

        var locker = new SqliteConnection(Options.ConnectionString + ";Pooling=False");
        await locker.OpenAsync(Ct);
        await using var command = locker.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
        return locker;
    }

    /// <summary>Lets the lock go as soon as the first retry is logged: the fault lasted exactly one failed attempt.</summary>
    private static Task ReleaseAtFirstRetryAsync(SqliteConnection locker, RecordingLogger log) => Task.Run(async () =>
    {
        try
        {
            await log.FirstRetry.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await locker.DisposeAsync();
        }
    });
}
