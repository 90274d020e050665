using System.CommandLine;
using System.Globalization;
using Matching.Cli.Rules;
using Matching.Cli.Worker;
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
        var runs = new Option<int>("--runs") { Description = "How many recent runs to list", DefaultValueFactory = _ => 5 };
        var jobs = new Option<string>("--jobs") { Description = "The worker's schedule (default jobs/worker.json)", DefaultValueFactory = _ => Path.Combine("jobs", "worker.json") };
        var command = new Command("status", "Last runs, pending batches, recent failures, next scheduled firing");
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
        var (households, members) = await store.CountActiveAsync(cancellationToken);
        var lowIncome = await store.LastLowIncomeBatchAsync(cancellationToken);
        await write.WriteLineAsync(lowIncome is null
            ? "low-income database: empty (run `matching lowincome import <file>`)"
            : $"low-income database: {households} households, {members} members active (batch {lowIncome.BatchId}, {DisplayText.Escape(lowIncome.FileName)}, loaded {BatchCommand.Local(context, lowIncome.ImportedAt)})");
        var holder = await store.RunLockHolderAsync(cancellationToken);
        await write.WriteLineAsync(holder is { } h ? $"run lock: held by {DisplayText.Escape(h.Holder)} since {BatchCommand.Local(context, h.Since)}" : "run lock: free");

        var runs = await store.RecentRunsAsync(Math.Max(1, runCount), cancellationToken);
        await write.WriteLineAsync();
        await write.WriteLineAsync(runs.Count == 0 ? "runs: none yet (`matching run`)" : $"last {runs.Count} runs:");
        foreach (var run in runs)
        {
            await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  run {run.RunId}: {run.Outcome.Text()}, as of {run.AsOf}, started {BatchCommand.Local(context, run.StartedAt)}, finished {(run.FinishedAt is null ? "—" : BatchCommand.Local(context, run.FinishedAt))}, by {DisplayText.Escape(run.Operator)}, batches [{run.Batches}], {run.Records:N0} records"));
            if (run.Counts.Count > 0)
            {
                var byCode = string.Join(", ", run.Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Code} {c.Found}")));
                await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"    found {run.Counts.Sum(c => c.Found)}: 新增 {run.Counts.Sum(c => c.New)}, 持续 {run.Counts.Sum(c => c.Continuing)}, 已处理 {run.Counts.Sum(c => c.Closed)}, 已解除 {run.Counts.Sum(c => c.Resolved)}; {byCode}"));
            }

            if (run.Error is not null)
            {
                await write.WriteLineAsync($"    {DisplayText.Escape(run.Error)}");
            }
        }

        var counting = await store.CountingBatchesAsync(context.HeaderMaps.Ledgers, cancellationToken);
        var pending = counting.Where(b => b.IsPending).ToList();
        await write.WriteLineAsync();
        await write.WriteLineAsync(pending.Count == 0 ? "pending batches: none" : $"pending batches ({pending.Count}, taken by the next run):");
        foreach (var batch in pending)
        {
            await write.WriteLineAsync($"  batch {batch.BatchId}: {batch.Department} {DisplayText.Escape(batch.FileName)}, imported {BatchCommand.Local(context, batch.ImportedAt)}");
        }

        var week = context.Time.GetUtcNow().AddDays(-7);
        var withdrawn = (await store.BatchesAsync(null, context.HeaderMaps.Ledgers, cancellationToken))
            .Where(b => b.State == BatchState.Withdrawn && DateTimeOffset.TryParse(b.WithdrawnAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at >= week)
            .ToList();
        await write.WriteLineAsync();
        await write.WriteLineAsync(withdrawn.Count == 0 ? "batches withdrawn in the last 7 days: none" : "batches withdrawn in the last 7 days:");
        foreach (var batch in withdrawn)
        {
            await write.WriteLineAsync(
                $"  batch {batch.BatchId}: {batch.Department} {DisplayText.Escape(batch.FileName)}, withdrawn {BatchCommand.Local(context, batch.WithdrawnAt)} by {DisplayText.Escape(batch.WithdrawnBy)}: {DisplayText.Escape(batch.WithdrawReason)}");
        }

        var gaps = BatchGap.Of(lowIncome, counting);
        await write.WriteLineAsync();
        if (gaps.Count == 0)
        {
            await write.WriteLineAsync("rules held back by the data in use: none");
        }
        else
        {
            await RunCommand.PrintGapsAsync(write, gaps);
        }

        var refusals = await store.RecentRefusalsAsync(week, cancellationToken);
        var failedRuns = runs.Where(r => r.Outcome is RunOutcome.Failed or RunOutcome.Interrupted).ToList();
        await write.WriteLineAsync();
        await write.WriteLineAsync(refusals.Count + failedRuns.Count == 0 ? "failures in the last 7 days: none" : "failures in the last 7 days:");
        foreach (var run in failedRuns)
        {
            await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  run {run.RunId} {run.Outcome.Text()} ({BatchCommand.Local(context, run.StartedAt)}): {DisplayText.Escape(run.Error)}"));
        }

        foreach (var (at, kind, department, fileName, error) in refusals)
        {
            await write.WriteLineAsync($"  {BatchCommand.Local(context, at)} {(kind == BatchInfo.LowIncomeKind ? BatchInfo.LowIncomeKind : department)} import of {DisplayText.Escape(fileName)} refused: {DisplayText.Escape(error)}");
        }

        await write.WriteLineAsync();
        await write.WriteLineAsync(NextFiring(context, jobsFile));
        return CliApp.Ok;
    }

    /// <summary>The next firing of the nightly job by the worker's schedule (the schedule, not whether a worker is up).</summary>
    private static string NextFiring(CliContext context, string jobsFile)
    {
        if (!File.Exists(jobsFile))
        {
            return $"next scheduled firing: no schedule ({jobsFile} not found; see `matching worker --help`)";
        }

        var settings = WorkerSettings.Load(jobsFile);
        var cron = new CronExpression(settings.NightlyCron, settings.Zone);
        var next = cron.GetNextValidTimeAfter(context.Time.GetUtcNow());
        var when = settings.Local(next);
        var imports = string.Concat(settings.ImportCrons.Select(i =>
            $"; import {i.Key} next {settings.Local(new CronExpression(i.Value, settings.Zone).GetNextValidTimeAfter(context.Time.GetUtcNow()))}"));
        return $"next scheduled firing: nightly job at {when} ({settings.TimeZone}, `{settings.NightlyCron}` in {jobsFile}){imports}";
    }
}
