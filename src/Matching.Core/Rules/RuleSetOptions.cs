using Matching.Core.Localization;

namespace Matching.Core.Rules;

/// <summary>
/// The warning rules and the receivers they go to (<c>rules.json</c>). Every code's label, measure, receiver,
/// categories and thresholds live here, not in code.
/// </summary>
public sealed record RuleSetOptions
{
    private readonly IReadOnlyDictionary<string, string> _receivers = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _maskedWorkbooks = [Overview];
    private readonly IReadOnlyList<RuleOptions> _rules = [];

    // This set was checked and had no problems: the rules file's loader, the run's compile and every engine made of
    // the same set check it once. A copy with another setting (with { … }) is checked anew: each setter clears it.
    private bool _clean;

    /// <summary>Receiver code → its Chinese name, in the order workbooks are written (every receiver gets one).</summary>
    public IReadOnlyDictionary<string, string> Receivers { get => _receivers; init => (_receivers, _clean) = (value, false); }

    /// <summary>The name in <see cref="MaskedWorkbooks"/> of the civil-affairs overview (civil-affairs-overview.xlsx).</summary>
    public const string Overview = "overview";

    /// <summary>
    /// The workbooks whose readers do not act on a person, so they get IDs masked (419001********123X) unless
    /// <c>export --full-ids</c>: receiver codes, or <see cref="Overview"/> for the civil-affairs overview and its 汇总
    /// (read by supervisors). Default: the overview only; every receiver, who acts on each person, gets whole IDs.
    /// </summary>
    public IReadOnlyList<string> MaskedWorkbooks { get => _maskedWorkbooks; init => (_maskedWorkbooks, _clean) = (value, false); }

    /// <summary>The rules, evaluated in order; <see cref="RuleShape.ComplexCase"/> rules after all the others.</summary>
    public IReadOnlyList<RuleOptions> Rules { get => _rules; init => (_rules, _clean) = (value, false); }

    /// <summary>Every problem with the rule set, each naming the setting; empty when it is usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (_clean)
        {
            return [];
        }

        var problems = Check().ToList();
        _clean = problems.Count == 0;
        return problems;
    }

    /// <summary>Equal when the settings are the same (whether either was checked does not count).</summary>
    public bool Equals(RuleSetOptions? other) =>
        other is not null && Equals(_receivers, other._receivers) && Equals(_maskedWorkbooks, other._maskedWorkbooks) && Equals(_rules, other._rules);

    public override int GetHashCode() => HashCode.Combine(_receivers, _maskedWorkbooks, _rules);

    private IEnumerable<string> Check()
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
