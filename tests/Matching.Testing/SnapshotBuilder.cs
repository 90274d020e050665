using Matching.Core.Identity;
using Matching.Core.Population;

namespace Matching.Testing;

/// <summary>Builds a <see cref="LowIncomeSnapshot"/> that reads like the domain: households, then their members.</summary>
public sealed class SnapshotBuilder
{
    private readonly List<Household> _households = [];
    private readonly List<Member> _members = [];

    /// <summary>Adds a household (户) with the aid it receives.</summary>
    public SnapshotBuilder Household(string householdId, AidType aid = AidType.None, decimal? income = null, string subdistrict = "天坛街道")
    {
        _households.Add(new Household { HouseholdId = householdId, Aid = aid, AnnualIncome = income, Subdistrict = subdistrict });
        return this;
    }

    /// <summary>Adds a member to <paramref name="householdId"/> (the household need not have been added: for broken snapshots).</summary>
    public SnapshotBuilder Member(string householdId, IdNumber id, string name, AidCategory categories = AidCategory.Dibao)
    {
        _members.Add(new Member { HouseholdId = householdId, Id = id, Name = name, Categories = categories });
        return this;
    }

    public LowIncomeSnapshot Build() => new([.. _households], [.. _members]);
}
