namespace Matching.Storage.Tests;

public abstract partial class MatchingStoreTests<TDb>
{
    [SkippableFact]
    public async Task PurgeAsync_AuditPastRetention_DryRunCountsThenDeletesExactlyThose()
    {
        await using var store = await OpenInitializedAsync();
        var ledgers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var year in (int[])[2015, 2018, 2025])
        {
            await store.RecordAccessAsync(new AccessRecord
            {
                At = new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero), OsUser = "u", Host = "h", Command = "show",
            }, Ct);
        }

        var cutoff = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var dry = await store.PurgeAsync(cutoff, cutoff, cutoff, ledgers, dryRun: true, Ct);
        Assert.Equal(3, (await store.AccessRecordsAsync(null, null, Ct)).Count);
        var real = await store.PurgeAsync(cutoff, cutoff, cutoff, ledgers, dryRun: false, Ct);

        Assert.Equal(new PurgeCounts(0, 0, 2), dry);
        Assert.Equal(dry, real);
        Assert.Equal([2025], (await store.AccessRecordsAsync(null, null, Ct)).Select(r => r.At.Year));
    }
}
