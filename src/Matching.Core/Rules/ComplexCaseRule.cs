namespace Matching.Core.Rules;

/// <summary>
/// <see cref="RuleShape.ComplexCase"/>: a household with warnings of <see cref="RuleOptions.MinCodes"/> or more
/// distinct codes goes to the coordination mechanism (困难情形复杂, 一事一议). Data problems (ID warnings, which
/// ask a department to correct a record) and other complex-case codes do not count.
/// </summary>
internal static class ComplexCaseRule
{
    public static IEnumerable<Warning> Evaluate(RuleOptions rule, RuleContext context, IReadOnlyList<Warning> found, IReadOnlySet<string> uncounted)
    {
        var codes = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var warning in found)
        {
            if (warning.HouseholdId.Length == 0 || uncounted.Contains(warning.Code))
            {
                continue;
            }

            if (!codes.TryGetValue(warning.HouseholdId, out var set))
            {
                codes[warning.HouseholdId] = set = new SortedDictionary<string, string>(StringComparer.Ordinal);
            }

            set.TryAdd(warning.Code, warning.Label);
        }

        foreach (var (householdId, set) in codes)
        {
            var head = context.Population.HeadOf(householdId);
            if (set.Count >= rule.MinCodes && head >= 0)
            {
                // The labels a clerk reads (教育救助政策落实不到位), in code order so the facts read the same every run.
                var detail = $"同户有{set.Count}类预警：{string.Join('、', set.Values)}";
                yield return context.ForMember(rule, head, rule.Receiver, RuleContext.LowIncomeSource, detail);
            }
        }
    }
}
