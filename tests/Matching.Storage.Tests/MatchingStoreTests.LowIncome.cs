using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Storage.Tests;

public abstract partial class MatchingStoreTests<TDb>
{
    private const string CategoriesOf = "SELECT categories FROM member WHERE id_key = @p";
    private const string AidOf = "SELECT aid FROM household WHERE household_id = @p";

    [SkippableFact]
    public async Task ImportLowIncomeAsync_Snapshot_EveryMemberFoundByKeyWithNameAndHousehold()
    {
        var (a, b, c) = (TestIds.Valid(1), TestIds.Valid(2), TestIds.Valid(3));
        var snapshot = new SnapshotBuilder()
            .Household("H1").Member("H1", a, "张三").Member("H1", b, "李四")
            .Household("H2").Member("H2", c, "欧阳娜娜")
            .Build();
        await using var store = await OpenInitializedAsync();

        await store.Population.ImportAsync(snapshot, Batch("june.csv"), 3, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);

        Assert.Equal(3, population.Count);
        foreach (var (id, name, household) in new[] { (a, "张三", "H1"), (b, "李四", "H1"), (c, "欧阳娜娜", "H2") })
        {
            Assert.True(population.TryFind(id.Key, out var person));
            Assert.Equal((id, name, household), (population.Id(person), population.Name(person).ToString(), population.HouseholdId(person)));
        }

        Assert.Equal((2L, 3L), await store.Population.CountActiveAsync(Ct));
    }

    [SkippableFact]
    public async Task ImportLowIncomeAsync_SameIdInTwoHouseholds_BothStored()
    {
        var id = TestIds.Valid(4);
        var snapshot = new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Household("H2").Member("H2", id, "张三").Build();
        await using var store = await OpenInitializedAsync();

        await store.Population.ImportAsync(snapshot, Batch("june.csv"), 2, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);

        Assert.Equal((2, 1), (population.Count, population.DuplicateCount));
    }

    [SkippableFact]
    public async Task ImportLowIncomeAsync_MemberLeftOutOfNextSnapshot_InactiveButRowKept()
    {
        var (stays, leaves, household) = (TestIds.Valid(5), TestIds.Valid(6), TestIds.Valid(7));
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1").Member("H1", stays, "张三").Member("H1", leaves, "李四")
            .Household("H2").Member("H2", household, "王五").Build(), Batch("may.csv"), 3, 0, Ct);
        var before = await store.CountRowsAsync(Ct);

        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", stays, "张三").Build(), Batch("june.csv"), 1, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);
        var after = await store.CountRowsAsync(Ct);

        Assert.True(population.Contains(stays.Key));
        Assert.False(population.Contains(leaves.Key));
        Assert.False(population.Contains(household.Key));
        Assert.Equal(before["member"], after["member"]);
        Assert.Equal(before["household"], after["household"]);
        Assert.Equal((1L, 1L), await store.Population.CountActiveAsync(Ct));
        Assert.Equal(["0"], await QueryAsync("SELECT active FROM member WHERE id_key = @p", leaves.Key));
    }

    [SkippableFact]
    public async Task ImportLowIncomeAsync_MemberBackInLaterSnapshot_ActiveAgain()
    {
        var id = TestIds.Valid(8);
        var full = new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Build();
        await using var store = await OpenInitializedAsync();

        await store.Population.ImportAsync(full, Batch("may.csv"), 1, 0, Ct);
        await store.Population.ImportAsync(new SnapshotBuilder().Build(), Batch("june.csv"), 0, 0, Ct);
        await store.Population.ImportAsync(full, Batch("july.csv"), 1, 0, Ct);

        Assert.True((await store.Population.LoadIndexAsync(Ct, withHouseholds: true)).Contains(id.Key));
        Assert.Equal(1, (await store.CountRowsAsync(Ct))["member"]);
    }

    [SkippableFact]
    public async Task ImportLowIncomeAsync_PresentMember_CategoriesAndAidReplaced()
    {
        var id = TestIds.Valid(9);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Medical | AidType.Education).Member("H1", id, "张三", AidCategory.Dibao | AidCategory.Tekun)
            .Build(), Batch("may.csv"), 1, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Housing).Member("H1", id, "张三", AidCategory.Bianyuan)
            .Build(), Batch("june.csv"), 1, 0, Ct);

        Assert.Equal(["bianyuan"], await QueryAsync(CategoriesOf, id.Key));
        Assert.Equal(["housing"], await QueryAsync(AidOf, "H1"));
        var counts = await store.CountRowsAsync(Ct);
        Assert.Equal((1L, 1L), (counts["member"], counts["household"]));
    }

    [SkippableFact]
    public async Task ImportLowIncomeAsync_RenamedMember_NameUpdated()
    {
        var id = TestIds.Valid(16);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", id, "张山").Build(), Batch("may.csv"), 1, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Build(), Batch("june.csv"), 1, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);

        Assert.True(population.TryFind(id.Key, out var person));
        Assert.Equal("张三", population.Name(person).ToString());
    }

    [SkippableFact]
    public async Task ImportLowIncomeAsync_MemberMovedHousehold_FoundInNewHouseholdOnly()
    {
        var id = TestIds.Valid(17);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Build(), Batch("may.csv"), 1, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder().Household("H2").Member("H2", id, "张三").Build(), Batch("june.csv"), 1, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);

        Assert.Equal((1, 0), (population.Count, population.DuplicateCount));
        Assert.True(population.TryFind(id.Key, out var person));
        Assert.Equal("H2", population.HouseholdId(person));
        Assert.Equal(2, (await store.CountRowsAsync(Ct))["member"]);
    }
}
