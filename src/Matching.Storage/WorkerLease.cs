using Matching.Core.Errors;

namespace Matching.Storage;

/// <summary>
/// A running worker's heartbeat: a lease row in the lock table (<c>run_lock</c>, beside the run lock; no table of its
/// own), named <c>worker:&lt;host&gt;:&lt;pid&gt;</c>, taken when the worker starts, renewed every third of
/// <see cref="Ttl"/> while it runs and deleted when it stops. A worker that dies stops renewing and its row lapses:
/// <c>matching status</c> lists the unexpired ones (<see cref="MatchingStore.RunningWorkersAsync"/>).
/// </summary>
public sealed class WorkerLease : IAsyncDisposable
{
    /// <summary>How long a worker's row lasts unless renewed: a worker not seen for this long is taken as gone.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(90);

    /// <summary>Every worker row's name starts so; the run lock's is <c>run</c>.</summary>
    public const string Prefix = "worker:";

    private readonly MatchingStore _store;
    private readonly string _name;
    private readonly string _token;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private WorkerLease(MatchingStore store, string name, string token, TimeProvider time)
    {
        _store = store;
        _name = name;
        _token = token;
        _time = time;
        _renewal = RenewLoopAsync();
    }

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
            await store.DropLeaseAsync(name, cancellationToken);
            if (await store.TryTakeLockAsync(name, RunLock.Me, token, Ttl, cancellationToken) is { } other)
            {
                throw new MatchingException($"database: the worker's heartbeat row {name} is held by {other.Holder}");
            }

            return new WorkerLease(store, name, token, time);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private async Task RenewLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Ttl / 3, _time, _stop.Token);
                await _store.RenewLockAsync(_name, _token, Ttl, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (System.Data.Common.DbException)
            {
                // The database busy or restarting: the next third of the TTL tries again, before the row lapses.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        try
        {
            await _store.ReleaseLockAsync(_name, _token, CancellationToken.None);
        }
        catch (System.Data.Common.DbException)
        {
            // Not deleted: the row lapses after its TTL.
        }
        finally
        {
            await _store.DisposeAsync();
            _stop.Dispose();
        }
    }
}
