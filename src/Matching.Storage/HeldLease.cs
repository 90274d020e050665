namespace Matching.Storage;

/// <summary>
/// A row of the lock table (<c>run_lock</c>) this process holds: renewed every third of its TTL on its own connection
/// while held, deleted on dispose. What the row is for (the run lock, a worker's heartbeat) is its owner's business;
/// a row left unrenewed by a dead process lapses after its TTL.
/// </summary>
internal sealed class HeldLease : IAsyncDisposable
{
    private readonly MatchingStore _store;
    private readonly string _name;
    private readonly string _token;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    /// <summary>Holds the row <paramref name="name"/> already taken with <paramref name="token"/>; owns <paramref name="store"/>.</summary>
    public HeldLease(MatchingStore store, string name, string token, TimeSpan ttl, TimeProvider time)
    {
        _store = store;
        _name = name;
        _token = token;
        _ttl = ttl;
        _time = time;
        _renewal = RenewLoopAsync();
    }

    private async Task RenewLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_ttl / 3, _time, _stop.Token);
                await _store.Workers.RenewLockAsync(_name, _token, _ttl, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (System.Data.Common.DbException)
            {
                // The database busy past its timeout (a long commit) or restarting: try again at the next third of
                // the TTL, well before the row could lapse.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        try
        {
            await _store.Workers.ReleaseLockAsync(_name, _token, CancellationToken.None);
        }
        catch (System.Data.Common.DbException)
        {
            // The work is done and committed; a row not deleted lapses after its TTL.
        }
        finally
        {
            await _store.DisposeAsync();
            _stop.Dispose();
        }
    }
}
