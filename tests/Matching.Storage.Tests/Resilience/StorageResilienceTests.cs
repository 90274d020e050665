using Matching.Storage.Resilience;
using Microsoft.Data.Sqlite;
using Polly.Timeout;

namespace Matching.Storage.Tests.Resilience;

/// <summary>The pipelines alone, with faults thrown by the callback: what is retried, how often, and what is logged.</summary>
public sealed class StorageResilienceTests
{
    private static readonly ResilienceOptions Fast = new() { DatabaseDelayMilliseconds = 1, FileDelayMilliseconds = 1 };

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Database_TransientTwiceThenFine_RetriedAndSucceeds()
    {
        var log = new RecordingLogger();
        var attempts = 0;

        var result = await new StorageResilience(Fast, log).Database.ExecuteAsync(_ =>
        {
            attempts++;
            return attempts < 3 ? throw new SqliteException("database is locked", Transient.SqliteBusy) : ValueTask.FromResult(42);
        }, Ct);

        Assert.Equal((42, 3), (result, attempts));
        Assert.Equal(2, log.Lines("DatabaseRetry").Count);
    }

    [Fact]
    public async Task Database_NotTransient_OneAttempt()
    {
        var log = new RecordingLogger();
        var attempts = 0;

        var error = await Assert.ThrowsAsync<SqliteException>(() => new StorageResilience(Fast, log).Database.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new SqliteException("UNIQUE constraint failed: member.id_key", 19);
        }, Ct).AsTask());

        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Equal(1, attempts);
        Assert.Empty(log.AllLines());
    }

    [Fact]
    public async Task Database_AlwaysTransient_GivesUpAfterRetries()
    {
        var log = new RecordingLogger();
        var attempts = 0;

        await Assert.ThrowsAsync<SqliteException>(() => new StorageResilience(Fast with { DatabaseRetries = 2 }, log).Database.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new SqliteException("database is locked", Transient.SqliteBusy);
        }, Ct).AsTask());

        Assert.Equal(3, attempts);
        Assert.Equal(2, log.Lines("DatabaseRetry").Count);
    }

    [Fact]
    public async Task Database_RetriesOff_OneAttempt()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<SqliteException>(() => new StorageResilience(Fast with { DatabaseRetries = 0 }).Database.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new SqliteException("database is locked", Transient.SqliteBusy);
        }, Ct).AsTask());

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Database_AttemptHangs_TimedOutAndRetried()
    {
        var log = new RecordingLogger();
        var attempts = 0;

        var result = await new StorageResilience(Fast with { CommitTimeoutSeconds = 1 }, log).Database.ExecuteAsync(async token =>
        {
            if (++attempts == 1)
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            return attempts;
        }, Ct);

        Assert.Equal(2, result);
        Assert.Contains(nameof(TimeoutRejectedException), Assert.Single(log.Lines("DatabaseRetry")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_CallerCancels_NotRetried()
    {
        var log = new RecordingLogger();
        using var cancel = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new StorageResilience(Fast, log).Database.ExecuteAsync<int>(async token =>
        {
            attempts++;
            await cancel.CancelAsync();
            token.ThrowIfCancellationRequested();
            return 0;
        }, cancel.Token).AsTask());

        Assert.Equal(1, attempts);
        Assert.Empty(log.AllLines());
    }

    [Fact]
    public async Task Database_RetryLogged_TypeCodeAttemptDelayOnly()
    {
        var log = new RecordingLogger();
        var attempts = 0;
        const string id = "110101199003077777";

        await new StorageResilience(Fast, log).Database.ExecuteAsync(_ =>
        {
            return ++attempts == 1 ? throw new SqliteException($"database is locked while writing {id} 张三", Transient.SqliteBusy) : ValueTask.CompletedTask;
        }, Ct);

        var line = Assert.Single(log.Lines("DatabaseRetry"));
        Assert.StartsWith("Database call on (unknown): attempt 1 failed (SqliteException 5); retrying in ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(id, line, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", line, StringComparison.Ordinal);
        Assert.DoesNotContain("locked", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_SharingViolationThenFine_RetriedSynchronously()
    {
        var log = new RecordingLogger();
        var attempts = 0;

        var moved = new StorageResilience(Fast, log).Files.Execute(() =>
            ++attempts < 3 ? throw new IOException("used by another process", unchecked((int)0x80070020)) : "archive/a.csv");

        Assert.Equal(("archive/a.csv", 3), (moved, attempts));
        Assert.Equal(2, log.Lines("FileRetry").Count);
        Assert.StartsWith("Moving a file: attempt 1 failed (IOException 0x80070020); retrying in ", log.Lines("FileRetry")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Files_MissingSource_OneAttempt()
    {
        var attempts = 0;

        Assert.Throws<FileNotFoundException>(() => new StorageResilience(Fast).Files.Execute(() =>
        {
            attempts++;
            throw new FileNotFoundException("gone", "drop/a.csv");
        }));

        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData("Data Source=data/matching.db", "data/matching.db")]
    [InlineData("Data Source=/srv/城市.db;Password=s3cret;Default Timeout=5", "/srv/城市.db")]
    [InlineData("Host=db.local;Port=5432;Username=matching;Password=s3cret", "db.local")]
    [InlineData("Server=tcp:db.local,1433;User ID=sa;Password=s3cret", "tcp:db.local,1433")]
    [InlineData("Password=s3cret", "(unknown)")]
    [InlineData("not a connection string", "(unknown)")]
    public void DataSourceOf_ConnectionString_DataSourceOnly(string connectionString, string expected)
    {
        Assert.Equal(expected, StorageResilience.DataSourceOf(connectionString));
    }

    [Fact]
    public void Default_SharedDefaults()
    {
        Assert.Same(StorageResilience.Default, new StorageOptions(DatabaseProvider.Sqlite, "Data Source=x.db").Resilience);
        Assert.Equal(new ResilienceOptions(), StorageResilience.Default.Options);
    }
}
