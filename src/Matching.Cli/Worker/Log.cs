using Microsoft.Extensions.Logging;

namespace Matching.Cli.Worker;

/// <summary>
/// Every log line the worker writes, in one place. File names and counts only: no ID, no name (a refused file's
/// message is the one-line error an operator sees, which masks IDs).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Worker started: nightly job '{Cron}' ({TimeZone}), next firing {Next}; drop folder {Drop}, outbox {Outbox}")]
    public static partial void WorkerStarted(this ILogger logger, string cron, string timeZone, string next, string drop, string outbox);

    [LoggerMessage(2, LogLevel.Information, "{Department}: {File} imported as batch {BatchId} ({Accepted} rows accepted, {Rejected} rejected); archived to {Archived}")]
    public static partial void FileImported(this ILogger logger, string department, string file, long batchId, long accepted, long rejected, string archived);

    [LoggerMessage(3, LogLevel.Information, "{Department}: {File} is identical to batch {BatchId}; archived to {Archived}")]
    public static partial void FileAlreadyImported(this ILogger logger, string department, string file, long batchId, string archived);

    [LoggerMessage(4, LogLevel.Warning, "{Department}: {File} refused and moved to {Rejected}: {Why}")]
    public static partial void FileRefused(this ILogger logger, string department, string file, string rejected, string why);

    [LoggerMessage(5, LogLevel.Information, "Run {RunId} as of {AsOf}: {Found} warnings ({New} new, {Continuing} continuing, {Resolved} resolved)")]
    public static partial void RunFinished(this ILogger logger, long runId, string asOf, int found, int @new, int continuing, int resolved);

    [LoggerMessage(6, LogLevel.Information, "Exported {Count} workbooks into {Outbox}")]
    public static partial void Exported(this ILogger logger, int count, string outbox);

    [LoggerMessage(7, LogLevel.Error, "Job {Job} failed: {Why}; the next firing tries again")]
    public static partial void JobFailed(this ILogger logger, string job, string why);

    [LoggerMessage(8, LogLevel.Error, "Job {Job} failed unexpectedly; the next firing tries again")]
    public static partial void JobCrashed(this ILogger logger, Exception exception, string job);

    [LoggerMessage(9, LogLevel.Warning, "The nightly run of {Missed} was missed while the worker was down (last run started {LastRun}); running it now")]
    public static partial void MissedRun(this ILogger logger, string missed, string lastRun);

    [LoggerMessage(10, LogLevel.Information, "Job {Job} stopped: the worker is shutting down")]
    public static partial void JobCancelled(this ILogger logger, string job);

    [LoggerMessage(11, LogLevel.Information, "Job {Job} fired for {Scheduled} on worker {Instance}{Recovering}")]
    public static partial void JobFired(this ILogger logger, string job, string scheduled, string instance, string recovering);

    [LoggerMessage(12, LogLevel.Warning, "Job {Job} is in the shared schedule but not in this worker's worker.json: removed")]
    public static partial void StaleJobRemoved(this ILogger logger, string job);

    [LoggerMessage(14, LogLevel.Information, "{Department}: reject report for {File} ({Rejected} rows not imported, {IdProblems} IDs to check) written to {Report}")]
    public static partial void RejectReportWritten(this ILogger logger, string department, string file, long rejected, long idProblems, string report);

    [LoggerMessage(15, LogLevel.Information, "Nightly intake: {Count} reject reports written into the departments' outboxes{Reports}")]
    public static partial void RejectReportsWritten(this ILogger logger, int count, string reports);

    [LoggerMessage(13, LogLevel.Warning, "Job {Job}: the shared schedule now follows this worker's worker.json ('{Cron}')")]
    public static partial void ScheduleChanged(this ILogger logger, string job, string cron);

    [LoggerMessage(14, LogLevel.Warning, "{Department}: {File} (batch {BatchId}) holds a rule back: {Gap}")]
    public static partial void ImportRuleGap(this ILogger logger, string department, string file, long batchId, string gap);

    [LoggerMessage(15, LogLevel.Warning, "Run {RunId}: a rule is held back by the data in use: {Gap}")]
    public static partial void RunRuleGap(this ILogger logger, long runId, string gap);

    [LoggerMessage(16, LogLevel.Information, "Retention purge: {Records} stored rows of {Batches} batches, {Audit} access-audit records, {Reports} reject reports deleted")]
    public static partial void Purged(this ILogger logger, long records, int batches, long audit, int reports);
}
