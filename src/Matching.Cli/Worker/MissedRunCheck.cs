using Matching.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Matching.Cli.Worker;

/// <summary>
/// At start-up: if the nightly firing before now came and went with no run after it (the worker was down), the
/// nightly job runs once now, never twice: later firings follow the schedule. A database without any run yet
/// waits for its first firing. (SQLite only: a server database's shared schedule remembers misfires itself.)
/// </summary>
internal sealed class MissedRunCheck(Stores stores, TimeProvider time, WorkerSettings settings, ISchedulerFactory schedulers, ILogger<MissedRunCheck> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cron = new CronExpression(settings.NightlyCron, settings.Zone);
        var now = time.GetUtcNow();
        log.WorkerStarted(settings.NightlyCron, settings.Zone.Id, settings.Local(cron.GetNextValidTimeAfter(now)), DisplayText.Escape(Path.GetFullPath(settings.Folders.Drop)),
            DisplayText.Escape(Path.GetFullPath(settings.Outbox)));
        if (WorkerHost.SharesSchedule(stores.Storage) || cron.GetPreviousValidTimeBefore(now) is not { } previous)
        {
            // On a server database the schedule is stored and shared: Quartz's misfire handling already runs a night
            // missed while every worker was down, once. Only the in-memory schedule of SQLite starts blank.
            return;
        }

        await using var store = await stores.OpenAsync(cancellationToken);
        var runs = await store.Runs.RecentAsync(1, cancellationToken);
        var last = runs.Count > 0 ? runs[0] : null;
        if (last is null || StoredTime.Parse(last.StartedAt) is not { } started || started >= previous)
        {
            return;
        }

        log.MissedRun(settings.Local(previous), settings.Local(started));
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(NightlyJob.Key, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
