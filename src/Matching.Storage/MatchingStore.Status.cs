using Dapper;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>The last <paramref name="count"/> runs, newest first, with their counts per code.</summary>
    public async Task<IReadOnlyList<RunSummary>> RecentRunsAsync(int count, CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var runs = (await _connection.QueryAsync<RunSummary>(new CommandDefinition(
            $"""
            SELECT run_id AS RunId, started_at AS StartedAt, finished_at AS FinishedAt, as_of AS AsOf, operator AS Operator,
                   outcome AS Outcome, batches AS Batches, records AS Records, error AS Error
            FROM run ORDER BY run_id DESC {_dialect.FirstRows("@count")}
            """, new { count }, cancellationToken: cancellationToken))).ToList();
        var ids = runs.Select(r => r.RunId).ToList();
        var counts = (await _connection.QueryAsync<(long RunId, string Code, int Found, int New, int Continuing, int Closed, int Resolved)>(new CommandDefinition(
            $"SELECT run_id, code, found, new, continuing, closed, resolved FROM run_count WHERE {_dialect.AnyOf("run_id", "@ids")} ORDER BY code",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(c => c.RunId);
        return [.. runs.Select(r => r with { Counts = [.. counts[r.RunId].Select(c => new RunCount(c.Code, c.Found, c.New, c.Continuing, c.Closed, c.Resolved))] })];
    }

    /// <summary>Refused imports (the audit) since <paramref name="since"/>, newest first (at most 20).</summary>
    public async Task<IReadOnlyList<(string At, string Kind, string? Department, string FileName, string Error)>> RecentRefusalsAsync(
        DateTimeOffset since, CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        return [.. await _connection.QueryAsync<(string, string, string?, string, string)>(new CommandDefinition(
            $"""
            SELECT attempted_at, kind, department, file_name, error FROM import_attempt
            WHERE attempted_at >= @since ORDER BY attempt_id DESC {_dialect.FirstRows("20")}
            """, new { since = StoredTime.Format(since) },
            cancellationToken: cancellationToken))];
    }

    /// <summary>Who holds the run lock now, if anyone (expired locks count as free).</summary>
    public async Task<(string Holder, string Since)?> RunLockHolderAsync(CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var now = StoredTime.Format(_time.GetUtcNow());
        var rows = await _connection.QueryAsync<(string Holder, string Since)>(new CommandDefinition(
            "SELECT holder, acquired_at FROM run_lock WHERE name = 'run' AND expires_at >= @now", new { now }, cancellationToken: cancellationToken));
        return rows.Cast<(string, string)?>().FirstOrDefault();
    }
}
