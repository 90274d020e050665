using Dapper;
using Matching.Storage.Localization;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>
    /// Deletes what is past retention, one transaction per table. <c>source_record</c>: every stored row of a
    /// department batch superseded or withdrawn before <paramref name="listsBefore"/> (the batch is marked
    /// <c>purged_at</c>, its row kept), and a ledger's events dated before its department's cutoff in
    /// <paramref name="ledgerEventsBefore"/> (an undated event by its batch's import time). Then <c>access_audit</c>:
    /// records older than <paramref name="auditBefore"/>. A null cutoff (or a ledger without one) keeps that kind.
    /// With <paramref name="dryRun"/> it only counts.
    /// </summary>
    public async Task<PurgeCounts> PurgeAsync(
        DateTimeOffset? listsBefore, IReadOnlyDictionary<string, DateTimeOffset> ledgerEventsBefore, DateTimeOffset? auditBefore,
        IReadOnlySet<string> ledgers, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledgerEventsBefore);
        var all = await Batches.ListAsync(null, ledgers, cancellationToken);
        var batches = PastRetention(all, listsBefore);
        var events = LedgerCutoffs(all, ledgerEventsBefore);
        var auditCutoff = auditBefore is { } t ? StoredTime.Format(t) : null;
        if (dryRun)
        {
            var records = batches.Count == 0 ? 0 : await _db.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM source_record WHERE {_db.Dialect.AnyOf("batch_id", "@batches")}", new { batches }, cancellationToken: cancellationToken));
            long old = 0;
            foreach (var cutoff in events)
            {
                old += await _db.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"SELECT COUNT(*) FROM source_record {OldEvents(cutoff)}", cutoff.Parameters, cancellationToken: cancellationToken));
            }

            var audit = auditCutoff is null ? 0 : await _db.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM access_audit WHERE at < @auditCutoff", new { auditCutoff }, cancellationToken: cancellationToken));
            return new PurgeCounts(batches.Count, records, old, audit);
        }

        var now = StoredTime.Format(_db.Time.GetUtcNow());
        var (deleted, deletedEvents) = batches.Count == 0 && events.Count == 0 ? (0L, 0L)
            : await _db.CommitAsync("purge", Text.Get("FailedPurgeRows"), requireSchema: true, async (transaction, token) =>
            {
                long rows = 0;
                if (batches.Count > 0)
                {
                    rows = await _db.Connection.ExecuteAsync(new CommandDefinition(
                        $"DELETE FROM source_record WHERE {_db.Dialect.AnyOf("batch_id", "@batches")}", new { batches }, transaction, cancellationToken: token));
                    await _db.Connection.ExecuteAsync(new CommandDefinition(
                        $"UPDATE import_batch SET purged_at = @now WHERE {_db.Dialect.AnyOf("batch_id", "@batches")}", new { now, batches }, transaction, cancellationToken: token));
                }

                long old = 0;
                foreach (var cutoff in events)
                {
                    old += await _db.Connection.ExecuteAsync(new CommandDefinition(
                        $"DELETE FROM source_record {OldEvents(cutoff)}", cutoff.Parameters, transaction, cancellationToken: token));
                }

                return (rows, old);
            }, cancellationToken);
        var audited = auditCutoff is null ? 0 : await _db.CommitAsync("purge", Text.Get("FailedPurgeAudit"), requireSchema: true, async (transaction, token) =>
            (long)await _db.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM access_audit WHERE at < @auditCutoff", new { auditCutoff }, transaction, cancellationToken: token)), cancellationToken);
        return new PurgeCounts(batches.Count, deleted, deletedEvents, audited);
    }

    /// <summary>One ledger department's old events: its batches still counting, the cutoff day, and its batches imported before it.</summary>
    private sealed record LedgerCutoff(List<long> Batches, int CutoffDay, List<long> ImportedBefore)
    {
        public object Parameters => new { batches = Batches, cutoffDay = CutoffDay, old = ImportedBefore };
    }

    /// <summary>
    /// The WHERE clause of a ledger's old events: dated before the cutoff, or undated (<c>event_day</c> -1: counted by
    /// its file's day of receipt) in a batch imported before it.
    /// </summary>
    private string OldEvents(LedgerCutoff cutoff) => cutoff.ImportedBefore.Count == 0
        ? $"WHERE {_db.Dialect.AnyOf("batch_id", "@batches")} AND event_day >= 0 AND event_day < @cutoffDay"
        : $"WHERE {_db.Dialect.AnyOf("batch_id", "@batches")} AND ((event_day >= 0 AND event_day < @cutoffDay) OR (event_day < 0 AND {_db.Dialect.AnyOf("batch_id", "@old")}))";

    private static List<LedgerCutoff> LedgerCutoffs(IReadOnlyList<BatchRecord> all, IReadOnlyDictionary<string, DateTimeOffset> before)
    {
        var cutoffs = new List<LedgerCutoff>();
        foreach (var (department, at) in before.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var counting = all.Where(b => b.State == BatchState.Counting && b.Department == department && b.PurgedAt is null).ToList();
            if (counting.Count > 0)
            {
                cutoffs.Add(new LedgerCutoff([.. counting.Select(b => b.BatchId)], DateOnly.FromDateTime(at.UtcDateTime).DayNumber,
                    [.. counting.Where(b => StoredTime.Parse(b.ImportedAt) < at).Select(b => b.BatchId)]));
            }
        }

        return cutoffs;
    }

    /// <summary>
    /// The department batches whose stored rows are past retention and still there: a list's batch superseded (by the
    /// first newer batch of its department that accepted rows) or any batch withdrawn, before <paramref name="before"/>.
    /// </summary>
    private static List<long> PastRetention(IReadOnlyList<BatchRecord> all, DateTimeOffset? before)
    {
        var past = new List<long>();
        foreach (var b in all.Where(b => !b.IsLowIncome && b.PurgedAt is null))
        {
            DateTimeOffset? since = b.State switch
            {
                BatchState.Withdrawn => StoredTime.Parse(b.WithdrawnAt),
                BatchState.Superseded => all
                    .Where(n => n.BatchId > b.BatchId && !n.IsLowIncome && n.Department == b.Department && n.Status != BatchStatus.Withdrawn && n.RowsAccepted > 0)
                    .Select(n => StoredTime.Parse(n.ImportedAt)).FirstOrDefault(),
                _ => null,
            };
            if (before is { } c && since is { } s && s < c)
            {
                past.Add(b.BatchId);
            }
        }

        return past;
    }
}
