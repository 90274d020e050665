using Matching.Core.Population;

namespace Matching.Core.Rules;

/// <summary>The shapes that look at the low-income database alone.</summary>
internal static class PopulationRules
{
    /// <summary>
    /// <see cref="RuleShape.Housing"/>: a household flagged 住房困难, under the rule's categories (tekun only under the
    /// configured support mode, 分散), not receiving housing aid. The measure depends on where it lives: rental
    /// housing or a subsidy in a subdistrict (街道), dilapidated-house renovation in a town (镇).
    /// </summary>
    public static IEnumerable<Warning> Housing(RuleOptions rule, RuleContext context)
    {
        var population = context.Population;
        foreach (var householdId in population.HouseholdIds)
        {
            var household = population.Household(householdId);
            if (!household.HousingDifficulty || !RuleContext.Lacks(rule, household))
            {
                continue;
            }

            var categories = AidCategory.None;
            foreach (var person in population.MembersOf(householdId))
            {
                var member = population.Member(person);
                var counted = member.Categories;
                if (rule.TekunSupport.Length > 0 && member.TekunSupport != rule.TekunSupport)
                {
                    counted &= ~AidCategory.Tekun;
                }

                categories |= counted;
            }

            if (!RuleContext.Covers(rule, categories))
            {
                continue;
            }

            var inTown = household.Subdistrict.EndsWith('镇');
            var measure = inTown ? rule.MeasureInTown : rule.MeasureInSubdistrict;
            var detail = $"{RuleText.Categories(categories)}家庭，住房困难{RuleContext.LacksText(rule)}（{(inTown ? "镇" : "街道")}）";
            yield return context.ForMember(rule, population.HeadOf(householdId), rule.Receiver, RuleContext.LowIncomeSource, detail,
                measure: measure.Length > 0 ? measure : rule.Measure);
        }
    }

    /// <summary>
    /// <see cref="RuleShape.DuplicateAid"/>: a person listed in two or more households, or holding two categories that
    /// exclude each other (低保 and 特困): aid given twice (重复救助).
    /// </summary>
    public static IEnumerable<Warning> DuplicateAid(RuleOptions rule, RuleContext context)
    {
        var population = context.Population;
        var households = new Dictionary<long, List<int>>();
        var pairs = rule.Exclusive.Select(p => Codes.CategoryOf(p[0]) | Codes.CategoryOf(p[1])).ToArray();
        for (var person = 0; person < population.Count; person++)
        {
            var member = population.Member(person);
            if (!households.TryGetValue(member.Id.Key, out var list))
            {
                households[member.Id.Key] = list = [];
            }

            list.Add(person);
        }

        foreach (var (_, persons) in households)
        {
            var first = persons[0];
            var reasons = new List<string>();
            if (persons.Count > 1)
            {
                reasons.Add($"同时登记在{persons.Count}个户中（户编号{string.Join('、', persons.Select(p => population.Member(p).HouseholdId))}）");
            }

            var categories = AidCategory.None;
            foreach (var person in persons)
            {
                categories |= population.Member(person).Categories;
            }

            foreach (var pair in pairs)
            {
                if ((categories & pair) == pair)
                {
                    reasons.Add($"同时为{RuleText.Categories(pair).Replace("、", "和", StringComparison.Ordinal)}对象");
                }
            }

            if (reasons.Count > 0)
            {
                yield return context.ForMember(rule, first, rule.Receiver, RuleContext.LowIncomeSource, string.Join('；', reasons)) with
                {
                    Categories = RuleText.Categories(categories),
                };
            }
        }
    }
}
