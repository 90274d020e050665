using System.Data.Common;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>An import that fails leaves the database exactly as it was: one transaction.</summary>
public abstract partial class MatchingStoreTests<TDb>
{
    [SkippableFact]
    public async Task Population_ImportAsync_MemberOfHouseholdNotInSnapshot_FailsAndChangesNothing()
    {
        var (a, b) = (TestIds.Valid(10), TestIds.Valid(11));
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Medical).Member("H1", a, "张三", AidCategory.Dibao).Build(), Batch("may.csv"), 1, 0, Ct);
        var before = await store.CountRowsAsync(Ct);
        var broken = new SnapshotBuilder()
            .Household("H2", AidType.Housing).Member("H2", b, "李四", AidCategory.Tekun)
            .Member("H-missing", TestIds.Valid(12), "王五")
            .Build();

        var error = await Record.ExceptionAsync(() => store.Population.ImportAsync(broken, Batch("june.csv"), 2, 0, Ct));

        Assert.True(error is DbException or MatchingException, $"unexpected {error?.GetType().Name}: {error?.Message}");
        await AssertUnchangedAsync(store, before, active: a, absent: b);
        Assert.Equal("may.csv", (await store.Batches.LastLowIncomeAsync(Ct))?.FileName);
    }

    [SkippableFact]
    public async Task Population_ImportAsync_Cancelled_FailsAndChangesNothing()
    {
        var (a, b) = (TestIds.Valid(13), TestIds.Valid(14));
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", a, "张三").Build(), Batch("may.csv"), 1, 0, Ct);
        var before = await store.CountRowsAsync(Ct);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Population.ImportAsync(
            new SnapshotBuilder().Household("H2").Member("H2", b, "李四").Build(), Batch("june.csv"), 1, 0, cancel.Token));

        await AssertUnchangedAsync(store, before, active: a, absent: b);
    }

    [SkippableFact]
    public async Task Population_ImportAsync_AfterFailedImport_NextImportSucceeds()
    {
        var id = TestIds.Valid(15);
        await using var store = await OpenInitializedAsync();
        var broken = new SnapshotBuilder().Member("H-missing", id, "张三").Build();
        Assert.IsType<MatchingException>(await Record.ExceptionAsync(() => store.Population.ImportAsync(broken, Batch("bad.csv"), 1, 0, Ct)));

        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Build(), Batch("good.csv"), 1, 0, Ct);

        Assert.True((await store.Population.LoadIndexAsync(Ct)).Contains(id.Key));
    }

    [SkippableFact]
    public async Task Population_ImportAsync_BeforeInit_ThrowsTellingToRunInit()
    {
        await using var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<MatchingException>(() => store.Population.ImportAsync(new SnapshotBuilder().Build(), Batch("a.csv"), 0, 0, Ct));

        Assert.Contains("matching init", error.Message, StringComparison.Ordinal);
    }

    private static async Task AssertUnchangedAsync(
        MatchingStore store, IReadOnlyDictionary<string, long> before, IdNumber active, IdNumber absent)
    {
        Assert.Equal(before, await store.CountRowsAsync(Ct));
        var population = await store.Population.LoadIndexAsync(Ct);
        Assert.True(population.Contains(active.Key), "a member of the last good snapshot is no longer active");
        Assert.False(population.Contains(absent.Key));
    }
}
