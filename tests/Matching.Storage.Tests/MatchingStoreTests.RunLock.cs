using Matching.Core.Errors;
using Matching.Storage.Dialects;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Storage.Tests;

public abstract partial class MatchingStoreTests<TDb>
{
    private static readonly TimeSpan Minutes = TimeSpan.FromMinutes(5);

    [SkippableFact]
    public async Task RunLock_HeldByAnother_RefusedAfterWaitNamingHolderAndSince()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        await using var first = await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, clock, Ct);

        // The wait is the lock's clock's: a minute on it, however long the machine takes, then refused.
        var refused = RunLock.AcquireAsync(Options, Minutes, TimeSpan.FromMinutes(1), clock, Ct);
        for (var waited = 0; !refused.IsCompleted && waited < 24; waited++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10, Ct);
        }

        Assert.True(refused.IsCompleted, "refused within two minutes on the lock's clock");
        var error = await Assert.ThrowsAsync<MatchingException>(() => refused);
        Assert.Contains($"held by {RunLock.Me} since 2026-11-28 ", error.Message, StringComparison.Ordinal);
        Assert.True(clock.GetUtcNow() >= new DateTimeOffset(2026, 11, 28, 2, 1, 0, TimeSpan.Zero), "refused only after the wait, on the lock's clock");
    }

    [SkippableFact]
    public async Task RunLock_Released_NextOneTakesIt()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        await (await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct)).DisposeAsync();

        await using var second = await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct);

        await AssertHeldAsync();
    }

    [SkippableFact]
    public async Task RunLock_WaitingWhileHolderFinishes_TakesItWhenReleased()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var first = await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct);
        var waiting = RunLock.AcquireAsync(Options, Minutes, TimeSpan.FromSeconds(30), TimeProvider.System, Ct);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        await first.DisposeAsync();

        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        await AssertHeldAsync();
    }

    [SkippableFact]
    public async Task RunLock_LeftByADeadProcess_ExpiresAndIsTaken()
    {
        await using (var store = await OpenInitializedAsync())
        {
            // What a killed run leaves: its row, never renewed again, expired a minute ago.
            await using var connection = SqlDialects.For(Options.Provider).CreateConnection(Options.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO run_lock (name, holder, token, acquired_at, expires_at) VALUES ('run', 'operator@gone pid 1', 'x', '2026-11-28T01:00:00.000Z', @expires)";
            var expires = insert.CreateParameter();
            expires.ParameterName = "@expires";
            expires.Value = DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
            insert.Parameters.Add(expires);
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await using var taken = await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct);

        Assert.Equal((RunLock.Me, 1), await LockRowAsync());
        await AssertHeldAsync();
    }

    [SkippableFact]
    public async Task RunLock_Held_RenewedEveryThirdOfItsLeaseOnItsClock()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        var lease = TimeSpan.FromMinutes(3);
        await using var held = await RunLock.AcquireAsync(Options, lease, TimeSpan.Zero, clock, Ct);
        Assert.Equal("2026-11-28T02:03:00.000Z", await ExpiresAsync());

        // Three renewals, a minute apart on the lock's clock: the lease ends a lease after the last, never lapsing.
        foreach (var expected in new[] { "2026-11-28T02:04:00.000Z", "2026-11-28T02:05:00.000Z", "2026-11-28T02:06:00.000Z" })
        {
            clock.Advance(lease / 3);
            await WaitForAsync(async () => await ExpiresAsync() == expected, $"the lease renewed to {expected}");

            // The renewal is written; let its loop go back to waiting on the clock before the clock moves again.
            await Task.Delay(200);
        }

        await Assert.ThrowsAsync<MatchingException>(() => RunLock.AcquireAsync(Options, lease, TimeSpan.Zero, clock, Ct));
    }

    [SkippableFact]
    public async Task RunLock_NotRenewed_TakenOnceItsLeaseLapses()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        var lease = TimeSpan.FromMinutes(3);
        await using var held = await RunLock.AcquireAsync(Options, lease, TimeSpan.Zero, clock, Ct);

        // Another process's clock, a lease and a second on: the holder's clock stood still, so it never renewed.
        var later = new FakeTimeProvider(clock.GetUtcNow() + lease + TimeSpan.FromSeconds(1));
        await using var taken = await RunLock.AcquireAsync(Options, lease, TimeSpan.Zero, later, Ct);

        Assert.Equal("2026-11-28T02:06:01.000Z", await ExpiresAsync());
    }

    /// <summary>The lock is held: one more attempt, not waiting, is refused.</summary>
    private async Task AssertHeldAsync() =>
        await Assert.ThrowsAsync<MatchingException>(() => RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct));

    private async Task<(string Holder, int Rows)> LockRowAsync()
    {
        var rows = await LockRowsAsync("SELECT holder FROM run_lock WHERE name = 'run'");
        return (rows.FirstOrDefault() ?? string.Empty, rows.Count);
    }

    private async Task<string?> ExpiresAsync() => (await LockRowsAsync("SELECT expires_at FROM run_lock WHERE name = 'run'")).SingleOrDefault();

    private async Task<List<string>> LockRowsAsync(string sql)
    {
        await using var connection = SqlDialects.For(Options.Provider).CreateConnection(Options.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>Waits (real time, up to 20 s) for work the lock does on its own task after its clock moved.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, $"not seen within 20 s: {what}");
            await Task.Delay(20);
        }
    }
}
