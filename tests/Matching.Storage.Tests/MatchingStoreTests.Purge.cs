using Matching.Core.Departments;
using Matching.Testing;

namespace Matching.Storage.Tests;

public abstract partial class MatchingStoreTests<TDb>
{
    [SkippableFact]
    public async Task PurgeAsync_AuditPastRetention_DryRunCountsThenDeletesExactlyThose()
    {
        await using var store = await OpenInitializedAsync();
        var ledgers = new HashSet<string>(StringComparer.Ordinal);
        var noLedgers = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var year in (int[])[2015, 2018, 2025])
        {
            await store.Access.RecordAsync(new AccessRecord
            {
                At = new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero), OsUser = "u", Host = "h", Command = "show",
            }, Ct);
        }

        var cutoff = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var dry = await store.PurgeAsync(cutoff, noLedgers, cutoff, ledgers, dryRun: true, Ct);
        Assert.Equal(3, (await store.Access.ListAsync(null, null, Ct)).Count);
        var real = await store.PurgeAsync(cutoff, noLedgers, cutoff, ledgers, dryRun: false, Ct);

        Assert.Equal(new PurgeCounts(0, 0, 0, 2), dry);
        Assert.Equal(dry, real);
        Assert.Equal([2025], (await store.Access.ListAsync(null, null, Ct)).Select(r => r.At.Year));
    }

    [SkippableFact]
    public async Task PurgeAsync_SupersededListAndOldLedgerEvents_DryRunCountsThenDeletesExactlyThose()
    {
        await using var store = await OpenInitializedAsync();
        var patient = TestIds.Valid(71).Value;
        var old = await ImportAsync(store, DepartmentBatch("education", "a.csv"), [Row(2, TestIds.Valid(72).Value, "甲"), Row(3, TestIds.Valid(73).Value, "乙")]);
        var current = await ImportAsync(store, DepartmentBatch("education", "b.csv"), [Row(2, TestIds.Valid(72).Value, "甲")]);
        var bills = await ImportAsync(store, DepartmentBatch("medical-bills", "bills.csv"),
            [Bill(2, patient, "张三", new DateOnly(2019, 3, 1), 100m), Bill(3, patient, "张三", new DateOnly(2024, 5, 1), 200m)], kind: DepartmentKind.Ledger);
        var cutoff = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero); // a.csv was superseded on b.csv's import, 2024-06-01
        var ledgerCutoffs = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal) { ["medical-bills"] = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        var dry = await store.PurgeAsync(cutoff, ledgerCutoffs, null, Ledgers, dryRun: true, Ct);
        Assert.Equal(2, (await RecordsAsync(store, old.BatchId)).Count);
        var real = await store.PurgeAsync(cutoff, ledgerCutoffs, null, Ledgers, dryRun: false, Ct);
        var again = await store.PurgeAsync(cutoff, ledgerCutoffs, null, Ledgers, dryRun: false, Ct);

        Assert.Equal(new PurgeCounts(1, 2, 1, 0), dry);
        Assert.Equal(dry, real);
        Assert.Equal(new PurgeCounts(0, 0, 0, 0), again);
        Assert.Empty(await RecordsAsync(store, old.BatchId));
        Assert.Single(await RecordsAsync(store, current.BatchId));
        Assert.Equal([3L], (await RecordsAsync(store, bills.BatchId, ledger: true)).Select(r => r.SourceRow));
        var batches = await store.Batches.ListAsync(null, Ledgers, Ct);
        Assert.NotNull(batches.Single(b => b.BatchId == old.BatchId).PurgedAt);
        Assert.All(batches.Where(b => b.BatchId != old.BatchId), b => Assert.Null(b.PurgedAt));
    }
}
