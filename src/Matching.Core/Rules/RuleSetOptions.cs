using Matching.Core.Localization;

namespace Matching.Core.Rules;

/// <summary>
/// The warning rules and the receivers they go to (<c>rules.json</c>). Every code's label, measure, receiver,
/// categories and thresholds live here, not in code.
/// </summary>
public sealed record RuleSetOptions
{
    /// <summary>Receiver code → its Chinese name, in the order workbooks are written (every receiver gets one).</summary>
    public IReadOnlyDictionary<string, string> Receivers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The name in <see cref="MaskedWorkbooks"/> of the civil-affairs overview (civil-affairs-overview.xlsx).</summary>
    public const string Overview = "overview";

    /// <summary>
    /// The workbooks whose readers do not act on a person, so they get IDs masked (419001********123X) unless
    /// <c>export --full-ids</c>: receiver codes, or <see cref="Overview"/> for the civil-affairs overview and its 汇总
    /// (read by supervisors). Default: the overview only; every receiver, who acts on each person, gets whole IDs.
    /// </summary>
    public IReadOnlyList<string> MaskedWorkbooks { get; init; } = [Overview];

    /// <summary>The rules, evaluated in order; <see cref="RuleShape.ComplexCase"/> rules after all the others.</summary>
    public IReadOnlyList<RuleOptions> Rules { get; init; } = [];

    /// <summary>Every problem with the rule set, each naming the setting; empty when it is usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Rules.Count == 0)
        {
            yield return Text.Get("RulesEmpty");
        }

        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            if (rule is null)
            {
                yield return Text.Format("RuleNull", i);
                continue;
            }

            foreach (var problem in rule.Problems(i))
            {
                yield return problem;
            }

            if (rule.Receiver != RuleOptions.SourceReceiver && rule.Receiver.Length > 0 && !Receivers.ContainsKey(rule.Receiver))
            {
                yield return Text.Format("RuleReceiverUnknown", i, rule.Code, rule.Receiver);
            }
        }

        if (MaskedWorkbooks is null)
        {
            yield return Text.Get("MaskedWorkbooksNull");
        }
        else
        {
            foreach (var name in MaskedWorkbooks.Where(n => n != Overview && !Receivers.ContainsKey(n ?? string.Empty)))
            {
                yield return Text.Format("MaskedWorkbookUnknown", name, Overview);
            }
        }

        foreach (var group in Rules.Where(r => r is not null).GroupBy(r => r.Code, StringComparer.Ordinal))
        {
            if (group.Select(r => (r.Label, r.Measure)).Distinct().Count() > 1)
            {
                yield return Text.Format("RulesDisagree", group.Key);
            }
        }
    }
}
