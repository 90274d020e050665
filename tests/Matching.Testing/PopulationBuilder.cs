using Matching.Core.Identity;
using Matching.Core.Population;

namespace Matching.Testing;

/// <summary>Builds a small <see cref="PopulationIndex"/> that reads like the domain: households and their members.</summary>
public sealed class PopulationBuilder
{
    private readonly List<long> _keys = [];
    private readonly List<string> _names = [];
    private readonly List<string> _householdIds = [];

    /// <summary>Adds one person to household <paramref name="householdId"/>; persons are indexed in the order added.</summary>
    public PopulationBuilder Person(IdNumber id, string name, string householdId = "H1")
    {
        _keys.Add(id.Key);
        _names.Add(name);
        _householdIds.Add(householdId);
        return this;
    }

    /// <summary>Adds a household (户) with its members.</summary>
    public PopulationBuilder Household(string householdId, params (IdNumber Id, string Name)[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (var (id, name) in members)
        {
            Person(id, name, householdId);
        }

        return this;
    }

    public PopulationIndex Build() => new([.. _keys], [.. _names], [.. _householdIds]);
}
