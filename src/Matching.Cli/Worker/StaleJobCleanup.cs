using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Matching.Cli.Worker;

/// <summary>
/// On a server database the schedule is stored and shared, and every worker only adds or replaces the jobs of its
/// worker.json: a department's import job taken out of worker.json would fire for ever. At start-up this removes
/// every stored Matching job that the worker's own worker.json no longer lists (give every worker the same file).
/// </summary>
internal sealed class StaleJobCleanup(WorkerSettings settings, ISchedulerFactory schedulers, ILogger<StaleJobCleanup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = settings.ImportCrons.Keys.Select(ImportJob.KeyFor).Append(NightlyJob.Key).ToHashSet();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(NightlyJob.Key.Group), cancellationToken))
        {
            if (!configured.Contains(key))
            {
                await scheduler.DeleteJob(key, cancellationToken);
                log.StaleJobRemoved(key.Name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
