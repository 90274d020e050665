using Matching.Core.Rules;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.LowIncome;

namespace Matching.Ingest.Coverage;

/// <summary>
/// Whether an imported file gives the enabled rules what they read: for each field a rule needs (<see cref="Needs"/>),
/// a column that is there and not mostly empty (<see cref="Check"/>). No rule is switched off silently by a column a
/// file lacks or a header the map does not know: each such case is one <see cref="RuleGap"/>. Pure: the empty cells
/// are counted by the reader as the rows stream (<see cref="FieldFill"/>).
/// </summary>
public static class RuleCoverage
{
    /// <summary>
    /// The fields of <paramref name="map"/>'s files that the rules read. The population: household income for
    /// <see cref="RuleShape.HouseholdSpending"/>, 住房困难 and (when the rule limits tekun to a support mode) 特困供养方式 for
    /// <see cref="RuleShape.Housing"/>. A department: each rule reading it needs its <c>recordFlag</c>, <c>recordValues</c>
    /// fields and <c>amountField</c>, and places rows by its <c>dateField</c>. Fields the map does not declare are left to
    /// the rules' own check (<see cref="RuleEngine.Problems"/>).
    /// </summary>
    public static IReadOnlyList<RuleInput> Needs(RuleSetOptions rules, HeaderMap map)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(map);
        var needs = new List<RuleInput>();
        foreach (var rule in rules.Rules)
        {
            foreach (var (field, role) in map.Kind == SourceKind.Population ? PopulationFields(rule) : map.IsDepartment ? RecordFields(rule, map.Source) : [])
            {
                if (map.Fields.ContainsKey(field) && !needs.Exists(n => n.Field == field && n.Rule.Code == rule.Code && n.Role == role))
                {
                    needs.Add(new RuleInput(field, rule, role));
                }
            }
        }

        return needs;
    }

    private static IEnumerable<(string Field, RuleInputRole Role)> PopulationFields(RuleOptions rule)
    {
        if (rule.Shape == RuleShape.HouseholdSpending)
        {
            yield return (LowIncomeReader.IncomeField, RuleInputRole.Needed);
        }

        if (rule.Shape == RuleShape.Housing)
        {
            yield return (LowIncomeReader.HousingDifficultyField, RuleInputRole.Needed);
            if (rule.TekunSupport.Length > 0 && (rule.Categories.Count == 0 || rule.Categories.Contains("tekun", StringComparer.Ordinal)))
            {
                yield return (LowIncomeReader.TekunSupportField, RuleInputRole.TekunSupport);
            }
        }
    }

    private static IEnumerable<(string Field, RuleInputRole Role)> RecordFields(RuleOptions rule, string department)
    {
        if (!rule.Departments.Contains(department, StringComparer.Ordinal))
        {
            yield break;
        }

        if (rule.RecordFlag.Length > 0)
        {
            yield return (rule.RecordFlag, RuleInputRole.Needed);
        }

        foreach (var field in rule.RecordValues.Keys)
        {
            yield return (field, RuleInputRole.Needed);
        }

        if (rule.AmountField.Length > 0)
        {
            yield return (rule.AmountField, RuleInputRole.Needed);
        }

        if (rule.DateField.Length > 0)
        {
            yield return (rule.DateField, RuleInputRole.WindowDate);
        }
    }

    /// <summary>
    /// The gaps of a file read through <paramref name="table"/>: each needed field without a column, or whose column
    /// was empty in more than <paramref name="maxEmptyShare"/> of the cells <paramref name="fill"/> counted. A file
    /// with no rows has no gaps of the second kind.
    /// </summary>
    public static IReadOnlyList<RuleGap> Check(IReadOnlyList<RuleInput> needs, SourceTable table, FieldFill fill, double maxEmptyShare)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fill);
        var gaps = new List<RuleGap>();
        var population = table.Map.Kind == SourceKind.Population;
        foreach (var need in needs)
        {
            var headers = table.Map.Fields[need.Field].Headers;
            if (table.Column(need.Field) < 0)
            {
                gaps.Add(new RuleGap
                {
                    Field = need.Field, Column = headers.Count > 0 ? headers[0] : need.Field, LookedFor = headers, Kind = RuleGapKind.ColumnMissing,
                    Role = need.Role, Rule = need.Rule.Code, RuleLabel = need.Rule.Label, Population = population, MaxEmptyShare = maxEmptyShare,
                });
                continue;
            }

            var (seen, empty, unit) = fill.Of(need.Field);
            if (seen > 0 && empty > maxEmptyShare * seen)
            {
                gaps.Add(new RuleGap
                {
                    Field = need.Field, Column = OneLine(table.ColumnName(need.Field)), Kind = RuleGapKind.MostlyEmpty, Role = need.Role,
                    Rule = need.Rule.Code, RuleLabel = need.Rule.Label, Population = population, Counted = seen, Empty = empty, Unit = unit,
                    MaxEmptyShare = maxEmptyShare,
                });
            }
        }

        return gaps;
    }

    /// <summary>A header cell on one line (a header typed with Alt+Enter holds a line break).</summary>
    private static string OneLine(string header) =>
        string.Join(' ', header.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
