using Matching.Core.Errors;
using Quartz;
using Matching.Cli.Localization;

namespace Matching.Cli.Worker;

/// <summary>
/// The schedule of <c>matching worker</c> (<c>jobs/worker.json</c>): data, not code. Cron expressions are Quartz's
/// (seconds first: <c>0 0 2 * * ?</c> is 02:00 every day), read in <see cref="TimeZone"/>.
/// </summary>
internal sealed record WorkerSettings
{

    /// <value>
    /// IANA or Windows time zone of the cron expressions. Default: the bureau's (<c>worker:timeZone</c> of
    /// <c>matching.json</c>, itself Asia/Shanghai by default); set here only for a schedule in another zone.
    /// </value>
    public string? TimeZone
    {
        get;
        init
        {
            field = value;
            _zone = BureauClock.FindZone(value ?? BureauClock.DefaultTimeZone);
        }
    }

    // Looked up once, as the schedule is read, not on every read; null for a name no zone has.
    private readonly TimeZoneInfo? _zone = BureauClock.FindZone(BureauClock.DefaultTimeZone);

    /// <value>The nightly job: import every stable dropped file, run the rules, export into the outbox. Default 02:00.</value>
    public string NightlyCron { get; init; } = "0 0 2 * * ?";

    /// <value>Optional per-department import jobs: department → cron (import only; the nightly run evaluates).</value>
    public IReadOnlyDictionary<string, string> ImportCrons { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <value>Drop, archive and rejected folders and how long a file must be unchanged.</value>
    public DropFolderOptions Folders { get; init; } = new();

    /// <value>Where workbooks go: <c>&lt;outbox&gt;/&lt;receiver&gt;/&lt;yyyy-MM-dd&gt;/</c>. Default <c>outbox</c>.</value>
    public string Outbox { get; init; } = "outbox";

    /// <value>Rolling log files (one per day, 30 kept). Default <c>logs</c>.</value>
    public string LogFolder { get; init; } = "logs";

    /// <value>
    /// On a server database, how often each worker checks in to the shared schedule (default 15 s); a worker silent for
    /// a few check-ins is taken as gone and the others take over its jobs. Not used on SQLite (one worker).
    /// </value>
    public int ClusterCheckinSeconds { get; init; } = 15;

    /// <summary>The zone of <see cref="TimeZone"/>; for a name no zone has, the lookup's own exception, as ever.</summary>
    public TimeZoneInfo Zone => _zone ?? TimeZoneInfo.FindSystemTimeZoneById(TimeZone ?? BureauClock.DefaultTimeZone);

    /// <summary>An instant for the log, on the schedule's clock with its offset: <c>2026-11-29 02:00:00 +08:00</c>; "never" for none.</summary>
    public string Local(DateTimeOffset? time) => time is { } t
        ? new BureauClock(Zone).ShowWithOffset(t)
        : "never";

    /// <summary>Reads the schedule; a schedule naming no time zone takes <paramref name="bureauTimeZone"/>.</summary>
    public static WorkerSettings Load(string path, string? bureauTimeZone = null)
    {
        var settings = JsonSettingsFile.Read<WorkerSettings>(path, "schedule");
        settings ??= new WorkerSettings();
        settings = settings with { TimeZone = settings.TimeZone ?? bureauTimeZone };
        var problems = settings.Problems().ToList();
        return problems.Count == 0 ? settings : throw new MatchingException($"{path}: {string.Join("; ", problems)}");
    }

    public IEnumerable<string> Problems()
    {
        if (_zone is null)
        {
            yield return Text.Format("SchedTimeZone", TimeZone);
        }

        if (!CronExpression.TryParse(NightlyCron ?? string.Empty, out _))
        {
            yield return Text.Format("SchedNightlyCron", NightlyCron);
        }

        foreach (var (department, cron) in ImportCrons ?? new Dictionary<string, string>())
        {
            if (!CronExpression.TryParse(cron ?? string.Empty, out _))
            {
                yield return Text.Format("SchedImportCron", department, cron);
            }
        }

        if (ClusterCheckinSeconds is < 1 or > 3600)
        {
            yield return Text.Format("SchedCheckin", ClusterCheckinSeconds);
        }

        if (Folders is null || string.IsNullOrWhiteSpace(Outbox) || string.IsNullOrWhiteSpace(LogFolder))
        {
            yield return Text.Get("SchedFoldersEmpty");
            yield break;
        }

        foreach (var problem in Folders.Problems())
        {
            yield return problem;
        }
    }
}
