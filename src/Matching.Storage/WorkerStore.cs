using System.Globalization;
using Dapper;
using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// The leases behind the workers and the run lock (<c>run_lock</c>): which workers are running and the
/// taking, renewing and releasing of a lease (<see cref="RunLock"/>, <see cref="WorkerLease"/>, <see cref="HeldLease"/>).
/// </summary>
public sealed class WorkerStore
{
    private readonly StoreContext _db;
    private readonly ISqlDialect _dialect;

    internal WorkerStore(StoreContext db)
    {
        _db = db;
        _dialect = db.Dialect;
    }

    /// <summary>The workers whose heartbeat row has not lapsed, oldest first.</summary>
    public async Task<IReadOnlyList<RunningWorker>> RunningAsync(CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var rows = await _db.Connection.QueryAsync<(string Name, string Holder, string Since, string Expires)>(new CommandDefinition(
            "SELECT name, holder, acquired_at, expires_at FROM run_lock WHERE name LIKE @prefix AND expires_at >= @now ORDER BY acquired_at",
            new { prefix = WorkerLease.Prefix + "%", now = StoredTime.Format(_db.Time.GetUtcNow()) }, cancellationToken: cancellationToken));
        var workers = new List<RunningWorker>();
        foreach (var (name, holder, since, expires) in rows)
        {
            // worker:<host>:<pid>; the host may itself hold a colon, the pid never does.
            var last = name.LastIndexOf(':');
            if (last <= WorkerLease.Prefix.Length || StoredTime.Parse(since) is not { } started || StoredTime.Parse(expires) is not { } until
                || !int.TryParse(name.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            workers.Add(new RunningWorker(name[WorkerLease.Prefix.Length..last], pid, holder, started, until - WorkerLease.Ttl));
        }

        return workers;
    }

    /// <summary>Deletes the lease row <paramref name="name"/> whoever holds it: for a name only one live process can own.</summary>
    internal Task DropLeaseAsync(string name, CancellationToken cancellationToken) =>
        _db.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM run_lock WHERE name = @name", new { name }, cancellationToken: cancellationToken));

    /// <summary>
    /// Takes lock <paramref name="name"/> for <paramref name="holder"/> unless someone else holds it unexpired.
    /// Returns null when taken, else who holds it, since when and until when.
    /// </summary>
    internal async Task<(string Holder, string Since, string Expires)?> TryTakeLockAsync(
        string name, string holder, string token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var now = _db.Time.GetUtcNow();
        await using var transaction = await _db.Connection.BeginTransactionAsync(cancellationToken);
        await _db.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM run_lock WHERE name = @name AND expires_at < @now",
            new { name, now = Iso(now) }, transaction, cancellationToken: cancellationToken));
        await _db.Connection.ExecuteAsync(new CommandDefinition(
            _dialect.TakeLock,
            new { name, holder, token, now = Iso(now), expires = Iso(now + ttl) }, transaction, cancellationToken: cancellationToken));
        var current = await _db.Connection.QuerySingleAsync<(string Holder, string Token, string Since, string Expires)>(new CommandDefinition(
            "SELECT holder, token, acquired_at, expires_at FROM run_lock WHERE name = @name",
            new { name }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return current.Token == token ? null : (current.Holder, current.Since, current.Expires);
    }

    internal Task RenewLockAsync(string name, string token, TimeSpan ttl, CancellationToken cancellationToken) =>
        _db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE run_lock SET expires_at = @expires WHERE name = @name AND token = @token",
            new { name, token, expires = Iso(_db.Time.GetUtcNow() + ttl) }, cancellationToken: cancellationToken));

    internal Task ReleaseLockAsync(string name, string token, CancellationToken cancellationToken) =>
        _db.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM run_lock WHERE name = @name AND token = @token", new { name, token }, cancellationToken: cancellationToken));

    private static string Iso(DateTimeOffset time) => StoredTime.Format(time);
}
