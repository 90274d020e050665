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
        for (var number = 0; number < population.HouseholdCount; number++)
        {
            // By number: each household's members a slice of one array, its record the first member's (an empty one
            // when the snapshot lacks it), no id hashed (1M persons: 333k households, a fifth of a second).
            var members = population.MembersAt(number);
            var household = population.HouseholdOf(members[0]);
            if (!household.HousingDifficulty || !RuleContext.Lacks(rule, household))
            {
                continue;
            }

            var categories = AidCategory.None;
            foreach (var person in members)
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
            yield return context.ForMember(rule, population.HeadOf(members), rule.Receiver, SourceCodes.LowIncome, detail,
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

        // Sorted by ID (on the run's idle core, while the record warnings are written), a person's entries sit side
        // by side: one pass, no per-person allocation for the many who appear once (a province holds millions).
        for (var start = 0; start < population.Count;)
        {
            // Taken again each time round: a span cannot be kept across the yield below.
            var entries = population.PersonsByKey;
            var key = population.IdKey(entries[start]);
            var end = start + 1;
            while (end < entries.Length && population.IdKey(entries[end]) == key)
            {
                end++;
            }

            entries = entries[start..end];
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
