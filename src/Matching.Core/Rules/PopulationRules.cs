using Matching.Core.Departments;
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
                var counted = population.CategoriesOf(person);
                if (rule.TekunSupport.Length > 0 && population.TekunSupportOf(person) != rule.TekunSupport)
                {
                    counted &= ~AidCategory.Tekun;
                }

                categories |= counted;
            }

            if (!RuleContext.Covers(rule, categories))
            {
                continue;
            }

            var measure = Areas.IsTown(household.Subdistrict) ? rule.MeasureInTown : rule.MeasureInSubdistrict;
            var detail = context.Shared($"{RuleText.Categories(categories)}家庭，住房困难{RuleContext.LacksText(rule)}（{Areas.KindOf(household.Subdistrict)}）");
            yield return context.ForMember(rule, population.HeadOf(householdId), rule.Receiver, SourceCodes.LowIncome, detail,
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
        var pairs = ExclusivePairs(rule);

        // Sorted by ID, a person's entries sit side by side: one pass, no per-person allocation for the many
        // who appear once (a province holds millions).
        var keys = new long[population.Count];
        var persons = new int[population.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = population.IdKey(i);
            persons[i] = i;
        }

        Array.Sort(keys, persons);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            var entries = persons.AsSpan(start, end - start);
            entries.Sort();
            var categories = AidCategory.None;
            foreach (var person in entries)
            {
                categories |= population.CategoriesOf(person);
            }

            if (entries.Length > 1 || Excludes(categories, pairs))
            {
                var detail = DuplicateDetail(population, entries, categories, pairs);
                yield return context.ForMember(rule, entries[0], rule.Receiver, SourceCodes.LowIncome, detail) with
                {
                    Categories = RuleText.Categories(categories),
                };
            }

            start = end;
        }
    }

    /// <summary>The categories of each pair <paramref name="rule"/> says exclude each other, as one mask a pair.</summary>
    internal static AidCategory[] ExclusivePairs(RuleOptions rule) =>
        [.. rule.Exclusive.Select(p => Codes.CategoryOf(p[0]) | Codes.CategoryOf(p[1]))];

    /// <summary>Whether <paramref name="categories"/> hold both categories of one of <paramref name="pairs"/>.</summary>
    internal static bool Excludes(AidCategory categories, AidCategory[] pairs)
    {
        foreach (var pair in pairs)
        {
            if ((categories & pair) == pair)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why a person is a duplicate; built only for the few who are.</summary>
    private static string DuplicateDetail(RulePopulation population, ReadOnlySpan<int> entries, AidCategory categories, AidCategory[] pairs)
    {
        var reasons = new List<string>(2);
        if (entries.Length > 1)
        {
            var households = new string[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                households[i] = population.HouseholdIdOf(entries[i]);
            }

            reasons.Add($"同时登记在{entries.Length}个户中（户编号{string.Join('、', households)}）");
        }

        foreach (var pair in pairs)
        {
            if ((categories & pair) == pair)
            {
                reasons.Add($"同时为{RuleText.Categories(pair).Replace("、", "和", StringComparison.Ordinal)}对象");
            }
        }

        return string.Join('；', reasons);
    }
}
