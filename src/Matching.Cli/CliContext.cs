using Matching.Cli.Feedback;
using Matching.Cli.Rules;
using Matching.Core.Answers;
using Matching.Core.Rules;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Tables;
using Matching.Storage;

namespace Matching.Cli;

/// <summary>What every command gets: where to write, the clock, the database and the configuration.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, TimeProvider time, StorageOptions storage, string headerMapDirectory, MatchingSettings settings)
{
    private HeaderMapCatalog? _headerMaps;
    private RuleSetOptions? _rules;
    private AnswerVocabulary? _answers;
    private BureauClock? _clock;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TimeProvider Time { get; } = time;

    /// <summary>Today's date on <see cref="Time"/>'s local clock (the bureau's time zone: <see cref="CliApp"/> and the worker set it).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetLocalNow().DateTime);

    /// <summary>The bureau's clock: how every time is shown to a person.</summary>
    public BureauClock Clock => _clock ??= new BureauClock(Time.LocalTimeZone);

    public StorageOptions Storage { get; } = storage;

    public MatchingSettings Settings { get; } = settings;

    public IngestLimits Limits => Settings.Ingest;

    public string HeaderMapDirectory { get; } = headerMapDirectory;

    public HeaderMapCatalog HeaderMaps => _headerMaps ??= HeaderMapCatalog.Load(HeaderMapDirectory);

    /// <summary>The warning rules (<c>rules.json</c>, or the settings' <c>rulesFile</c>), read on first use.</summary>
    public RuleSetOptions Rules => _rules ??= RulesFile.Load(Settings.RulesFile);

    /// <summary>The answers a returned workbook may give (<c>answers.json</c>, or the settings' <c>answersFile</c>), read on first use.</summary>
    public AnswerVocabulary Answers => _answers ??= AnswersFile.Load(Settings.AnswersFile);

    /// <summary>Opens the database, which must exist: only <c>matching init</c> creates one (<see cref="OpenStoreForInitAsync"/>).</summary>
    public Task<MatchingStore> OpenStoreAsync(CancellationToken cancellationToken) =>
        MatchingStore.OpenAsync(Storage.WithCreation(false), Time, cancellationToken);

    /// <summary>Opens the database for a run, which reads its records once through: a small SQLite page cache.</summary>
    public Task<MatchingStore> OpenStoreForRunAsync(CancellationToken cancellationToken) =>
        MatchingStore.OpenAsync(Storage.WithCreation(false) with { PageCacheMegabytes = StorageOptions.RunPageCacheMegabytes }, Time, cancellationToken);

    /// <summary>Opens the database, creating an embedded SQLite file that does not exist yet: for <c>matching init</c>.</summary>
    public Task<MatchingStore> OpenStoreForInitAsync(CancellationToken cancellationToken) =>
        MatchingStore.OpenAsync(Storage.WithCreation(true), Time, cancellationToken);

    /// <summary>This context with other settings (the demo writes its reject reports under its --out).</summary>
    public CliContext WithSettings(MatchingSettings settings) => new(Out, Error, Time, Storage, HeaderMapDirectory, settings);

    /// <summary>The OS user running the command, recorded on every batch.</summary>
    public static string Operator => Environment.UserName;
}
