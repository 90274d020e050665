using Matching.Cli.Feedback;
using Matching.Cli.Rules;
using Matching.Core.Answers;
using Matching.Core.Rules;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Tables;

namespace Matching.Cli;

/// <summary>
/// What the bureau's files configure: the settings (<c>matching.json</c>), the header maps, the warning rules and the
/// answer vocabulary. Each file is read and checked once, on first use, so that a command that needs none of them
/// (<c>matching id</c>) runs whatever state they are in.
/// </summary>
internal sealed class BureauConfig(MatchingSettings settings, string headerMapDirectory)
{
    private HeaderMapCatalog? _headerMaps;
    private RuleSetOptions? _rules;
    private AnswerVocabulary? _answers;

    public MatchingSettings Settings { get; } = settings;

    public IngestLimits Limits => Settings.Ingest;

    public string HeaderMapDirectory { get; } = headerMapDirectory;

    public HeaderMapCatalog HeaderMaps => _headerMaps ??= HeaderMapCatalog.Load(HeaderMapDirectory);

    /// <summary>The warning rules (<c>rules.json</c>, or the settings' <c>rulesFile</c>).</summary>
    public RuleSetOptions Rules => _rules ??= RulesFile.Load(Settings.RulesFile);

    /// <summary>The answers a returned workbook may give (<c>answers.json</c>, or the settings' <c>answersFile</c>).</summary>
    public AnswerVocabulary Answers => _answers ??= AnswersFile.Load(Settings.AnswersFile);

    /// <summary>This configuration with other settings, the same header maps (the demo writes its reject reports under its --out).</summary>
    public BureauConfig WithSettings(MatchingSettings settings) => new(settings, HeaderMapDirectory);
}
