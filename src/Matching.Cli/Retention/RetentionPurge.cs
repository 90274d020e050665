using System.Globalization;
using Matching.Cli.Audit;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Matching.Cli.Localization;

namespace Matching.Cli.Retention;

/// <summary>What a purge deleted (or would): the database's counts and the reject reports past retention.</summary>
internal sealed record PurgeResult(PurgeCounts Counts, IReadOnlyList<string> RejectReports, bool DryRun);

/// <summary>
/// Deletes the personal data past <c>retention:*</c> (<c>matching purge</c>, and the nightly job when
/// <c>retention:nightly</c>): a superseded or withdrawn list's stored rows, a ledger's events older than its header
/// map's <c>ledger.retentionMonths</c>, old access-audit records
/// (one transaction per table), and old reject reports in <c>rejectsFolder</c>. A real purge is recorded in the access
/// audit with its counts; a dry run only counts and changes nothing.
/// </summary>
internal sealed class RetentionPurge(BureauConfig config, Stores stores, TimeProvider time)
{
    public async Task<PurgeResult> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var retention = config.Settings.Retention;
        var now = time.GetUtcNow();
        DateTimeOffset? YearsAgo(int? years) => years is { } y ? now.AddYears(-y) : null;

        await using var store = await stores.OpenAsync(cancellationToken);
        await store.RequireSchemaAsync(cancellationToken);
        // A ledger's events are kept as its header map says (ledger.retentionMonths, default 60).
        var maps = config.HeaderMaps;
        var ledgerCutoffs = maps.Ledgers.ToDictionary(d => d, d => now.AddMonths(-(maps.Get(d).Ledger ?? new LedgerOptions()).RetentionMonths), StringComparer.Ordinal);
        var counts = await store.PurgeAsync(YearsAgo(retention.SourceRecordsYears), ledgerCutoffs, YearsAgo(retention.AuditYears),
            maps.Ledgers, dryRun, cancellationToken);
        var reports = OldReports(retention.RejectReportsDays is { } days ? now.AddDays(-days) : null);
        if (dryRun)
        {
            return new PurgeResult(counts, reports, DryRun: true);
        }

        foreach (var report in reports)
        {
            File.Delete(report);
        }

        var audit = new AccessAudit(stores, time);
        await AccessAudit.RecordAsync(store, audit.New("purge", fullIds: false) with
        {
            SubjectCount = counts.SourceRecords + counts.LedgerEvents,
            Detail = Text.Format("AuditDetailPurge", counts.Batches, counts.SourceRecords, counts.LedgerEvents, counts.AuditRecords, reports.Count),
        }, cancellationToken);
        return new PurgeResult(counts, reports, DryRun: false);
    }

    /// <summary>The reject reports (<c>*.rejects.xlsx</c>) under <c>rejectsFolder</c> last written before <paramref name="before"/>.</summary>
    private List<string> OldReports(DateTimeOffset? before)
    {
        var folder = config.Settings.RejectsFolder;
        if (before is not { } cutoff || !Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.rejects.xlsx", SearchOption.AllDirectories)
            .Where(f => File.GetLastWriteTimeUtc(f) < cutoff.UtcDateTime)
            .Order(StringComparer.Ordinal)];
    }
}
