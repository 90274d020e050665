using System.Globalization;
using Matching.Core.Matching;

namespace Matching.Core.Rules;

/// <summary>
/// The shapes that add up amounts over a window before the run date: per person (支出骤增: MED_AID_GAP for members,
/// SPENDING_SURGE for others) and per household against its income (刚性支出: RIGID_SPENDING).
/// A record without a date counts: the department's extract is taken to cover the window.
/// </summary>
internal static class SpendingRules
{
    /// <summary><see cref="RuleShape.Spending"/>: a person's total exceeds <see cref="RuleOptions.Threshold"/>.</summary>
    public static IEnumerable<Warning> Person(RuleOptions rule, RuleContext context)
    {
        // Members by person number, others by ID key; first record kept for the warning's source and row.
        var totals = new Dictionary<long, (decimal Total, int Count, RuleRecord First)>();
        foreach (var record in context.RecordsOf(rule))
        {
            long key;
            if (rule.Covered && record.Match.IsMatched)
            {
                key = record.Match.Person;
            }
            else if (!rule.Covered && record.IsStranger)
            {
                key = record.Match.Parsed.Id.Key;
            }
            else
            {
                continue;
            }

            if (TryAmount(rule, record, context.AsOf, out var amount))
            {
                totals[key] = totals.TryGetValue(key, out var t) ? (t.Total + amount, t.Count + 1, t.First) : (amount, 1, record);
            }
        }

        foreach (var (key, (total, count, first)) in totals)
        {
            // 支出骤增 is spending *over* a threshold (超过一定数额, the policy; CONTRACT: "over the threshold").
            if (total <= rule.Threshold)
            {
                continue;
            }

            var spent = $"近{rule.Months}个月{context.FieldName(first.Department, rule.AmountField)}合计{RuleText.Yuan(total)}元（{count}笔），超过{RuleText.Yuan(rule.Threshold)}元";
            var receiver = context.Receiver(rule, first.Department);
            if (!rule.Covered)
            {
                yield return RuleContext.ForRecord(rule, first, receiver, first.IdText, spent + "，不在低收入人口数据库中");
                continue;
            }

            var person = (int)key;
            var member = context.Population.Member(person);
            var household = context.Population.HouseholdOf(person);
            if (context.Covers(rule, member.Categories) && RuleContext.Lacks(rule, household))
            {
                var detail = $"{RuleText.Categories(member.Categories)}人员，{spent}{RuleContext.LacksText(rule)}";
                yield return context.ForMember(rule, person, receiver, first.Department, detail, first);
            }
        }
    }

    /// <summary>
    /// <see cref="RuleShape.HouseholdSpending"/>: the members' total reaches <see cref="RuleOptions.Ratio"/> of the
    /// household's annual income (a household without a known positive income is not judged).
    /// </summary>
    public static IEnumerable<Warning> Household(RuleOptions rule, RuleContext context)
    {
        var totals = new Dictionary<string, (decimal Total, int Count, RuleRecord First)>(StringComparer.Ordinal);
        foreach (var record in context.RecordsOf(rule))
        {
            if (!record.Match.IsMatched || !TryAmount(rule, record, context.AsOf, out var amount))
            {
                continue;
            }

            var householdId = context.Population.Member(record.Match.Person).HouseholdId;
            totals[householdId] = totals.TryGetValue(householdId, out var t) ? (t.Total + amount, t.Count + 1, t.First) : (amount, 1, record);
        }

        foreach (var (householdId, (total, count, first)) in totals)
        {
            var household = context.Population.Household(householdId);
            var head = context.Population.HeadOf(householdId);
            if (head < 0 || household.AnnualIncome is not > 0m || total < rule.Ratio * household.AnnualIncome.Value ||
                !context.Covers(rule, context.Population.CategoriesOf(householdId)) || !RuleContext.Lacks(rule, household))
            {
                continue;
            }

            var share = (total / household.AnnualIncome.Value).ToString("0%", CultureInfo.InvariantCulture);
            var detail = $"近{rule.Months}个月家庭成员{context.FieldName(first.Department, rule.AmountField)}合计{RuleText.Yuan(total)}元（{count}笔），" +
                $"家庭年收入{RuleText.Yuan(household.AnnualIncome.Value)}元，占{share}，达到{rule.Ratio.ToString("0%", CultureInfo.InvariantCulture)}";
            yield return context.ForMember(rule, head, context.Receiver(rule, first.Department), first.Department, detail) with
            {
                Method = MatchText.Of(first.Match.Method),
                BatchId = first.BatchId,
            };
        }
    }

    /// <summary>The record's amount, when it is in the window (or undated) and reads as a number.</summary>
    private static bool TryAmount(RuleOptions rule, RuleRecord record, DateOnly asOf, out decimal amount)
    {
        amount = 0;
        if (rule.DateField.Length > 0 && record.Fields.TryGetValue(rule.DateField, out var dateText) &&
            DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) &&
            (date > asOf || date <= asOf.AddMonths(-rule.Months)))
        {
            return false;
        }

        return record.Fields.TryGetValue(rule.AmountField, out var text) &&
            decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out amount);
    }
}
