namespace Matching.Core.Rules;

/// <summary>
/// The warning rules and the receivers they go to (<c>rules.json</c>). Every code's label, measure, receiver,
/// categories and thresholds live here, not in code.
/// </summary>
public sealed record RuleSetOptions
{
    /// <summary>Receiver code → its Chinese name, in the order workbooks are written (every receiver gets one).</summary>
    public IReadOnlyDictionary<string, string> Receivers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The rules, evaluated in order; <see cref="RuleShape.ComplexCase"/> rules after all the others.</summary>
    public IReadOnlyList<RuleOptions> Rules { get; init; } = [];

    /// <summary>Every problem with the rule set, each naming the setting; empty when it is usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Rules.Count == 0)
        {
            yield return "rules is empty";
        }

        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            if (rule is null)
            {
                yield return $"rules[{i}] is null";
                continue;
            }

            foreach (var problem in rule.Problems(i))
            {
                yield return problem;
            }

            if (rule.Receiver != RuleOptions.SourceReceiver && rule.Receiver.Length > 0 && !Receivers.ContainsKey(rule.Receiver))
            {
                yield return $"rules[{i}] ({rule.Code}).receiver '{rule.Receiver}' is not in receivers";
            }
        }

        foreach (var group in Rules.Where(r => r is not null).GroupBy(r => r.Code, StringComparer.Ordinal))
        {
            if (group.Select(r => (r.Label, r.Measure)).Distinct().Count() > 1)
            {
                yield return $"rules: the rules of code {group.Key} disagree on label or measure";
            }
        }
    }
}
