using System.Globalization;
using Dapper;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>The workers whose heartbeat row has not lapsed, oldest first.</summary>
    public async Task<IReadOnlyList<RunningWorker>> RunningWorkersAsync(CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var rows = await _connection.QueryAsync<(string Name, string Holder, string Since, string Expires)>(new CommandDefinition(
            "SELECT name, holder, acquired_at, expires_at FROM run_lock WHERE name LIKE @prefix AND expires_at >= @now ORDER BY acquired_at",
            new { prefix = WorkerLease.Prefix + "%", now = StoredTime.Format(_time.GetUtcNow()) }, cancellationToken: cancellationToken));
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
        _connection.ExecuteAsync(new CommandDefinition("DELETE FROM run_lock WHERE name = @name", new { name }, cancellationToken: cancellationToken));
}
