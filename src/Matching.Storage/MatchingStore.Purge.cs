using System.Globalization;
using Dapper;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>
    /// Deletes what is past retention, one transaction per table: the stored rows (<c>source_record</c>) of
    /// department batches superseded or withdrawn before <paramref name="listsBefore"/> and of ledger batches imported
    /// or withdrawn before <paramref name="ledgersBefore"/> (each batch marked <c>purged_at</c>, its row kept); then
    /// access-audit records older than <paramref name="auditBefore"/>. A null cutoff keeps that kind. With
    /// <paramref name="dryRun"/> it only counts.
    /// </summary>
    public async Task<PurgeCounts> PurgeAsync(
        DateTimeOffset? listsBefore, DateTimeOffset? ledgersBefore, DateTimeOffset? auditBefore, IReadOnlySet<string> ledgers, bool dryRun,
        CancellationToken cancellationToken)
    {
        var batches = PastRetention(await BatchesAsync(null, ledgers, cancellationToken), listsBefore, ledgersBefore, ledgers);
        var auditCutoff = auditBefore?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        if (dryRun)
        {
            var records = batches.Count == 0 ? 0 : await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM source_record WHERE batch_id IN @batches", new { batches }, cancellationToken: cancellationToken));
            var audit = auditCutoff is null ? 0 : await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM access_audit WHERE at < @auditCutoff", new { auditCutoff }, cancellationToken: cancellationToken));
            return new PurgeCounts(batches.Count, records, audit);
        }

        var now = _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var deleted = batches.Count == 0 ? 0 : await CommitAsync("purge", "the purge of stored rows failed", requireSchema: true, async (transaction, token) =>
        {
            var rows = await _connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM source_record WHERE batch_id IN @batches", new { batches }, transaction, cancellationToken: token));
            await _connection.ExecuteAsync(new CommandDefinition(
                "UPDATE import_batch SET purged_at = @now WHERE batch_id IN @batches", new { now, batches }, transaction, cancellationToken: token));
            return (long)rows;
        }, cancellationToken);
        var audited = auditCutoff is null ? 0 : await CommitAsync("purge", "the purge of the access audit failed", requireSchema: true, async (transaction, token) =>
            (long)await _connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM access_audit WHERE at < @auditCutoff", new { auditCutoff }, transaction, cancellationToken: token)), cancellationToken);
        return new PurgeCounts(batches.Count, deleted, audited);
    }

    /// <summary>
    /// The department batches whose stored rows are past retention and still there: a list's batch superseded (by the
    /// first newer batch of its department that accepted rows) or withdrawn before <paramref name="listsBefore"/>; a
    /// ledger's batch imported or withdrawn before <paramref name="ledgersBefore"/>.
    /// </summary>
    private static List<long> PastRetention(IReadOnlyList<BatchRecord> all, DateTimeOffset? listsBefore, DateTimeOffset? ledgersBefore, IReadOnlySet<string> ledgers)
    {
        static DateTimeOffset? At(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

        var past = new List<long>();
        foreach (var b in all.Where(b => !b.IsLowIncome && b.PurgedAt is null))
        {
            var ledger = ledgers.Contains(b.Department ?? string.Empty);
            var cutoff = ledger ? ledgersBefore : listsBefore;
            DateTimeOffset? since = b.State switch
            {
                BatchState.Withdrawn => At(b.WithdrawnAt),
                BatchState.Counting => At(b.ImportedAt),
                BatchState.Superseded => all
                    .Where(n => n.BatchId > b.BatchId && !n.IsLowIncome && n.Department == b.Department && n.Status != BatchStatus.Withdrawn && n.RowsAccepted > 0)
                    .Select(n => At(n.ImportedAt)).FirstOrDefault(),
                _ => null,
            };
            if (cutoff is { } c && since is { } s && s < c)
            {
                past.Add(b.BatchId);
            }
        }

        return past;
    }
}
