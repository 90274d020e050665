using System.Globalization;
using Matching.Cli.Audit;
using Matching.Cli.Exports;
using Matching.Cli.Localization;
using Matching.Cli.Retention;
using Matching.Cli.Rules;
using Matching.Core.Localization;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Matching.Cli.Worker;

/// <summary>
/// The nightly job: import every stable dropped file of every department, run matching and the rules (holding the
/// run lock), and export each receiver's workbook into <c>&lt;outbox&gt;/&lt;receiver&gt;/&lt;date&gt;/</c>.
/// Idempotent: an imported file is archived, the same bytes again are skipped, a second run the same day only moves
/// warnings along. A failure is logged and left to the next firing.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class NightlyJob(
    Intake intake, WarningRun run, WarningExport export, AccessAudit audit, RetentionPurge purge, BureauConfig config, TimeProvider time,
    WorkerSettings settings, ILogger<NightlyJob> log) : IJob
{
    public static readonly JobKey Key = new("nightly", "matching");

    public async ValueTask Execute(IJobExecutionContext jobContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobContext);
        log.JobFired(Key.Name, jobContext.ScheduledFireTimeUtc is { } fire ? settings.Local(fire) : "now", jobContext.Scheduler.SchedulerInstanceId,
            jobContext.Recovering ? Text.Get("LogRecovering") : string.Empty);
        await JobGuard.RunAsync(log, Key.Name, () => RunAsync(cancellationToken));
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var tally = new IntakeTally();
        await intake.ImportAllAsync(cancellationToken, tally);
        var reports = tally.Reports;
        log.RejectReportsWritten(reports.Count, reports.Count == 0 ? string.Empty : Text.Format("LogReportsList", TextList.Join(reports.Select(r => DisplayText.Escape(r)))));
        var today = BureauClock.Today(time);
        var result = await run.RunAsync(today, cancellationToken);
        log.RunFinished(result.RunId, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), result.Counts.Sum(c => c.Found), result.Counts.Sum(c => c.New),
            result.Counts.Sum(c => c.Continuing), result.Counts.Sum(c => c.Resolved));
        foreach (var gap in result.Gaps)
        {
            log.RunRuleGap(result.RunId, gap.Describe());
        }

        var date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var workbooks = await export.ExportAsync(
            receiver => Path.Combine(settings.Outbox, receiver, date, receiver + ".xlsx"),
            Path.Combine(settings.Outbox, "civil-affairs", date, WarningExport.OverviewFile),
            mask: false, since: null, cancellationToken);

        // One access-audit record per outbox workbook; one that cannot be recorded is taken out of the outbox again.
        foreach (var workbook in workbooks)
        {
            await audit.RecordOutputAsync(audit.New("nightly export", fullIds: !workbook.Masked) with
            {
                SubjectCount = workbook.Warnings, OutputPath = Path.GetFullPath(workbook.Path), Detail = workbook.Receiver,
            }, [workbook.Path], cancellationToken);
        }

        log.Exported(workbooks.Count, settings.Outbox);
        if (config.Settings.Retention.Nightly)
        {
            var purged = await purge.RunAsync(dryRun: false, cancellationToken);
            log.Purged(purged.Counts.SourceRecords + purged.Counts.LedgerEvents, purged.Counts.Batches, purged.Counts.AuditRecords, purged.RejectReports.Count);
        }
        var folders = reports.Select(r => DisplayText.Escape(Path.GetDirectoryName(Path.GetFullPath(r)) ?? r)).Distinct(StringComparer.Ordinal).ToList();
        log.NightlyResult(date, tally.Files, tally.Imported, tally.Identical, tally.Refused, tally.RowsRead, tally.Accepted, tally.Rejected,
            result.RunId, result.Counts.Sum(c => c.Found), result.Counts.Sum(c => c.New), reports.Count,
            folders.Count == 0 ? string.Empty : Text.Format("LogReportsIn", TextList.Join(folders)), workbooks.Count, DisplayText.Escape(Path.GetFullPath(settings.Outbox)));
    }
}
