using Matching.Core.Identity;

namespace Matching.Core.Population;

/// <summary>
/// The active low-income persons (低收入人口), held in memory for one matching run and looked up by the packed
/// 64-bit ID key. Built once per run from the database; never queried per row.
/// </summary>
public sealed class PopulationIndex
{
    private readonly long[] _keys;
    private readonly string[] _names;
    private readonly string[] _householdIds;
    private readonly Dictionary<long, int> _byKey;

    /// <param name="keys">ID keys (<see cref="IdNumber.Key"/>), one per person-in-household.</param>
    /// <param name="names">Names, parallel to <paramref name="keys"/>.</param>
    /// <param name="householdIds">Household ids (户编号), parallel to <paramref name="keys"/>.</param>
    public PopulationIndex(long[] keys, string[] names, string[] householdIds)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(householdIds);
        if (names.Length != keys.Length || householdIds.Length != keys.Length)
        {
            throw new ArgumentException("keys, names and household ids must be parallel arrays");
        }

        _keys = keys;
        _names = names;
        _householdIds = householdIds;
        _byKey = new Dictionary<long, int>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            // The same person in two households (重复救助) is a warning for the rules, not for matching:
            // the first entry answers look-ups.
            if (!_byKey.TryAdd(keys[i], i))
            {
                DuplicateCount++;
            }
        }
    }

    public int Count => _keys.Length;

    /// <summary>Persons listed in more than one household.</summary>
    public int DuplicateCount { get; }

    public bool TryFind(long key, out int person) => _byKey.TryGetValue(key, out person);

    public bool Contains(long key) => _byKey.ContainsKey(key);

    public IdNumber Id(int person) => IdNumber.FromKey(_keys[person]);

    public string Name(int person) => _names[person];

    public string HouseholdId(int person) => _householdIds[person];
}
