using System.Globalization;
using Matching.Core.Errors;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>
/// The one-run-at-a-time lock, held in the database so that it works across processes and machines: a second
/// <c>matching run</c> (or the nightly job) waits up to a configured time for it, then fails naming who holds it and
/// since when. The holder renews it while it works; a lock whose holder stopped renewing (a killed process) expires.
/// </summary>
public sealed class RunLock : IAsyncDisposable
{
    private const string Name = "run";
    private readonly HeldLease _lease;

    private RunLock(HeldLease lease) => _lease = lease;

    /// <summary>Who holds the lock, as stored: <c>user@host pid N</c>.</summary>
    public static string Me => $"{Environment.UserName}@{Environment.MachineName} pid {Environment.ProcessId}";

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for its holder to finish.</summary>
    /// <param name="options">The database; the lock keeps a connection of its own, so renewing never shares the run's.</param>
    /// <param name="ttl">How long the lock lasts unless renewed (renewed every third of it while held).</param>
    /// <param name="wait">How long to wait for another holder.</param>
    /// <param name="time">The clock: of the lease, the wait and the renewals.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <exception cref="MatchingException">Still held by someone else after <paramref name="wait"/>.</exception>
    public static async Task<RunLock> AcquireAsync(StorageOptions options, TimeSpan ttl, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var store = await MatchingStore.OpenAsync(options, time, cancellationToken);
        var token = Guid.NewGuid().ToString("N");
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            (string Holder, string Since, string Expires)? holder;
            try
            {
                holder = await store.Workers.TryTakeLockAsync(Name, Me, token, ttl, cancellationToken);
            }
            catch (System.Data.Common.DbException ex)
            {
                await store.DisposeAsync();
                throw new MatchingException(Text.Format("RunLockFailed", ConnectionSecrets.Mask(ex.Message)), ex);
            }
            catch
            {
                await store.DisposeAsync();
                throw;
            }

            if (holder is null)
            {
                return new RunLock(new HeldLease(store, Name, token, ttl, time));
            }

            if (time.GetUtcNow() >= deadline)
            {
                await store.DisposeAsync();
                throw new MatchingException(Text.Format("RunLockHeld",
                    holder.Value.Holder, Local(holder.Value.Since, time), wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture), Local(holder.Value.Expires, time)));
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(2, Math.Max(0.05, wait.TotalSeconds / 10))), time, cancellationToken);
            }
            catch
            {
                await store.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>A stored time as a person reads it: on <paramref name="time"/>'s local clock (the CLI's is the bureau's), with its offset.</summary>
    private static string Local(string stored, TimeProvider time) => StoredTime.Parse(stored) is { } at
        ? TimeZoneInfo.ConvertTime(at, time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)
        : stored;

    public ValueTask DisposeAsync() => _lease.DisposeAsync();
}
