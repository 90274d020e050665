using System.CommandLine;
using System.Globalization;
using Matching.Cli.Localization;
using Matching.Cli.Rules;
using Matching.Cli.Worker;
using Matching.Core.Departments;
using Matching.Core.Localization;
using Matching.Core.Rules;
using Matching.Storage;
using Quartz;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching status</c>: what an operator checks in the morning: the population loaded, who holds the run lock,
/// the last runs (start, end, outcome, counts by code), pending batches, batches withdrawn this week, the rules held
/// back by the data in use (<see cref="BatchGap"/>), and recent failures (failed or interrupted runs, refused imports).
/// Times are the bureau's, to the minute.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CommandGuard guard)
    {
        var runs = new Option<int>("--runs") { Description = Text.Get("HelpStatus_runs"), DefaultValueFactory = _ => 5 };
        var jobs = new Option<string>("--jobs") { Description = Text.Get("HelpStatus_jobs"), DefaultValueFactory = _ => Path.Combine("jobs", "worker.json") };
        var command = new Command("status", Text.Get("HelpStatus_command"));
        command.Options.Add(runs);
        command.Options.Add(jobs);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(runs), parse.GetValue(jobs)!, t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, int runCount, string jobsFile, CancellationToken cancellationToken)
    {
        var write = context.Out;
        await using var store = await context.OpenStoreAsync(cancellationToken);
        await store.RequireSchemaAsync(cancellationToken);
        var (households, members) = await store.Population.CountActiveAsync(cancellationToken);
        var lowIncome = await store.Batches.LastLowIncomeAsync(cancellationToken);
        await write.WriteLineAsync(lowIncome is null
            ? Text.Get("StatusLowIncomeEmpty")
            : Text.Format("StatusLowIncome", households, members, lowIncome.BatchId, DisplayText.Escape(lowIncome.FileName), context.Clock.Show(lowIncome.ImportedAt)));
        var holder = await store.Runs.LockHolderAsync(cancellationToken);
        await write.WriteLineAsync(holder is { } h ? Text.Format("StatusLockHeld", DisplayText.Escape(h.Holder), context.Clock.Show(h.Since)) : Text.Get("StatusLockFree"));

        var runs = await store.Runs.RecentAsync(Math.Max(1, runCount), cancellationToken);
        await write.WriteLineAsync();
        await write.WriteLineAsync(runs.Count == 0 ? Text.Get("StatusNoRuns") : Text.Format("StatusRuns", runs.Count));
        foreach (var run in runs)
        {
            await write.WriteLineAsync(Text.Format("StatusRunLine", run.RunId, OutcomeText(run.Outcome), run.AsOf, context.Clock.Show(run.StartedAt),
                run.FinishedAt is null ? "—" : context.Clock.Show(run.FinishedAt), DisplayText.Escape(run.Operator), run.Batches, run.Records.ToString("N0", CultureInfo.InvariantCulture)));
            if (run.Counts.Count > 0)
            {
                string Count(WarningStatus status, Func<RunCount, int> count) => string.Create(CultureInfo.InvariantCulture, $"{status.Text()} {run.Counts.Sum(count)}");
                var byStatus = TextList.Join([Count(WarningStatus.New, c => c.New), Count(WarningStatus.Continuing, c => c.Continuing),
                    Count(WarningStatus.Closed, c => c.Closed), Count(WarningStatus.Resolved, c => c.Resolved)]);
                var byCode = TextList.Join(run.Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Code} {c.Found}")));
                await write.WriteLineAsync(Text.Format("StatusRunFound", run.Counts.Sum(c => c.Found), byStatus, byCode));
            }

            if (run.Error is not null)
            {
                await write.WriteLineAsync($"    {DisplayText.Escape(run.Error)}");
            }
        }

        var counting = await store.Batches.CountingAsync(context.HeaderMaps.Ledgers, cancellationToken);
        var pending = counting.Where(b => b.IsPending).ToList();
        await write.WriteLineAsync();
        await write.WriteLineAsync(pending.Count == 0 ? Text.Get("StatusNoPending") : Text.Format("StatusPending", pending.Count));
        foreach (var batch in pending)
        {
            await write.WriteLineAsync(Text.Format("StatusPendingBatch", batch.BatchId, batch.Department, DisplayText.Escape(batch.FileName), context.Clock.Show(batch.ImportedAt)));
        }

        var week = context.Time.GetUtcNow().AddDays(-7);
        var withdrawn = (await store.Batches.ListAsync(null, context.HeaderMaps.Ledgers, cancellationToken))
            .Where(b => b.State == BatchState.Withdrawn && StoredTime.Parse(b.WithdrawnAt) is { } at && at >= week)
            .ToList();
        await write.WriteLineAsync();
        await write.WriteLineAsync(withdrawn.Count == 0 ? Text.Get("StatusNoWithdrawn") : Text.Get("StatusWithdrawn"));
        foreach (var batch in withdrawn)
        {
            await write.WriteLineAsync(
                $"  batch {batch.BatchId}: {batch.Department} {DisplayText.Escape(batch.FileName)}, withdrawn {context.Clock.Show(batch.WithdrawnAt)} by {DisplayText.Escape(batch.WithdrawnBy)}: {DisplayText.Escape(batch.WithdrawReason)}");
        }

        var gaps = BatchGap.Of(lowIncome, counting);
        await write.WriteLineAsync();
        if (gaps.Count == 0)
        {
            await write.WriteLineAsync(Text.Get("StatusNoGaps"));
        }
        else
        {
            await BatchGap.WriteAsync(write, gaps);
        }

        var refusals = await store.Batches.RecentRefusalsAsync(week, cancellationToken);
        var failedRuns = runs.Where(r => r.Outcome is RunOutcome.Failed or RunOutcome.Interrupted).ToList();
        await write.WriteLineAsync();
        await write.WriteLineAsync(refusals.Count + failedRuns.Count == 0 ? Text.Get("StatusNoFailures") : Text.Get("StatusFailures"));
        foreach (var run in failedRuns)
        {
            await write.WriteLineAsync(Text.Format("StatusFailedRun", run.RunId, OutcomeText(run.Outcome), context.Clock.Show(run.StartedAt), DisplayText.Escape(run.Error)));
        }

        foreach (var (at, kind, department, fileName, error) in refusals)
        {
            await write.WriteLineAsync(Text.Format("StatusRefusal", context.Clock.Show(at), kind == SourceCodes.LowIncome ? SourceCodes.LowIncome : department, DisplayText.Escape(fileName), DisplayText.Escape(error)));
        }

        // A next firing means something only while a worker runs to fire it.
        var workers = await store.Workers.RunningAsync(cancellationToken);
        await write.WriteLineAsync();
        if (workers.Count == 0)
        {
            await write.WriteLineAsync(Text.Get("StatusNoWorker"));
            return CliApp.Ok;
        }

        await write.WriteLineAsync(Text.Format("StatusWorkers", workers.Count));
        foreach (var worker in workers)
        {
            await write.WriteLineAsync(Text.Format("StatusWorker",
                DisplayText.Escape(worker.Host), worker.Pid, context.Clock.Show(worker.Started), context.Clock.Show(worker.LastSeen), DisplayText.Escape(worker.Holder)));
        }

        await write.WriteLineAsync(NextFiring(context, jobsFile));
        return CliApp.Ok;
    }

    /// <summary>The next firing of the nightly job by the worker's schedule (the schedule, not whether a worker is up).</summary>
    private static string NextFiring(CliContext context, string jobsFile)
    {
        if (!File.Exists(jobsFile))
        {
            return Text.Format("StatusNoSchedule", jobsFile);
        }

        var settings = WorkerSettings.Load(jobsFile, context.Settings.Worker.TimeZone);
        var now = context.Time.GetUtcNow();
        string Next(string cron) =>
            new CronExpression(cron, settings.Zone).GetNextValidTimeAfter(now) is { } next ? context.Clock.Show(next) : Text.Get("StatusNever");
        var imports = string.Concat(settings.ImportCrons.Select(i => Text.Format("StatusNextImport", i.Key, Next(i.Value))));
        return Text.Format("StatusNextFiring", Next(settings.NightlyCron), settings.Zone.Id, settings.NightlyCron, jobsFile, imports);
    }

    private static string OutcomeText(RunOutcome outcome) => Text.Get("RunOutcome_" + outcome.Text());
}
