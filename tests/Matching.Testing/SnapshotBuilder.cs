using Matching.Core.Identity;
using Matching.Core.Population;

namespace Matching.Testing;

/// <summary>Builds a <see cref="LowIncomeSnapshot"/> that reads like the domain: households, then their members.</summary>
public sealed class SnapshotBuilder
{
    private readonly List<Household> _households = [];
    private readonly List<Member> _members = [];

    /// <summary>Adds a household (户) with the aid it receives, its place, income and housing difficulty.</summary>
    public SnapshotBuilder Household(string householdId, AidType aid = AidType.None, decimal? income = null, string subdistrict = "天坛街道",
        bool housingDifficulty = false, string village = "")
    {
        _households.Add(new Household
        {
            HouseholdId = householdId, Aid = aid, AnnualIncome = income, Subdistrict = subdistrict,
            HousingDifficulty = housingDifficulty, Village = village,
        });
        return this;
    }

    /// <summary>Adds a member to <paramref name="householdId"/> (the household need not have been added: for broken snapshots).</summary>
    public SnapshotBuilder Member(string householdId, IdNumber id, string name, AidCategory categories = AidCategory.Dibao,
        string relation = "", string tekunSupport = "")
    {
        _members.Add(new Member
        {
            HouseholdId = householdId, Id = id, Name = name, Categories = categories, Relation = relation, TekunSupport = tekunSupport,
        });
        return this;
    }

    public LowIncomeSnapshot Build() => new([.. _households], [.. _members]);
}
