using Matching.Core.Errors;
using Matching.Export;
using Matching.Ingest.Tables;
using Matching.Storage;
using Matching.Storage.Resilience;
using Matching.Cli.Localization;

namespace Matching.Cli;

/// <summary>
/// Settings from <c>matching.json</c> (beside the program, or <c>--config</c> / <c>MATCHING_CONFIG</c>). Every
/// setting has a default; a missing file means all defaults. Validated once at start-up, every problem reported.
/// </summary>
internal sealed record MatchingSettings
{

    /// <value>Limits on input files.</value>
    public IngestLimits Ingest { get; init; } = IngestLimits.Default;

    /// <value>Folder for reject reports. Default <c>out/rejects</c>.</value>
    public string RejectsFolder { get; init; } = Path.Combine("out", "rejects");

    /// <value>How output files are written: <c>output:allowLinkedFolder</c> (default false), <c>output:fileMode</c> (default "0600").</value>
    public OutputOptions Output { get; init; } = OutputOptions.Default;

    /// <value>The run lock.</value>
    public RunSettings Run { get; init; } = new();

    /// <value>How the database and file moves ride out transient faults (<c>resilience:*</c>): retries, timeouts, the breaker.</value>
    public ResilienceOptions Resilience { get; init; } = new();

    /// <value>How long personal data is kept (<c>retention:*</c>); <c>matching purge</c> deletes what is past it.</value>
    public RetentionOptions Retention { get; init; } = new();

    /// <value>The bureau's time zone (<c>worker:timeZone</c>, default Asia/Shanghai): every time shown to a person.</value>
    public BureauSettings Worker { get; init; } = new();

    /// <value>The warning rules file. Default: <c>rules.json</c> beside the program.</value>
    public string? RulesFile { get; init; }

    /// <value>The answer vocabulary of returned workbooks. Default: <c>answers.json</c> beside the program.</value>
    public string? AnswersFile { get; init; }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "matching.json");

    public static MatchingSettings Load(string? path)
    {
        var file = path ?? DefaultPath;
        if (!File.Exists(file))
        {
            return path is null ? new MatchingSettings() : throw new MatchingException(Text.Format("ErrSettingsMissing", file));
        }

        var settings = JsonSettingsFile.Read<MatchingSettings>(file, "settings");
        settings ??= new MatchingSettings();
        if (settings.Ingest is null || settings.Run is null || settings.Output is null || settings.Resilience is null || settings.Retention is null || settings.Worker is null || string.IsNullOrWhiteSpace(settings.RejectsFolder))
        {
            throw new MatchingException(Text.Format("ErrSettingsNull", file));
        }

        var problems = settings.Ingest.Problems().Concat(settings.Run.Problems()).Concat(settings.Resilience.Problems()).Concat(settings.Output.Problems())
            .Concat(settings.Retention.Problems()).Concat(settings.Worker.Problems()).ToList();
        if (problems.Count > 0)
        {
            throw new MatchingException($"{file}: {string.Join("; ", problems)}");
        }

        return settings;
    }
}
