using Dapper;
using Matching.Core.Rules;
using Matching.Core.Tables;
using Matching.Storage.Dialects;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>
/// The warning runs (<c>run</c>, <c>run_count</c>): each run's start, failure or completion (which writes its warnings
/// in one transaction), the recent runs <c>matching status</c> shows, and who holds the run lock.
/// </summary>
public sealed class RunStore
{
    private readonly StoreContext _db;
    private readonly ISqlDialect _dialect;
    private readonly BatchStore _batches;

    internal RunStore(StoreContext db, BatchStore batches)
    {
        _db = db;
        _dialect = db.Dialect;
        _batches = batches;
    }

    /// <summary>
    /// Records the start of a run (committed at once, so that a run that dies is still on record). Call it holding
    /// the run lock: any other run still marked running then died, and is marked interrupted (its batches stay
    /// pending, so this run picks them up).
    /// </summary>
    public async Task<long> BeginAsync(DateOnly asOf, string operatorName, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        await _db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE run SET outcome = @interrupted, error = 'the process stopped before the run finished' WHERE outcome = @running",
            new { interrupted = RunOutcome.Interrupted.Text(), running = RunOutcome.Running.Text() }, cancellationToken: cancellationToken));
        var lowIncome = await _batches.LastLowIncomeAsync(cancellationToken);
        return await _db.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            _dialect.InsertReturning("run", "started_at, as_of, operator, lowincome_batch_id", "@startedAt, @asOf, @operatorName, @lowIncome", "run_id"),
            new { startedAt = _db.Now(), asOf = StoredDate.Format(asOf), operatorName, lowIncome = lowIncome?.BatchId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Marks a run failed with the one-line message the operator saw (IDs masked by the caller).</summary>
    public Task FailAsync(long runId, string error, CancellationToken cancellationToken) =>
        _db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE run SET outcome = @failed, finished_at = @finishedAt, error = @error WHERE run_id = @runId",
            new { failed = RunOutcome.Failed.Text(), finishedAt = _db.Now(), error, runId }, cancellationToken: cancellationToken));

    /// <summary>
    /// Ends a run in one transaction: every warning found moves along its lifecycle (<see cref="WarningLifecycle"/>),
    /// every open warning not found is resolved, each change is an event, the batches used become processed, and the
    /// counts per code are stored and returned. A transient fault starts the transaction over, enumerating
    /// <paramref name="found"/> again (a run's warnings are made as they are taken: <see cref="RuleRun.Finish"/>).
    /// </summary>
    public async Task<IReadOnlyList<RunCount>> CompleteAsync(
        long runId, DateOnly asOf, IEnumerable<Warning> found, IReadOnlyList<long> batches, long records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(batches);
        // The foreign keys unchecked: the warnings refer to this run (on record since BeginAsync) and their events to
        // them. Checked, SQLite journals each statement of 32 new warnings to a temporary file in case one breaks a key
        // halfway (a first run of 325k warnings: 670k writes instead of 48k).
        return await _db.UncheckedLoadAsync(checkpoints: true, () => _db.CommitAsync("run completion", Text.Format("FailedRun", runId), requireSchema: false, async (transaction, token) =>
        {
            var counts = await new WarningWriter(_dialect, _db.Connection, transaction, runId, StoredDate.Format(asOf), _db.Now()).WriteAsync(found, token);
            foreach (var batchId in batches)
            {
                await _db.Connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE import_batch SET status = @processed WHERE batch_id = @batchId AND status = @pending",
                    new { batchId, processed = BatchStatus.Processed.Text(), pending = BatchStatus.Pending.Text() }, transaction, cancellationToken: token));
            }

            await _db.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO run_count (run_id, code, found, new, continuing, closed, resolved) VALUES (@runId, @Code, @Found, @New, @Continuing, @Closed, @Resolved)",
                counts.Select(c => new { runId, c.Code, c.Found, c.New, c.Continuing, c.Closed, c.Resolved }), transaction,
                cancellationToken: token));
            await _db.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE run SET outcome = @succeeded, finished_at = @finishedAt, batches = @used, records = @records WHERE run_id = @runId",
                new { succeeded = RunOutcome.Succeeded.Text(), finishedAt = _db.Now(), used = string.Join(',', batches), records, runId }, transaction, cancellationToken: token));
            return counts;
        }, cancellationToken), cancellationToken);
    }

    /// <summary>The last <paramref name="count"/> runs, newest first, with their counts per code.</summary>
    public async Task<IReadOnlyList<RunSummary>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var runs = (await _db.Connection.QueryAsync<RunSummary>(new CommandDefinition(
            $"""
            SELECT run_id AS RunId, started_at AS StartedAt, finished_at AS FinishedAt, as_of AS AsOf, operator AS Operator,
                   outcome AS Outcome, batches AS Batches, records AS Records, error AS Error
            FROM run ORDER BY run_id DESC {_dialect.FirstRows("@count")}
            """, new { count }, cancellationToken: cancellationToken))).ToList();
        var ids = runs.Select(r => r.RunId).ToList();
        var counts = (await _db.Connection.QueryAsync<(long RunId, string Code, int Found, int New, int Continuing, int Closed, int Resolved)>(new CommandDefinition(
            $"SELECT run_id, code, found, new, continuing, closed, resolved FROM run_count WHERE {_dialect.AnyOf("run_id", "@ids")} ORDER BY code",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(c => c.RunId);
        return [.. runs.Select(r => r with { Counts = [.. counts[r.RunId].Select(c => new RunCount(c.Code, c.Found, c.New, c.Continuing, c.Closed, c.Resolved))] })];
    }

    /// <summary>Who holds the run lock now, if anyone (expired locks count as free).</summary>
    public async Task<(string Holder, string Since)?> LockHolderAsync(CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var now = StoredTime.Format(_db.Time.GetUtcNow());
        var rows = await _db.Connection.QueryAsync<(string Holder, string Since)>(new CommandDefinition(
            "SELECT holder, acquired_at FROM run_lock WHERE name = 'run' AND expires_at >= @now", new { now }, cancellationToken: cancellationToken));
        return rows.Cast<(string, string)?>().FirstOrDefault();
    }
}
