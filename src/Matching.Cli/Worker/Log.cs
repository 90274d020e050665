using Matching.Cli.Localization;
using Microsoft.Extensions.Logging;

namespace Matching.Cli.Worker;

/// <summary>
/// Every log line the worker writes, in one place. File names and counts only: no ID, no name (a refused file's
/// message is the one-line error an operator sees, which masks IDs). The templates are the operator's language's
/// (<c>Log*</c> in <c>Strings.resx</c>, English in <c>Strings.en.resx</c>); each language names the same placeholders in
/// the same order, so a structured sink gets the same properties whichever the log is written in.
/// </summary>
internal static class Log
{
    public static void WorkerStarted(this ILogger logger, string cron, string timeZone, string next, string drop, string outbox) =>
        Write(logger, LogLevel.Information, 1, nameof(WorkerStarted), null, cron, timeZone, next, drop, outbox);

    public static void FileImported(this ILogger logger, string department, string file, long batchId, long accepted, long rejected, string archived) =>
        Write(logger, LogLevel.Information, 2, nameof(FileImported), null, department, file, batchId, accepted, rejected, archived);

    public static void FileAlreadyImported(this ILogger logger, string department, string file, long batchId, string archived) =>
        Write(logger, LogLevel.Information, 3, nameof(FileAlreadyImported), null, department, file, batchId, archived);

    public static void FileRefused(this ILogger logger, string department, string file, string rejected, string why) =>
        Write(logger, LogLevel.Warning, 4, nameof(FileRefused), null, department, file, rejected, why);

    public static void RunFinished(this ILogger logger, long runId, string asOf, int found, int @new, int continuing, int resolved) =>
        Write(logger, LogLevel.Information, 5, nameof(RunFinished), null, runId, asOf, found, @new, continuing, resolved);

    public static void Exported(this ILogger logger, int count, string outbox) =>
        Write(logger, LogLevel.Information, 6, nameof(Exported), null, count, outbox);

    public static void JobFailed(this ILogger logger, string job, string why) =>
        Write(logger, LogLevel.Error, 7, nameof(JobFailed), null, job, why);

    public static void JobCrashed(this ILogger logger, Exception exception, string job) =>
        Write(logger, LogLevel.Error, 8, nameof(JobCrashed), exception, job);

    public static void MissedRun(this ILogger logger, string missed, string lastRun) =>
        Write(logger, LogLevel.Warning, 9, nameof(MissedRun), null, missed, lastRun);

    public static void JobCancelled(this ILogger logger, string job) =>
        Write(logger, LogLevel.Information, 10, nameof(JobCancelled), null, job);

    public static void JobFired(this ILogger logger, string job, string scheduled, string instance, string recovering) =>
        Write(logger, LogLevel.Information, 11, nameof(JobFired), null, job, scheduled, instance, recovering);

    public static void StaleJobRemoved(this ILogger logger, string job) =>
        Write(logger, LogLevel.Warning, 12, nameof(StaleJobRemoved), null, job);

    public static void RejectReportWritten(this ILogger logger, string department, string file, long rejected, long idProblems, string report) =>
        Write(logger, LogLevel.Information, 14, nameof(RejectReportWritten), null, department, file, rejected, idProblems, report);

    public static void RejectReportsWritten(this ILogger logger, int count, string reports) =>
        Write(logger, LogLevel.Information, 15, nameof(RejectReportsWritten), null, count, reports);

    public static void ScheduleChanged(this ILogger logger, string job, string cron) =>
        Write(logger, LogLevel.Warning, 13, nameof(ScheduleChanged), null, job, cron);

    public static void ImportRuleGap(this ILogger logger, string department, string file, long batchId, string gap) =>
        Write(logger, LogLevel.Warning, 14, nameof(ImportRuleGap), null, department, file, batchId, gap);

    public static void RunRuleGap(this ILogger logger, long runId, string gap) =>
        Write(logger, LogLevel.Warning, 15, nameof(RunRuleGap), null, runId, gap);

    public static void Purged(this ILogger logger, long records, int batches, long audit, int reports) =>
        Write(logger, LogLevel.Information, 21, nameof(Purged), null, records, batches, audit, reports);

    public static void WorkerAlive(this ILogger logger, string host, int pid, string started) =>
        Write(logger, LogLevel.Information, 16, nameof(WorkerAlive), null, host, pid, started);

    public static void WorkerStopping(this ILogger logger, string signal, int pid) =>
        Write(logger, LogLevel.Information, 17, nameof(WorkerStopping), null, pid, signal);

    public static void WorkerStopped(this ILogger logger, int pid) =>
        Write(logger, LogLevel.Information, 18, nameof(WorkerStopped), null, pid);

    public static void StrayFile(this ILogger logger, string file, string departments) =>
        Write(logger, LogLevel.Warning, 19, nameof(StrayFile), null, file, departments);

    public static void NightlyResult(this ILogger logger, string date, int files, int imported, int identical, int refused, long rows, long accepted, long rejected,
        long runId, int found, int @new, int reports, string reportsWhere, int workbooks, string outbox) =>
        Write(logger, LogLevel.Information, 20, nameof(NightlyResult), null, date, files, imported, identical, refused, rows, accepted, rejected, runId, found, @new, reports, reportsWhere, workbooks, outbox);

    private static void Write(ILogger logger, LogLevel level, int id, string name, Exception? exception, params object?[] args)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }

#pragma warning disable CA2254, CA1848 // The template is a resource, one per language, not built from the values; a few lines a night.
        logger.Log(level, new EventId(id, name), exception, Text.Get("Log" + name), args);
#pragma warning restore CA2254, CA1848
    }
}
