using Matching.Core.Population;

namespace Matching.Core.Rules;

/// <summary>
/// The part of a low-income snapshot the rules of 重复救助 (<see cref="RuleShape.DuplicateAid"/>) can name, with their
/// households: the members whose ID is listed more than once, and those whose own categories exclude each other. The
/// rule names a person listed once only for the latter, one listed more often only with all of their entries, so
/// judging the part counts what judging the whole snapshot would, without a rules population of every member (about
/// 60 MB at 1M persons): what <c>lowincome import</c> counts beside the snapshot it stores.
/// </summary>
public static class DuplicateAidCandidates
{
    public static LowIncomeSnapshot Of(LowIncomeSnapshot snapshot, IEnumerable<RuleOptions> rules)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rules);
        var pairs = rules.SelectMany(PopulationRules.ExclusivePairs).ToArray();
        var members = snapshot.Members;
        var keys = new long[members.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = members[i].Id.Key;
        }

        Array.Sort(keys);
        var repeated = new HashSet<long>();
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i] == keys[i - 1])
            {
                repeated.Add(keys[i]);
            }
        }

        var named = new List<Member>();
        var households = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (repeated.Contains(member.Id.Key) || PopulationRules.Excludes(member.Categories, pairs))
            {
                named.Add(member);
                households.Add(member.HouseholdId);
            }
        }

        return new LowIncomeSnapshot([.. snapshot.Households.Where(h => households.Contains(h.HouseholdId))], named);
    }
}
