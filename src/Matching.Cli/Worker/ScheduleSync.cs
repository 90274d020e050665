using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Matching.Cli.Worker;

/// <summary>
/// On a server database the schedule is stored and shared. A starting worker never replaces what is stored (a
/// replacement racing a firing another worker has just taken made that firing run twice); instead, at start-up, this
/// brings the stored schedule to the worker's worker.json: a cron or time zone that changed is rescheduled, and a
/// stored Matching job the file no longer lists (a department's import cron taken out) is removed. Give every worker
/// the same file.
/// </summary>
internal sealed class ScheduleSync(WorkerSettings settings, ISchedulerFactory schedulers, ILogger<ScheduleSync> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var configured = WorkerHost.Jobs(settings).ToList();
        var keys = configured.Select(j => j.Job).ToHashSet();
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(WorkerHost.Group), cancellationToken))
        {
            if (!keys.Contains(key))
            {
                await scheduler.DeleteJob(key, cancellationToken);
                log.StaleJobRemoved(key.Name);
            }
        }

        foreach (var (job, trigger, cron) in configured)
        {
            if (await scheduler.GetTrigger(trigger, cancellationToken) is ICronTrigger stored
                && (stored.CronExpressionString != cron || stored.TimeZone.Id != settings.Zone.Id))
            {
                await scheduler.RescheduleJob(trigger, TriggerBuilder.Create().WithIdentity(trigger).ForJob(job)
                    .WithCronSchedule(cron, c => c.InTimeZone(settings.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                    .Build(), cancellationToken);
                log.ScheduleChanged(job.Name, cron);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
