using System.Globalization;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>
/// Runs as stored (<c>store.Runs</c>): a run's start, failure or completion, and what <c>matching status</c> shows of them
/// (recent runs, the lock). What a run reads is tested with its own aggregate: the population in
/// <c>MatchingStoreTests.LowIncome.cs</c>, the counting batches and their records in <c>MatchingStoreTests.Departments.cs</c>.
/// </summary>
public abstract partial class MatchingStoreTests<TDb>
{
    private const string Operator = "operator@civil-affairs pid 4242";

    private static readonly DateTimeOffset Night = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The store's clock in the run tests: runs start, fail, finish and answer at the times a test sets.</summary>
    private readonly StepClock _clock = new(Night);

    [SkippableFact]
    public async Task Runs_BeginAsync_NewRun_RunningWithStartAsOfOperatorAndTheLowIncomeBatch()
    {
        await using var store = await OpenAtAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Build(), Batch("may.csv"), 0, 0, Ct);
        var june = await store.Population.ImportAsync(new SnapshotBuilder().Build(), Batch("june.csv"), 0, 0, Ct);

        var runId = await store.Runs.BeginAsync(new DateOnly(2026, 11, 27), Operator, Ct);
        var run = Assert.Single(await store.Runs.RecentAsync(5, Ct));

        Assert.Equal((runId, RunOutcome.Running, "2026-11-28T02:00:00.000Z", (string?)null, "2026-11-27", Operator), (run.RunId, run.Outcome, run.StartedAt, run.FinishedAt, run.AsOf, run.Operator));
        Assert.Equal((string.Empty, 0L, (string?)null), (run.Batches, run.Records, run.Error));
        Assert.Empty(run.Counts);
        Assert.Equal([june.ToString(CultureInfo.InvariantCulture)], await QueryAsync("SELECT lowincome_batch_id FROM run WHERE run_id = @p", runId));
    }

    [SkippableFact]
    public async Task Runs_BeginAsync_EarlierRunStillMarkedRunning_ThatRunInterruptedAndItsBatchesStayPending()
    {
        await using var store = await OpenAtAsync();
        var batch = (await ImportAsync(store, DepartmentBatch("education", "students.csv"), [Row(2, TestIds.Valid(45).Value, "张三")])).BatchId;
        var killed = await store.Runs.BeginAsync(new DateOnly(2026, 11, 28), Operator, Ct);
        _clock.Now = Night.AddHours(1);

        var next = await store.Runs.BeginAsync(new DateOnly(2026, 11, 28), Operator, Ct);
        var runs = await store.Runs.RecentAsync(5, Ct);

        Assert.Equal([(next, RunOutcome.Running, (string?)null), (killed, RunOutcome.Interrupted, "the process stopped before the run finished")], runs.Select(r => (r.RunId, r.Outcome, r.Error)));
        var pending = Assert.Single(await store.Batches.CountingAsync(Ledgers, Ct));
        Assert.Equal((batch, BatchStatus.Pending), (pending.BatchId, pending.Status));
    }

    [SkippableFact]
    public async Task Runs_FailAsync_RunningRun_FailedWithTheMessageAndTimeAndNothingElseChanged()
    {
        await using var store = await OpenAtAsync();
        var batch = (await ImportAsync(store, DepartmentBatch("education", "students.csv"), [Row(2, TestIds.Valid(46).Value, "张三")])).BatchId;
        var runId = await store.Runs.BeginAsync(new DateOnly(2026, 11, 28), Operator, Ct);
        _clock.Now = Night.AddMinutes(3);
        const string Why = "the low-income database is empty: load it first (`matching lowincome import <file>`); 低收入人口数据库为空";

        await store.Runs.FailAsync(runId, Why, Ct);
        var run = Assert.Single(await store.Runs.RecentAsync(5, Ct));

        Assert.Equal((RunOutcome.Failed, "2026-11-28T02:00:00.000Z", "2026-11-28T02:03:00.000Z", Why), (run.Outcome, run.StartedAt, run.FinishedAt, run.Error));
        Assert.Empty(run.Counts);
        Assert.Equal(BatchStatus.Pending, (await BatchAsync(store, batch)).Status);
        Assert.Equal(0L, (await store.CountRowsAsync(Ct))["warning"]);
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_Findings_CountsPerCodeReturnedAndStoredRunSucceededBatchesProcessed()
    {
        await using var store = await OpenAtAsync();
        var students = (await ImportAsync(store, DepartmentBatch("education", "students.csv"), [Row(2, TestIds.Valid(47).Value, "张三")])).BatchId;
        var bills = (await ImportAsync(store, DepartmentBatch("medical-bills", "bills.csv"), [Row(2, TestIds.Valid(48).Value, "李四")])).BatchId;
        var runId = await store.Runs.BeginAsync(new DateOnly(2026, 11, 28), Operator, Ct);
        _clock.Now = Night.AddSeconds(42);
        Warning[] found = [MedGap(Li, "李四", "H2", "25,000.00"), EduGap(ZhangXiaoming, "张小明", "H1"), NotCovered(Stranger, "陈同学"), EduGap(LiXiaohong, "李小红", "H2")];

        var counts = await store.Runs.CompleteAsync(runId, new DateOnly(2026, 11, 28), found, [students, bills], 2, Ct);
        var run = Assert.Single(await store.Runs.RecentAsync(5, Ct));

        RunCount[] expected = [new("EDU_AID_GAP", 2, 2, 0, 0, 0), new("EDU_NOT_COVERED", 1, 1, 0, 0, 0), new("MED_AID_GAP", 1, 1, 0, 0, 0)];
        Assert.Equal(expected, counts);
        Assert.Equal(expected, run.Counts);
        Assert.Equal((RunOutcome.Succeeded, "2026-11-28T02:00:42.000Z", $"{students},{bills}", 2L, (string?)null), (run.Outcome, run.FinishedAt, run.Batches, run.Records, run.Error));
        Assert.Equal([BatchStatus.Processed, BatchStatus.Processed], (await store.Batches.CountingAsync(Ledgers, Ct)).Select(b => b.Status));
        Assert.Equal(4, (await store.CountRowsAsync(Ct))["warning_event"]);
    }

    [SkippableFact]
    public async Task Runs_RecentAsync_SeveralRuns_NewestFirstUpToTheLimitEachWithItsOwnCounts()
    {
        await using var store = await OpenAtAsync();
        var first = await RunAsync(store, "2026-11-28", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Li, "李四", "H2", "25,000.00"));
        var second = await RunAsync(store, "2026-12-05", EduGap(ZhangXiaoming, "张小明", "H1"));
        var failed = await store.Runs.BeginAsync(new DateOnly(2026, 12, 12), Operator, Ct);
        await store.Runs.FailAsync(failed, "cancelled", Ct);
        var running = await store.Runs.BeginAsync(new DateOnly(2026, 12, 19), Operator, Ct);

        var latest = await store.Runs.RecentAsync(3, Ct);
        var all = await store.Runs.RecentAsync(10, Ct);

        Assert.Equal([(running, RunOutcome.Running), (failed, RunOutcome.Failed), (second, RunOutcome.Succeeded)], latest.Select(r => (r.RunId, r.Outcome)));
        Assert.Equal([running, failed, second, first], all.Select(r => r.RunId));
        Assert.Equal(["2026-12-19", "2026-12-12", "2026-12-05", "2026-11-28"], all.Select(r => r.AsOf));
        Assert.Equal([new RunCount("EDU_AID_GAP", 1, 0, 1, 0, 0), new RunCount("MED_AID_GAP", 0, 0, 0, 0, 1)], all[2].Counts);
        Assert.Equal([new RunCount("EDU_AID_GAP", 1, 1, 0, 0, 0), new RunCount("MED_AID_GAP", 1, 1, 0, 0, 0)], all[3].Counts);
        Assert.Empty(all[0].Counts);
        Assert.Empty(all[1].Counts);
    }

    [SkippableFact]
    public async Task Runs_RecentAsync_NoRunYet_Empty()
    {
        await using var store = await OpenInitializedAsync();

        Assert.Empty(await store.Runs.RecentAsync(5, Ct));
    }

    [SkippableFact]
    public async Task Runs_LockHolderAsync_HeldThenReleased_HolderAndSinceThenNobody()
    {
        await using var store = await OpenInitializedAsync();
        Assert.Null(await store.Runs.LockHolderAsync(Ct));
        var before = TimeProvider.System.GetUtcNow().AddSeconds(-1);

        var held = await RunLock.AcquireAsync(Options, TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeProvider.System, Ct);
        var holder = await store.Runs.LockHolderAsync(Ct);
        await held.DisposeAsync();

        Assert.NotNull(holder);
        Assert.Equal(RunLock.Me, holder.Value.Holder);
        Assert.InRange(DateTimeOffset.Parse(holder.Value.Since, CultureInfo.InvariantCulture), before, TimeProvider.System.GetUtcNow());
        Assert.Null(await store.Runs.LockHolderAsync(Ct));
    }

    [SkippableFact]
    public async Task Runs_LockHolderAsync_LockPastItsExpiry_Nobody()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        await using var held = await RunLock.AcquireAsync(Options, TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeProvider.System, Ct);

        // Seen ten minutes later by a clock that the holder's renewals (every 100 s) have not reached.
        await using var later = await MatchingStore.OpenAsync(Options, new StepClock(TimeProvider.System.GetUtcNow().AddMinutes(10)), Ct);

        Assert.Null(await later.Runs.LockHolderAsync(Ct));
    }

    /// <summary>The store at <see cref="_clock"/>'s time, schema created.</summary>
    private async Task<MatchingStore> OpenAtAsync()
    {
        var store = await MatchingStore.OpenAsync(Options, _clock, Ct);
        await store.InitAsync(Ct);
        return store;
    }

    /// <summary>One whole run as of <paramref name="asOf"/> (the clock set to 02:00 UTC that day) finding <paramref name="found"/>.</summary>
    private async Task<long> RunAsync(MatchingStore store, string asOf, params Warning[] found)
    {
        var day = DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _clock.Now = new DateTimeOffset(day, new TimeOnly(2, 0), TimeSpan.Zero);
        var runId = await store.Runs.BeginAsync(day, Operator, Ct);
        await store.Runs.CompleteAsync(runId, day, found, [], found.Length, Ct);
        return runId;
    }

    /// <summary>A clock that stands still until a test moves it.</summary>
    private sealed class StepClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
