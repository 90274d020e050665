using Microsoft.Extensions.Time.Testing;

namespace Matching.Storage.Tests;

public abstract partial class MatchingStoreTests<TDb>
{
    [SkippableFact]
    public async Task WorkerLease_Running_ListedWithHostPidAndStart_GoneWhenStopped()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 14, 29, 0, TimeSpan.Zero));
        await (await OpenInitializedAsync()).DisposeAsync();
        await using var store = await MatchingStore.OpenAsync(Options, clock, Ct);

        var lease = await WorkerLease.StartAsync(Options, clock, Ct);
        var running = await store.Workers.RunningAsync(Ct);
        await lease.DisposeAsync();
        var stopped = await store.Workers.RunningAsync(Ct);

        var worker = Assert.Single(running);
        Assert.Equal((Environment.MachineName, Environment.ProcessId, RunLock.Me), (worker.Host, worker.Pid, worker.Holder));
        Assert.Equal(clock.GetUtcNow(), worker.Started);
        Assert.Equal(clock.GetUtcNow(), worker.LastSeen);
        Assert.Empty(stopped);
        Assert.Null(await store.Runs.LockHolderAsync(Ct));
    }

    [SkippableFact]
    public async Task WorkerLease_NotRenewed_LapsesAfterItsTtl()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 14, 29, 0, TimeSpan.Zero));
        await (await OpenInitializedAsync()).DisposeAsync();
        await using var store = await MatchingStore.OpenAsync(Options, clock, Ct);

        // What a killed worker leaves: its row, never renewed again.
        Assert.Null(await store.Workers.TryTakeLockAsync(WorkerLease.NameOf("gone-host", 4242), "operator@gone-host pid 4242", "x", WorkerLease.Ttl, Ct));
        var fresh = await store.Workers.RunningAsync(Ct);
        clock.Advance(WorkerLease.Ttl + TimeSpan.FromSeconds(1));
        var lapsed = await store.Workers.RunningAsync(Ct);

        Assert.Equal(("gone-host", 4242), (Assert.Single(fresh).Host, fresh[0].Pid));
        Assert.Empty(lapsed);
    }
}
