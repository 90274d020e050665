namespace Matching.Core.Answers;

/// <summary>One answer of the vocabulary (<c>answers.json</c>): the words a clerk picks, what they do, and the spellings also accepted.</summary>
public sealed record Answer
{
    /// <value>The answer as the dropdown offers it, e.g. 已落实救助.</value>
    public string Text { get; init; } = string.Empty;

    /// <value><c>closes</c>, <c>open</c> or <c>refused</c>, as written.</value>
    [System.Text.Json.Serialization.JsonPropertyName("outcome")]
    public string OutcomeText { get; init; } = string.Empty;

    /// <value>What it means, for the 填写说明 sheet and for a refused answer's message.</value>
    public string Meaning { get; init; } = string.Empty;

    /// <value>Other spellings taken as this answer (configured, never guessed): 已落实, 核实中 ….</value>
    public IReadOnlyList<string> Also { get; init; } = [];

    /// <summary>The outcome (<see cref="OutcomeText"/> read); null when it names none.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public AnswerOutcome? Outcome => OutcomeText switch
    {
        "closes" => AnswerOutcome.Closes,
        "open" => AnswerOutcome.KeepsOpen,
        "refused" => AnswerOutcome.Refused,
        _ => null,
    };
}
