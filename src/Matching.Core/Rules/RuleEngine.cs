using System.Diagnostics;
using Matching.Core.Departments;
using Matching.Core.Localization;

namespace Matching.Core.Rules;

/// <summary>
/// Evaluates the configured rules over one run's facts: the low-income population and every counting department
/// record, matched. Records stream through a <see cref="RuleRun"/> (<see cref="Begin"/>): record rules judge each as
/// it passes, spending rules keep a running total per person or household, and nothing else of a record is kept.
/// Rules take effect in their configured order, complex-case rules last; a warning found twice (same code, subject
/// and receiver) is kept once, as first found. Pure: no I/O, no clock (the run date is passed in).
/// </summary>
public sealed class RuleEngine
{
    private readonly RuleSetOptions _options;
    private readonly IReadOnlyDictionary<string, RuleDepartment> _departments;

    /// <exception cref="ArgumentException">The rules have problems (<see cref="Problems"/>).</exception>
    public RuleEngine(RuleSetOptions options, IReadOnlyDictionary<string, RuleDepartment> departments)
        : this(options, departments, Checked(options, departments))
    {
    }

    private RuleEngine(RuleSetOptions options, IReadOnlyDictionary<string, RuleDepartment> departments, bool valid)
    {
        Debug.Assert(valid, "rules checked before an engine is made of them");
        _options = options;
        _departments = departments;
    }

    /// <summary>
    /// Checks the rules once (<see cref="Problems"/>) and, when they have none, makes the engine of them: the caller
    /// that reports problems in its own words (naming its file) validates and compiles in one step.
    /// </summary>
    /// <returns>The engine, or null with every problem in <paramref name="problems"/>.</returns>
    public static RuleEngine? TryCreate(RuleSetOptions options, IReadOnlyDictionary<string, RuleDepartment> departments, out List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(departments);
        problems = Problems(options, departments).ToList();
        return problems.Count == 0 ? new RuleEngine(options, departments, valid: true) : null;
    }

    private static bool Checked(RuleSetOptions options, IReadOnlyDictionary<string, RuleDepartment> departments)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(departments);
        var problems = Problems(options, departments).ToList();
        return problems.Count == 0 ? true : throw new ArgumentException(string.Join("; ", problems), nameof(options));
    }

    internal IReadOnlyList<RuleOptions> Rules => _options.Rules;

    internal IReadOnlyDictionary<string, RuleDepartment> Departments => _departments;

    /// <summary>
    /// Every problem with the rules, alone (<see cref="RuleSetOptions.Problems"/>) and against the departments'
    /// fields: a flag the department does not have as yes/no, an amount or date field it does not have, a value listed
    /// for a code field that is none of its codes.
    /// </summary>
    public static IEnumerable<string> Problems(RuleSetOptions options, IReadOnlyDictionary<string, RuleDepartment> departments)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(departments);
        foreach (var problem in options.Problems())
        {
            yield return problem;
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (rule is null)
            {
                continue;
            }

            foreach (var code in rule.Departments)
            {
                if (!departments.TryGetValue(code, out var department))
                {
                    continue;
                }

                var at = $"rules[{i}] ({rule.Code})";
                if (department.Kind == DepartmentKind.Ledger && rule.DateField.Length > 0 && department.EventDateField.Length > 0 &&
                    rule.DateField != department.EventDateField)
                {
                    yield return Text.Format("RuleDateFieldNotEventDate", at, rule.DateField, code, department.EventDateField);
                }

                foreach (var (setting, field, type) in FieldsOf(rule))
                {
                    if (!department.Layout.TryGet(field, out var f) || (f.Type != type && !(type == FieldType.Text && f.Type == FieldType.Code)))
                    {
                        yield return type == FieldType.Text
                            ? Text.Format("RuleFieldNotTextOrCode", at, setting, field, code)
                            : Text.Format("RuleFieldNotOfType", at, setting, field, type.ToString().ToLowerInvariant(), code);
                    }
                }

                foreach (var problem in CodeProblems(rule, department, at))
                {
                    yield return problem;
                }
            }
        }
    }

    /// <summary>
    /// A code field is compared by its canonical codes: a listed value that is no code of it (一级 where the codes are
    /// 1 to 4) would never match, and the rule would be silently off for it.
    /// </summary>
    private static IEnumerable<string> CodeProblems(RuleOptions rule, RuleDepartment department, string at)
    {
        foreach (var (field, values) in rule.RecordValues)
        {
            if (!department.Layout.TryGet(field, out var f) || f.Type != FieldType.Code || !department.Codes.TryGetValue(field, out var codes))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (!codes.ContainsKey(value))
                {
                    var known = TextList.Join(codes.Select(c => $"{c.Key} ({c.Value})"));
                    yield return Text.Format("RuleValueNotCode", at, field, value, department.Code, known);
                }
            }
        }
    }

    private static IEnumerable<(string Setting, string Field, FieldType Type)> FieldsOf(RuleOptions rule)
    {
        if (rule.RecordFlag.Length > 0)
        {
            yield return ("recordFlag", rule.RecordFlag, FieldType.Flag);
        }

        foreach (var field in rule.RecordValues.Keys)
        {
            yield return ("recordValues", field, FieldType.Text);
        }

        if (rule.AmountField.Length > 0)
        {
            yield return ("amountField", rule.AmountField, FieldType.Amount);
        }

        if (rule.DateField.Length > 0)
        {
            yield return ("dateField", rule.DateField, FieldType.Date);
        }
    }

    /// <summary>
    /// The months of records a department's rules look back on: the longest window (<see cref="RuleOptions.Months"/>
    /// of a rule with a date field) among the rules reading it, or null when none of them has a window. A ledger's
    /// events older than this count for nothing in a run.
    /// </summary>
    public int? WindowMonths(string department)
    {
        int? longest = null;
        foreach (var rule in _options.Rules)
        {
            if (rule.Departments.Count > 0 && RuleContext.Reads(rule, department) && rule.DateField.Length > 0)
            {
                longest = Math.Max(longest ?? 0, rule.Months);
            }
        }

        return longest;
    }

    /// <summary>Starts a run: add every counting record (<see cref="RuleRun.Add"/>), then <see cref="RuleRun.Finish"/>.</summary>
    public RuleRun Begin(RulePopulation population, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(population);
        return new RuleRun(this, new RuleContext(population, asOf, _departments));
    }

    /// <summary>Evaluates the rules over <paramref name="records"/> in one go (a run's records streamed through <see cref="Begin"/>).</summary>
    public IReadOnlyList<Warning> Evaluate(RulePopulation population, IEnumerable<RuleRecord> records, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(records);
        var run = Begin(population, asOf);
        foreach (var record in records)
        {
            run.Add(record);
        }

        return [.. run.Finish()];
    }
}
