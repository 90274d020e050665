using Matching.Cli.Audit;
using Matching.Cli.Exports;
using Matching.Cli.Imports;
using Matching.Cli.Retention;
using Matching.Cli.Rules;
using Matching.Storage;
using Matching.Storage.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<TimeProvider>(time);

        // One resilience instance with the host's logger: database and file-move retries share settings and log lines.
        builder.Services.AddSingleton(sp => new StorageResilience(context.Settings.Resilience, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Matching.Storage")));
        builder.Services.AddSingleton(context.Config);
        builder.Services.AddSingleton(sp => new Stores(context.Storage with { Resilience = sp.GetRequiredService<StorageResilience>() }, time));

        // The use cases the jobs call, as the commands call them; their progress lines go to the worker's stderr.
        builder.Services.AddSingleton(sp => new DepartmentImport(sp.GetRequiredService<BureauConfig>(), sp.GetRequiredService<Stores>(), time, context.Error));
        builder.Services.AddSingleton(sp => new WarningRun(sp.GetRequiredService<BureauConfig>(), sp.GetRequiredService<Stores>(), time, context.Error));
        builder.Services.AddSingleton(sp => new WarningExport(sp.GetRequiredService<BureauConfig>(), sp.GetRequiredService<Stores>(), time, context.Error));
        builder.Services.AddSingleton<AccessAudit>();
        builder.Services.AddSingleton<RetentionPurge>();
        builder.Services.AddSingleton(sp => new DropFolder(settings.Folders, time, sp.GetRequiredService<StorageResilience>().Files, sp.GetRequiredService<ILogger<DropFolder>>()));
        builder.Services.AddSingleton<Intake>();

        // First: the heartbeat starts before the schedule and stops after it.
        builder.Services.AddHostedService<WorkerHeartbeat>();
        if (logging is null)
        {
            // The log names files and counts, never IDs; its folder is still the service account's only.
            Export.PrivateFiles.CreateFolder(settings.LogFolder, context.Settings.Output);
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

        var clustered = SharesSchedule(context.Storage);
        builder.Services.AddQuartz(q =>
        {
            q.UseTimeProvider(time);
            if (clustered)
            {
                UseClusteredStore(q, context.Storage, settings);
            }

            q.ScheduleJob<NightlyJob>(
                trigger => trigger.WithIdentity(NightlyTrigger)
                    .WithCronSchedule(settings.NightlyCron, cron => cron.InTimeZone(settings.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                job => job.WithIdentity(NightlyJob.Key).RequestRecovery());
            foreach (var (department, cron) in settings.ImportCrons)
            {
                q.ScheduleJob<ImportJob>(
                    trigger => trigger.WithIdentity(ImportTrigger(department))
                        .WithCronSchedule(cron, c => c.InTimeZone(settings.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                    job => job.WithIdentity(ImportJob.KeyFor(department)).UsingJobData(ImportJob.DepartmentKey, department).RequestRecovery());
            }
        });
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<MissedRunCheck>();
        if (clustered)
        {
            builder.Services.AddHostedService<ScheduleSync>();
        }


        builder.Services.AddSystemd();
        builder.Services.AddWindowsService();
        return builder.Build();
    }

    /// <summary>
    /// Whether workers on this database share one stored schedule (a server database), rather than each keeping its
    /// own in memory (SQLite: one worker).
    /// </summary>
    public static bool SharesSchedule(StorageOptions storage) => storage.Provider != DatabaseProvider.Sqlite;

    /// <summary>The group of every Matching job and trigger.</summary>
    public const string Group = "matching";

    public static readonly TriggerKey NightlyTrigger = new("nightly-trigger", Group);

    public static TriggerKey ImportTrigger(string department) => new("import-" + department + "-trigger", Group);

    /// <summary>Every job of <paramref name="settings"/>: its key, its trigger's key and its cron expression.</summary>
    public static IEnumerable<(JobKey Job, TriggerKey Trigger, string Cron)> Jobs(WorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        yield return (NightlyJob.Key, NightlyTrigger, settings.NightlyCron);
        foreach (var (department, cron) in settings.ImportCrons)
        {
            yield return (ImportJob.KeyFor(department), ImportTrigger(department), cron);
        }
    }

    /// <summary>Name of the shared schedule: every worker on one database is an instance of it.</summary>
    public const string SchedulerName = "matching";

    /// <summary>
    /// The schedule kept in the server database (Quartz's <c>qrtz_</c> tables), shared by every worker on it:
    /// each firing runs on one worker, and a worker that stops checking in has its jobs taken over by another.
    /// </summary>
    private static void UseClusteredStore(IQuartzBuilder q, StorageOptions storage, WorkerSettings settings)
    {
        q.ConfigureScheduler(scheduler => scheduler.InstanceName = SchedulerName);

        // A starting worker adds the jobs of its worker.json only where none is stored: replacing a stored trigger
        // while another worker has just taken its firing made that firing run twice. ScheduleSync applies changes.
        q.Services.Configure<QuartzOptions>(options => options.Scheduling.IgnoreDuplicates = true);
        q.UsePersistentStore(store =>
        {
            // Quartz owns its tables (qrtz_*): the first worker to start creates what is missing from the script
            // shipped inside Quartz for this Quartz version (workers starting together race safely), then every
            // worker checks them. Nothing is altered or dropped.
            store.ConfigureStore(options =>
            {
                options.StoreJobDataAsStrings = true;
                options.SchemaProvisioning = SchemaProvisioning.CreateIfMissing;

                // A firing more than this late (every worker down, or a long run still going) is a misfire, and
                // misfires fire once and proceed: never a burst of catch-up runs.
                options.MisfireThreshold = TimeSpan.FromSeconds(10);
            });
            if (storage.Provider == DatabaseProvider.Postgres)
            {
                store.UsePostgres(storage.ConnectionString);
            }
            else
            {
                store.UseSqlServer(storage.ConnectionString);
            }

            store.UseClustering(cluster =>
            {
                cluster.CheckinInterval = TimeSpan.FromSeconds(settings.ClusterCheckinSeconds);
                cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(settings.ClusterCheckinSeconds * 2);
            });
        });
    }
}
