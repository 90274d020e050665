using Matching.Core.Answers;
using Matching.Core.Rules;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Tables;
using Matching.Storage;

namespace Matching.Cli;

/// <summary>
/// What a command gets from the command line: where to write, the clock, the configuration and the database. Commands
/// are the edge: they hand the use cases (<c>WarningRun</c>, <c>DepartmentImport</c>, …) the parts each needs
/// (<see cref="Config"/>, <see cref="Stores"/>, <see cref="Time"/>, <see cref="Error"/> for progress), which the
/// worker's jobs hand them in the same way; no use case takes a context.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, TimeProvider time, BureauConfig config, Stores stores)
{
    private BureauClock? _clock;

    public CliContext(TextWriter output, TextWriter error, TimeProvider time, StorageOptions storage, string headerMapDirectory, MatchingSettings settings)
        : this(output, error, time, new BureauConfig(settings, headerMapDirectory), new Stores(storage, time))
    {
    }

    public TextWriter Out { get; } = output;

    /// <summary>Errors and progress lines.</summary>
    public TextWriter Error { get; } = error;

    public TimeProvider Time { get; } = time;

    public BureauConfig Config { get; } = config;

    public Stores Stores { get; } = stores;

    /// <summary>Today's date on <see cref="Time"/>'s local clock (the bureau's time zone: <see cref="CliApp"/> and the worker set it).</summary>
    public DateOnly Today => BureauClock.Today(Time);

    /// <summary>The bureau's clock: how every time is shown to a person.</summary>
    public BureauClock Clock => _clock ??= new BureauClock(Time.LocalTimeZone);

    public StorageOptions Storage => Stores.Storage;

    public MatchingSettings Settings => Config.Settings;

    public IngestLimits Limits => Config.Limits;

    public string HeaderMapDirectory => Config.HeaderMapDirectory;

    public HeaderMapCatalog HeaderMaps => Config.HeaderMaps;

    public RuleSetOptions Rules => Config.Rules;

    public AnswerVocabulary Answers => Config.Answers;

    public Task<MatchingStore> OpenStoreAsync(CancellationToken cancellationToken) => Stores.OpenAsync(cancellationToken);

    public Task<MatchingStore> OpenStoreForInitAsync(CancellationToken cancellationToken) => Stores.OpenForInitAsync(cancellationToken);

    /// <summary>This context with other settings (the demo writes its reject reports under its --out).</summary>
    public CliContext WithSettings(MatchingSettings settings) => new(Out, Error, Time, Config.WithSettings(settings), Stores);

    /// <summary>The OS user running the command, recorded on every batch.</summary>
    public static string Operator => Environment.UserName;
}
