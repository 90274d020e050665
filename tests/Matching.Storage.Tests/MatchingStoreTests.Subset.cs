using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>The set-based look-up for a population too large for memory: exactly the persons a file can touch.</summary>
public abstract partial class MatchingStoreTests<TDb>
{
    private const int OtherRegion = 110101;

    [SkippableFact]
    public async Task Population_LoadSubsetAsync_KeysBlocksAndBirthDates_ExactlyThosePersons()
    {
        var a = TestIds.Make(TestIds.Jiyuan, new DateOnly(1980, 1, 1), 11);
        var aSibling = TestIds.Make(TestIds.Jiyuan, new DateOnly(1980, 1, 1), 12);
        var c = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 5, 5), 21);
        var cTwin = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 5, 5), 22);
        var cElsewhere = TestIds.Make(OtherRegion, new DateOnly(1990, 5, 5), 23);
        var e = TestIds.Make(OtherRegion, new DateOnly(2000, 1, 1), 31);
        var gone = TestIds.Make(TestIds.Jiyuan, new DateOnly(2000, 1, 1), 32);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H0").Member("H0", gone, "离开").Build(), Batch("may.csv"), 1, 0, Ct);
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1").Member("H1", a, "甲").Member("H1", aSibling, "乙")
            .Household("H2").Member("H2", c, "丙").Member("H2", cTwin, "丁").Member("H2", a, "甲")
            .Household("H3").Member("H3", cElsewhere, "戊").Member("H3", e, "己")
            .Build(), Batch("june.csv"), 6, 0, Ct);
        var needs = new PopulationNeeds();
        needs.Keys.Add(a.Key);
        needs.Keys.Add(TestIds.Make(TestIds.Jiyuan, new DateOnly(1970, 1, 1), 99).Key);
        needs.Prefixes.Add(c.Key / 1000);
        needs.BirthDates.Add(20000101);

        var subset = await store.Population.LoadSubsetAsync(needs, Ct);

        var found = Enumerable.Range(0, subset.Count).Select(p => (subset.Id(p).Value, subset.Name(p).ToString())).Order().ToList();
        (string, string)[] expected = [(a.Value, "甲"), (a.Value, "甲"), (c.Value, "丙"), (cTwin.Value, "丁"), (e.Value, "己")];
        Assert.Equal(expected.Order(), found);
        Assert.True(subset.TryFind(a.Key, out _));
        Assert.Equal(2, subset.WithPrefix(c.Key / 1000, 14).Length);
        Assert.Single(subset.BornOn(20000101).ToArray(), p => subset.Id(p) == e);
        Assert.Equal(1, subset.DuplicateCount);
    }

    [SkippableFact]
    public async Task Population_LoadSubsetAsync_NothingNeeded_EmptyAndNothingLeftBehind()
    {
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", TestIds.Valid(1), "张三").Build(), Batch("a.csv"), 1, 0, Ct);
        var before = await store.CountRowsAsync(Ct);

        var first = await store.Population.LoadSubsetAsync(new PopulationNeeds(), Ct);
        var again = await store.Population.LoadSubsetAsync(new PopulationNeeds(), Ct);

        Assert.Equal((0, 0), (first.Count, again.Count));
        Assert.Equal(before, await store.CountRowsAsync(Ct));
    }
}
