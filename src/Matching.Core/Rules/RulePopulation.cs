using Matching.Core.Population;

namespace Matching.Core.Rules;

/// <summary>
/// The active low-income population as the rules see it: the matching index, and for every person-in-household
/// (the index's positions) the member's categories and flags and the household's place, income, housing and aid.
/// </summary>
public sealed class RulePopulation
{
    private readonly Member[] _members;
    private readonly Dictionary<string, Household> _households;
    private readonly Lazy<Dictionary<string, List<int>>> _byHousehold;
    private readonly Lazy<PopulationIndex> _index;

    public RulePopulation(LowIncomeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _members = [.. snapshot.Members];
        _households = new Dictionary<string, Household>(snapshot.Households.Count, StringComparer.Ordinal);
        foreach (var household in snapshot.Households)
        {
            _households[household.HouseholdId] = household;
        }

        // Built on first use: the duplicate-aid check on every low-income import needs neither.
        _byHousehold = new Lazy<Dictionary<string, List<int>>>(GroupByHousehold);
        _index = new Lazy<PopulationIndex>(BuildIndex);
    }

    /// <summary>The index the matcher looks persons up in; its person numbers are this population's.</summary>
    public PopulationIndex Index => _index.Value;

    public int Count => _members.Length;

    public Member Member(int person) => _members[person];

    /// <summary>The household of <paramref name="person"/> (an empty one when the snapshot lacks it).</summary>
    public Household HouseholdOf(int person) => Household(_members[person].HouseholdId);

    public Household Household(string householdId) =>
        _households.TryGetValue(householdId, out var household) ? household : new Household { HouseholdId = householdId };

    public IEnumerable<string> HouseholdIds => _byHousehold.Value.Keys;

    /// <summary>The persons of a household, in snapshot order.</summary>
    public IReadOnlyList<int> MembersOf(string householdId) =>
        _byHousehold.Value.TryGetValue(householdId, out var list) ? list : [];

    /// <summary>The union of the categories of a household's members.</summary>
    public AidCategory CategoriesOf(string householdId)
    {
        var categories = AidCategory.None;
        foreach (var person in MembersOf(householdId))
        {
            categories |= _members[person].Categories;
        }

        return categories;
    }

    /// <summary>The person household-level warnings name: the head (户主), else the household's first member.</summary>
    public int HeadOf(string householdId)
    {
        var members = MembersOf(householdId);
        foreach (var person in members)
        {
            if (_members[person].Relation == "户主")
            {
                return person;
            }
        }

        return members.Count > 0 ? members[0] : -1;
    }

    private Dictionary<string, List<int>> GroupByHousehold()
    {
        var groups = new Dictionary<string, List<int>>(_households.Count, StringComparer.Ordinal);
        for (var i = 0; i < _members.Length; i++)
        {
            var householdId = _members[i].HouseholdId;
            if (!groups.TryGetValue(householdId, out var list))
            {
                groups[householdId] = list = [];
            }

            list.Add(i);
        }

        return groups;
    }

    private PopulationIndex BuildIndex()
    {
        var keys = new long[_members.Length];
        var names = new string[_members.Length];
        var householdIds = new string[_members.Length];
        for (var i = 0; i < _members.Length; i++)
        {
            keys[i] = _members[i].Id.Key;
            names[i] = _members[i].Name;
            householdIds[i] = _members[i].HouseholdId;
        }

        return new PopulationIndex(keys, names, householdIds);
    }
}
