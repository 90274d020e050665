using Matching.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Quartz;
using Serilog;

namespace Matching.Cli.Worker;

/// <summary>
/// The worker as a .NET Generic Host: Quartz.NET 4 with the jobs of <see cref="WorkerSettings"/>, logs to the console
/// and a rolling file (Serilog), and systemd / Windows-service integration (each a no-op outside its service manager).
/// </summary>
internal static class WorkerHost
{
    public static IHost Build(CliContext context, WorkerSettings settings, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var time = new ZonedTimeProvider(context.Time, settings.Zone);
        var worker = new CliContext(TextWriter.Null, context.Error, time, context.Storage, context.HeaderMapDirectory, context.Settings);
        builder.Services.AddSingleton(worker);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(sp => new DropFolder(settings.Folders, time, FileMoves(sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DropFolder>>())));
        builder.Services.AddSingleton<Intake>();
        if (logging is null)
        {
            builder.Services.AddSerilog(log => log
                .MinimumLevel.Override("Quartz", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting", Serilog.Events.LogEventLevel.Warning)
                .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                .WriteTo.File(Path.Combine(settings.LogFolder, "matching-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            builder.Logging.ClearProviders();
            logging(builder.Logging);
        }

        builder.Services.AddQuartz(q =>
        {
            q.UseTimeProvider(time);
            q.ScheduleJob<NightlyJob>(
                trigger => trigger.WithIdentity("nightly-trigger", "matching")
                    .WithCronSchedule(settings.NightlyCron, cron => cron.InTimeZone(settings.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                job => job.WithIdentity(NightlyJob.Key));
            foreach (var (department, cron) in settings.ImportCrons)
            {
                q.ScheduleJob<ImportJob>(
                    trigger => trigger.WithIdentity("import-" + department + "-trigger", "matching")
                        .WithCronSchedule(cron, c => c.InTimeZone(settings.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                    job => job.WithIdentity(ImportJob.KeyFor(department)).UsingJobData(ImportJob.DepartmentKey, department));
            }
        });
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<MissedRunCheck>();
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService();
        return builder.Build();
    }

    /// <summary>Moving a dropped file retries a file still locked by its writer or a scanner, with backoff and jitter.</summary>
    private static ResiliencePipeline FileMoves(Microsoft.Extensions.Logging.ILogger log) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<IOException>(ex => ex is not FileNotFoundException and not DirectoryNotFoundException),
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            OnRetry = retry =>
            {
                log.FileMoveRetry(retry.AttemptNumber + 1, retry.RetryDelay, retry.Outcome.Exception?.GetType().Name ?? "fault");
                return ValueTask.CompletedTask;
            },
        })
        .Build();
}
