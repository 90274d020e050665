using Matching.Core.Localization;

namespace Matching.Core.Answers;

/// <summary>
/// The answers a returned warning workbook may give and where its columns may be found (<c>answers.json</c>): the
/// vocabulary of 处理结果 with each answer's outcome, the header names of the three columns read back, and where a
/// department sends the workbook. Configuration, not code.
/// </summary>
public sealed record AnswerOptions
{
    /// <value>The answers, in the order the dropdown offers them (refused ones are not offered).</value>
    public IReadOnlyList<Answer> Answers { get; init; } = [];

    /// <value>Header names of 预警编号 (first: the name the workbook writes).</value>
    public IReadOnlyList<string> WarningIdHeaders { get; init; } = ["预警编号"];

    /// <value>Header names of 处理结果 (first: the name the workbook writes), e.g. 处理情况, 办理结果.</value>
    public IReadOnlyList<string> ResultHeaders { get; init; } = ["处理结果"];

    /// <value>Header names of 处理日期 (first: the name the workbook writes), e.g. 处理时间.</value>
    public IReadOnlyList<string> DateHeaders { get; init; } = ["处理日期"];

    /// <value>Where a department sends the answered workbook back (the 填写说明 sheet says it).</value>
    public string ReturnTo { get; init; } = string.Empty;

    /// <summary>Every problem, each naming the setting; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Answers is null || Answers.Count == 0)
        {
            yield return Text.Get("AnswersEmpty");
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Answers.Count; i++)
        {
            var answer = Answers[i];
            if (answer is null || string.IsNullOrWhiteSpace(answer.Text))
            {
                yield return Text.Format("AnswerTextEmpty", i);
                continue;
            }

            if (answer.Outcome is null)
            {
                yield return Text.Format("AnswerOutcomeUnknown", i, answer.Text, answer.OutcomeText);
            }

            foreach (var text in (answer.Also ?? []).Prepend(answer.Text))
            {
                if (!seen.Add(AnswerVocabulary.Normalize(text)))
                {
                    yield return Text.Format("AnswerListedTwice", i, text);
                }

                // A dropdown list is written comma-separated.
                if (text.Contains(',', StringComparison.Ordinal))
                {
                    yield return Text.Format("AnswerHoldsComma", i, text);
                }
            }
        }

        if (!Answers.Any(a => a?.Outcome == AnswerOutcome.Closes))
        {
            yield return Text.Get("AnswersNoneCloses");
        }

        foreach (var (name, headers) in new[] { ("warningIdHeaders", WarningIdHeaders), ("resultHeaders", ResultHeaders), ("dateHeaders", DateHeaders) })
        {
            if (headers is null || headers.Count == 0 || headers.Any(string.IsNullOrWhiteSpace))
            {
                yield return Text.Format("AnswerListEmpty", name);
            }
        }
    }
}
