using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Core.Tests.Rules;

/// <summary>Members read in storage order and put in household order by the builder, as a sorted read would give them.</summary>
public sealed class RulePopulationBuilderTests
{
    private static readonly string[] Households = ["H1", "H2", "H3"];

    private static RulePopulation.Builder Added(params (int Group, int Person)[] members)
    {
        var builder = new RulePopulation.Builder(2);
        foreach (var household in Households)
        {
            builder.Add(new Household { HouseholdId = household });
        }

        foreach (var (group, person) in members)
        {
            builder.Add(Households[group], TestIds.Valid(person).Key, "成员" + person, person % 2 == 0 ? "户主" : "子女",
                person % 3 == 0 ? AidCategory.Dibao : AidCategory.Tekun, seriousIllness: person % 4 == 0, severeDisability: person % 5 == 0,
                tekunSupport: "支持" + person);
        }

        return builder;
    }

    [Fact]
    public void ReleaseIndex_AfterUse_ANewIndexWithTheSameLookUps()
    {
        var population = Added((0, 1), (1, 2), (2, 3)).Build();
        var first = population.Index;
        Assert.True(first.TryFind(TestIds.Valid(2).Key, out var before));

        population.ReleaseIndex();
        var second = population.Index;

        Assert.NotSame(first, second);
        Assert.True(second.TryFind(TestIds.Valid(2).Key, out var after));
        Assert.Equal(before, after);
        Assert.Equal("成员2", second.Name(after).ToString());
        Assert.False(second.Contains(TestIds.Valid(4).Key));
    }

    [Fact]
    public void OrderByGroup_Scrambled_EachMemberKeepsTheHouseholdAddedForIt()
    {
        (int Group, int Person)[] added = [(2, 1), (0, 2), (1, 3), (0, 4), (2, 5), (1, 6)];
        var builder = new RulePopulation.Builder(2);
        var households = Households.ToDictionary(id => id, id => new Household { HouseholdId = id, Village = id + "村" });
        foreach (var household in households.Values)
        {
            builder.Add(household);
        }

        foreach (var (group, person) in added)
        {
            builder.Add(new string(Households[group].AsSpan()), TestIds.Valid(person).Key, "成员" + person, "户主", AidCategory.Dibao, false, false, string.Empty);
        }

        builder.OrderByGroup([.. added.Select(a => a.Group)]);
        var population = builder.Build();

        Assert.Equal(["H1", "H1", "H2", "H2", "H3", "H3"], Enumerable.Range(0, population.Count).Select(p => population.HouseholdOf(p).HouseholdId));
        Assert.All(Enumerable.Range(0, population.Count), p => Assert.Same(households[population.HouseholdIdOf(p)], population.HouseholdOf(p)));
        Assert.All(Enumerable.Range(0, population.Count), p => Assert.Same(population.HouseholdOf(p).HouseholdId, population.HouseholdIdOf(p)));
    }

    [Fact]
    public void Add_HouseholdGiven_ItsIdSharedAndItIsTheMembersWithoutALookUp()
    {
        var builder = new RulePopulation.Builder(2);
        var added = new Household { HouseholdId = "H1", Subdistrict = "城关街道" };
        builder.Add(added);
        var given = new Household { HouseholdId = "H1", Subdistrict = "另一街道" };

        builder.Add(new string("H1".AsSpan()), given, TestIds.Valid(1).Key, "成员1", "户主", AidCategory.Dibao, false, false, string.Empty);
        builder.Add(new string("H1".AsSpan()), null, TestIds.Valid(2).Key, "成员2", "子女", AidCategory.Dibao, false, false, string.Empty);
        builder.Add("H9", null, TestIds.Valid(3).Key, "成员3", "户主", AidCategory.Dibao, false, false, string.Empty);
        var population = builder.Build();

        Assert.Same(given, population.HouseholdOf(0));
        Assert.Same(given.HouseholdId, population.HouseholdIdOf(0));
        Assert.Same(added, population.HouseholdOf(1));
        Assert.Same(added.HouseholdId, population.HouseholdIdOf(1));
        Assert.Equal(("H9", string.Empty), (population.HouseholdOf(2).HouseholdId, population.HouseholdOf(2).Subdistrict));
    }

    [Fact]
    public void AddUnplaced_ThenPlaced_AsAddedWithTheirHouseholds()
    {
        (int Group, int Person)[] added = [(2, 1), (0, 2), (1, 3), (0, 4), (2, 5)];
        var expected = Added(added).Build();
        var builder = new RulePopulation.Builder(2);
        foreach (var (_, person) in added)
        {
            builder.AddUnplaced(TestIds.Valid(person).Key, "成员" + person, person % 2 == 0 ? "户主" : "子女",
                person % 3 == 0 ? AidCategory.Dibao : AidCategory.Tekun, seriousIllness: person % 4 == 0, severeDisability: person % 5 == 0,
                tekunSupport: "支持" + person);
        }

        var households = Households.Select(id => new Household { HouseholdId = id }).ToArray();
        foreach (var household in households)
        {
            builder.Add(household);
        }

        for (var i = 0; i < added.Length; i++)
        {
            builder.Place(i, new string(Households[added[i].Group].AsSpan()), households[added[i].Group]);
        }

        builder.AddUnplaced(TestIds.Valid(6).Key, "成员6", "户主", AidCategory.Dibao, false, false, string.Empty);
        builder.Place(added.Length, "H9", null);
        var population = builder.Build();

        Assert.Equal(Enumerable.Range(0, expected.Count).Select(expected.Member), Enumerable.Range(0, added.Length).Select(population.Member));
        Assert.All(Enumerable.Range(0, added.Length), p => Assert.Same(households[added[p].Group], population.HouseholdOf(p)));
        Assert.All(Enumerable.Range(0, added.Length), p => Assert.Same(population.HouseholdOf(p).HouseholdId, population.HouseholdIdOf(p)));
        Assert.Equal(("H9", "H9"), (population.HouseholdIdOf(added.Length), population.HouseholdOf(added.Length).HouseholdId));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Place(added.Length + 1, "H1", households[0]));
    }

    [Fact]
    public void ReleaseIndex_NeverBuilt_BuiltOnFirstUse()
    {
        var population = Added((0, 1)).Build();

        population.ReleaseIndex();

        Assert.True(population.Index.Contains(TestIds.Valid(1).Key));
        Assert.Same(population.Index, population.Index);
    }

    [Fact]
    public void OrderByGroup_Scrambled_HouseholdOrderStableWithinEach()
    {
        (int Group, int Person)[] added = [(2, 1), (0, 2), (1, 3), (0, 4), (2, 5), (1, 6), (0, 7), (2, 8), (2, 9), (1, 10)];
        var builder = Added(added);

        builder.OrderByGroup([.. added.Select(a => a.Group)]);
        var population = builder.Build();

        var expected = added.Select((a, at) => (a, at)).OrderBy(x => x.a.Group).ThenBy(x => x.at).Select(x => x.a).ToArray();
        Assert.Equal(expected.Length, population.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var (group, person) = expected[i];
            var member = population.Member(i);
            Assert.Equal(
                (Households[group], TestIds.Valid(person), "成员" + person, person % 2 == 0 ? "户主" : "子女", person % 3 == 0 ? AidCategory.Dibao : AidCategory.Tekun,
                    person % 4 == 0, person % 5 == 0, "支持" + person),
                (member.HouseholdId, member.Id, member.Name, member.Relation, member.Categories, member.SeriousIllness, member.SevereDisability, member.TekunSupport));
        }

        Assert.Equal([3, 4, 5], population.MembersOf("H2").ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MembersOf_HouseholdsTogetherOrApart_EachOnesPersonsInOrderHouseholdsFirstSeenFirst(bool apart)
    {
        // Together (as a run loads them): one pass finds each household's run; apart, they are counted and placed.
        (int Group, int Person)[] added = apart
            ? [(1, 1), (0, 2), (1, 3), (2, 4), (0, 5), (2, 6)]
            : [(1, 1), (1, 3), (0, 2), (0, 5), (2, 4), (2, 6)];

        var population = Added(added).Build();

        Assert.Equal(["H2", "H1", "H3"], population.HouseholdIds);
        for (var group = 0; group < Households.Length; group++)
        {
            var expected = added.Select((a, person) => (a.Group, person)).Where(x => x.Group == group).Select(x => x.person);
            Assert.Equal(expected, population.MembersOf(Households[group]).ToArray());
        }

        Assert.True(population.MembersOf("H9").IsEmpty);
        Assert.Equal(added.Select(a => "成员" + a.Person), added.Select((_, person) => population.Member(person).Name));
    }

    [Fact]
    public void MembersOf_NoMembers_NoHouseholds()
    {
        var population = Added().Build();

        Assert.Empty(population.HouseholdIds);
        Assert.True(population.MembersOf("H1").IsEmpty);
    }

    [Fact]
    public void OrderByGroup_AlreadyInOrder_Unchanged()
    {
        (int Group, int Person)[] added = [(0, 1), (0, 2), (1, 3), (2, 4), (2, 5)];
        var builder = Added(added);

        builder.OrderByGroup([.. added.Select(a => a.Group)]);
        var population = builder.Build();

        Assert.Equal(added.Select(a => TestIds.Valid(a.Person)), Enumerable.Range(0, population.Count).Select(i => population.Member(i).Id));
    }

    [Fact]
    public void OrderByGroup_NotOnePerMemberOrNegative_Refused()
    {
        var builder = Added((0, 1), (1, 2));

        Assert.Throws<ArgumentException>(() => builder.OrderByGroup([0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.OrderByGroup([0, -1]));
    }
}
