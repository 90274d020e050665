using Matching.Core.Errors;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>
/// A running worker's heartbeat: a lease row in the lock table (<c>run_lock</c>, beside the run lock; no table of its
/// own), named <c>worker:&lt;host&gt;:&lt;pid&gt;</c>, taken when the worker starts, renewed every third of
/// <see cref="Ttl"/> while it runs and deleted when it stops. A worker that dies stops renewing and its row lapses:
/// <c>matching status</c> lists the unexpired ones (<see cref="WorkerStore.RunningAsync"/>).
/// </summary>
public sealed class WorkerLease : IAsyncDisposable
{
    /// <summary>How long a worker's row lasts unless renewed: a worker not seen for this long is taken as gone.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(90);

    /// <summary>Every worker row's name starts so; the run lock's is <c>run</c>.</summary>
    public const string Prefix = "worker:";

    private readonly HeldLease _lease;

    private WorkerLease(HeldLease lease) => _lease = lease;

    /// <summary>This process's row name: <c>worker:&lt;host&gt;:&lt;pid&gt;</c> (the host cut to fit the column's 100 characters).</summary>
    public static string NameOf(string host, int pid) => $"{Prefix}{(host.Length > 80 ? host[..80] : host)}:{pid}";

    /// <summary>Takes this process's row; a row of the same name left by a dead process (the pid reused) is replaced.</summary>
    public static async Task<WorkerLease> StartAsync(StorageOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var store = await MatchingStore.OpenAsync(options, time, cancellationToken);
        try
        {
            var name = NameOf(Environment.MachineName, Environment.ProcessId);
            var token = Guid.NewGuid().ToString("N");

            // One host and pid is one live process: a row already under this name was left by one that died.
            await store.Workers.DropLeaseAsync(name, cancellationToken);
            if (await store.Workers.TryTakeLockAsync(name, RunLock.Me, token, Ttl, cancellationToken) is { } other)
            {
                throw new MatchingException(Text.Format("HeartbeatHeld", name, other.Holder));
            }

            return new WorkerLease(new HeldLease(store, name, token, Ttl, time));
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _lease.DisposeAsync();
}
