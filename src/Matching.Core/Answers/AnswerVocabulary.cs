namespace Matching.Core.Answers;

/// <summary>
/// Reads a 处理结果 cell against the configured answers: an answer listed (or one of its configured spellings) has
/// its outcome; anything else is not an answer, and is listed back to the operator, never guessed at. Spaces (also
/// full-width ones) around and inside the words are ignored: 正在 核实 is 正在核实.
/// </summary>
public sealed class AnswerVocabulary
{
    private readonly Dictionary<string, Answer> _byText = new(StringComparer.Ordinal);

    public AnswerVocabulary(AnswerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        foreach (var answer in options.Answers)
        {
            foreach (var text in answer.Also.Prepend(answer.Text))
            {
                _byText[Normalize(text)] = answer;
            }
        }
    }

    public AnswerOptions Options { get; }

    /// <summary>The answers a clerk picks from: every answer not refused, in order (the dropdown's list).</summary>
    public IReadOnlyList<Answer> Offered => [.. Options.Answers.Where(a => a.Outcome != AnswerOutcome.Refused)];

    /// <summary>The answer <paramref name="cell"/> gives, or null when it is none of the vocabulary.</summary>
    public Answer? Find(string cell) => _byText.GetValueOrDefault(Normalize(cell));

    /// <summary>The cell's words without whitespace, as compared.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
    }
}
