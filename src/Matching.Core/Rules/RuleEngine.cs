using Matching.Core.Population;

namespace Matching.Core.Rules;

/// <summary>
/// Evaluates the configured rules over one run's facts: the low-income population and every current department
/// record, matched. Rules run in their configured order, complex-case rules last; a warning found twice (same code,
/// subject and receiver) is kept once, as first found. Pure: no I/O, no clock (the run date is passed in).
/// </summary>
public sealed class RuleEngine
{
    private readonly RuleSetOptions _options;
    private readonly IReadOnlyDictionary<string, RuleDepartment> _departments;

    public RuleEngine(RuleSetOptions options, IReadOnlyDictionary<string, RuleDepartment> departments)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(departments);
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _options = options;
        _departments = departments;
    }

    public IReadOnlyList<Warning> Evaluate(RulePopulation population, IReadOnlyList<RuleRecord> records, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(records);
        var context = new RuleContext(population, records, asOf, _departments);
        var found = new WarningSet();
        foreach (var rule in _options.Rules.Where(r => r.Shape != RuleShape.ComplexCase))
        {
            found.AddRange(Shape(rule, context));
        }

        var uncounted = _options.Rules.Where(r => r.Shape is RuleShape.ComplexCase or RuleShape.IdInvalid or RuleShape.IdNameMismatch)
            .Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in _options.Rules.Where(r => r.Shape == RuleShape.ComplexCase))
        {
            found.AddRange(ComplexCaseRule.Evaluate(rule, context, [.. found.Items], uncounted));
        }

        return found.Items;
    }

    private static IEnumerable<Warning> Shape(RuleOptions rule, RuleContext context) => rule.Shape switch
    {
        RuleShape.MatchedRecord => RecordRules.Matched(rule, context),
        RuleShape.UnmatchedRecord => RecordRules.Unmatched(rule, context),
        RuleShape.IdInvalid => RecordRules.IdInvalid(rule, context),
        RuleShape.IdNameMismatch => RecordRules.IdNameMismatch(rule, context),
        RuleShape.Spending => SpendingRules.Person(rule, context),
        RuleShape.HouseholdSpending => SpendingRules.Household(rule, context),
        RuleShape.Housing => PopulationRules.Housing(rule, context),
        RuleShape.DuplicateAid => PopulationRules.DuplicateAid(rule, context),
        _ => [],
    };

    /// <summary>Found warnings, first of each identity kept.</summary>
    private sealed class WarningSet
    {
        private readonly HashSet<(string, string, string)> _seen = [];

        public List<Warning> Items { get; } = [];

        public void AddRange(IEnumerable<Warning> warnings)
        {
            foreach (var warning in warnings)
            {
                if (_seen.Add((warning.Code, warning.Subject, warning.Receiver)))
                {
                    Items.Add(warning);
                }
            }
        }
    }
}
