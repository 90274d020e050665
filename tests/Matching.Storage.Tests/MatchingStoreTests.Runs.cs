using System.Globalization;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>
/// What a run reads and records: the active population with every field the rules use, each department's current
/// batch, the run's start, failure or completion, and what <c>matching status</c> shows (runs, refusals, the lock).
/// </summary>
public abstract partial class MatchingStoreTests<TDb>
{
    private const string Operator = "operator@civil-affairs pid 4242";

    private static readonly DateTimeOffset Night = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The store's clock in the run tests: runs start, fail, finish and answer at the times a test sets.</summary>
    private readonly StepClock _clock = new(Night);

    [SkippableFact]
    public async Task LoadLowIncomeAsync_Snapshot_EveryFieldReadBackExactly()
    {
        var (head, child) = (TestIds.Make(TestIds.Jiyuan, new DateOnly(1968, 3, 3), 21), TestIds.Make(TestIds.Jiyuan, new DateOnly(2009, 9, 9), 22));
        var tekun = TestIds.Make(TestIds.Jiyuan, new DateOnly(1950, 1, 1), 23);
        var snapshot = new LowIncomeSnapshot(
            [
                new Household { HouseholdId = "H1", Subdistrict = "梨林镇", Village = "范庄村", AnnualIncome = 12345.67m, HousingDifficulty = true, Aid = AidType.Medical | AidType.Housing },
                new Household { HouseholdId = "H2", Subdistrict = "天坛街道", Village = "北海社区", AnnualIncome = null, Aid = AidType.None },
                new Household { HouseholdId = "H3", Subdistrict = "克井镇", Village = "前进村", AnnualIncome = 0.01m, Aid = AidType.Temporary },
            ],
            [
                new Member { HouseholdId = "H1", Id = head, Name = "欧阳建国", Relation = "户主", Categories = AidCategory.Dibao | AidCategory.Gangxing, SeriousIllness = true },
                new Member { HouseholdId = "H1", Id = child, Name = "欧阳小雨", Relation = "子女", Categories = AidCategory.Dibao, SevereDisability = true },
                new Member { HouseholdId = "H2", Id = tekun, Name = "王老汉", Relation = "本人", Categories = AidCategory.Tekun, TekunSupport = "分散" },
            ]);
        await using var store = await OpenInitializedAsync();

        await store.Population.ImportAsync(snapshot, Batch("lowincome.csv"), 3, 0, Ct);
        var loaded = await store.Population.LoadSnapshotAsync(Ct);

        // H3 has no member in this snapshot but is listed: it is active and read back like the others.
        Assert.Equal(snapshot.Households, loaded.Households);
        Assert.Equal(snapshot.Members, loaded.Members);
        Assert.Equal(12345.67m, loaded.Households[0].AnnualIncome);
        Assert.Equal((3L, 3L), await store.Population.CountActiveAsync(Ct));
    }

    [SkippableFact]
    public async Task LoadLowIncomeAsync_NextSnapshot_OnlyItsHouseholdsAndMembersWithTheirNewValues()
    {
        var (a, b, c) = (TestIds.Valid(24), TestIds.Valid(25), TestIds.Valid(26));
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Medical, 8000.50m).Member("H1", a, "张三").Member("H1", b, "李四")
            .Household("H2").Member("H2", c, "王五").Build(), Batch("may.csv"), 3, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Education, 20000.10m).Member("H1", a, "张三", AidCategory.Bianyuan).Build(), Batch("june.csv"), 1, 0, Ct);
        var loaded = await store.Population.LoadSnapshotAsync(Ct);

        var household = Assert.Single(loaded.Households);
        Assert.Equal(("H1", AidType.Education, (decimal?)20000.10m), (household.HouseholdId, household.Aid, household.AnnualIncome));
        var member = Assert.Single(loaded.Members);
        Assert.Equal((a, "张三", AidCategory.Bianyuan), (member.Id, member.Name, member.Categories));
        Assert.Equal((1L, 1L), await store.Population.CountActiveAsync(Ct));
    }

    [SkippableFact]
    public async Task LoadLowIncomeAsync_HouseholdRefreshedByLaterSnapshot_MembersStillInSnapshotOrder()
    {
        // Listed head, spouse, child, then a grandmother who joins; IDs (birth dates) sort them grandmother, spouse, head, child.
        var head = TestIds.Make(TestIds.Jiyuan, new DateOnly(1970, 2, 2), 31);
        var spouse = TestIds.Make(TestIds.Jiyuan, new DateOnly(1968, 4, 4), 32);
        var child = TestIds.Make(TestIds.Jiyuan, new DateOnly(1995, 6, 6), 33);
        var grandmother = TestIds.Make(TestIds.Jiyuan, new DateOnly(1945, 8, 8), 34);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1").Member("H1", head, "赵大").Member("H1", spouse, "钱二").Member("H1", child, "孙三").Build(), Batch("may.csv"), 3, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Medical).Member("H1", head, "赵大", AidCategory.Tekun).Member("H1", spouse, "钱二")
            .Member("H1", child, "孙小三").Member("H1", grandmother, "李四").Build(), Batch("june.csv"), 4, 0, Ct);
        var loaded = await store.Population.LoadSnapshotAsync(Ct);
        var entries = await store.Population.HouseholdEntriesAsync(spouse.Key, Ct);

        Assert.Equal([head, spouse, child, grandmother], loaded.Members.Select(m => m.Id));
        Assert.Equal(["赵大", "钱二", "孙小三", "李四"], loaded.Members.Select(m => m.Name));
        Assert.Equal([head.Value, spouse.Value, child.Value, grandmother.Value], entries.Select(e => e.IdText));
    }

    [SkippableFact]
    public async Task HouseholdEntriesAsync_PersonWhoMoved_EveryHouseholdOfTheirsWithMembersInOrderAndActiveFlags()
    {
        var (head1, mover, head2, alone) = (TestIds.Valid(35), TestIds.Valid(36), TestIds.Valid(37), TestIds.Valid(38));
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new LowIncomeSnapshot(
            [
                new Household { HouseholdId = "H1", Subdistrict = "梨林镇", Village = "范庄村", AnnualIncome = 12345.67m, HousingDifficulty = true, Aid = AidType.Medical | AidType.Housing },
                new Household { HouseholdId = "H3", Subdistrict = "克井镇", Village = "前进村" },
            ],
            [
                new Member { HouseholdId = "H1", Id = head1, Name = "周建华", Relation = "户主", Categories = AidCategory.Dibao, SeriousIllness = true },
                new Member { HouseholdId = "H1", Id = mover, Name = "周小燕", Relation = "子女", Categories = AidCategory.Dibao | AidCategory.Tekun, SevereDisability = true },
                new Member { HouseholdId = "H3", Id = alone, Name = "吴独居", Relation = "本人", Categories = AidCategory.Tekun },
            ]), Batch("may.csv"), 3, 0, Ct);

        // 周小燕 married into H2; H3 is no longer in the database.
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Medical | AidType.Housing, 12345.67m, "梨林镇").Member("H1", head1, "周建华")
            .Household("H2", AidType.None, 9876543.21m, "北海街道").Member("H2", head2, "郑强").Member("H2", mover, "周小燕", AidCategory.Bianyuan)
            .Build(), Batch("june.csv"), 3, 0, Ct);
        var entries = await store.Population.HouseholdEntriesAsync(mover.Key, Ct);
        var gone = await store.Population.HouseholdEntriesAsync(alone.Key, Ct);

        Assert.Equal(
            [("H1", head1.Value, "周建华", true, true), ("H1", mover.Value, "周小燕", false, true), ("H2", head2.Value, "郑强", true, true), ("H2", mover.Value, "周小燕", true, true)],
            entries.Select(e => (e.HouseholdId, e.IdText, e.Name, e.Active, e.HouseholdActive)));
        var before = entries[1];
        Assert.Equal(("子女", "dibao,tekun", false, true), (before.Relation, before.Categories, before.SeriousIllness, before.SevereDisability));
        // The household's fields are today's (June's snapshot no longer marks H1's 住房困难); the member's are as last listed.
        Assert.Equal(("梨林镇", (decimal?)12345.67m, false, "medical,housing"), (before.Subdistrict, before.AnnualIncome, before.HousingDifficulty, before.Aid));
        Assert.Equal(("bianyuan", "北海街道", (decimal?)9876543.21m, string.Empty), (entries[3].Categories, entries[3].Subdistrict, entries[3].AnnualIncome, entries[3].Aid));
        var left = Assert.Single(gone);
        Assert.Equal(("H3", "吴独居", "本人", "前进村", false, false), (left.HouseholdId, left.Name, left.Relation, left.Village, left.Active, left.HouseholdActive));
        Assert.Empty(await store.Population.HouseholdEntriesAsync(TestIds.Valid(39).Key, Ct));
    }

    [SkippableFact]
    public async Task CountingBatchesAsync_SeveralExtracts_CurrentListsAndEveryLedgerBatchByDepartmentPendingUntilARunUsesIt()
    {
        await using var store = await OpenAtAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", TestIds.Valid(40), "张三").Build(), Batch("lowincome.csv"), 1, 0, Ct);
        var september = (await ImportAsync(store, DepartmentBatch("medical-bills", "医保自付2026-09.xlsx"), [Row(2, TestIds.Valid(41).Value, "李四")], kind: Core.Departments.DepartmentKind.Ledger)).BatchId;
        var illness = (await ImportAsync(store, DepartmentBatch("illness", "重病患者.csv"), [Row(2, TestIds.Valid(42).Value, "王五")])).BatchId;
        var education = (await ImportAsync(store, DepartmentBatch("education", "在校学生.xlsx"), [Row(2, TestIds.Valid(43).Value, "赵六")])).BatchId;
        var run = await store.Runs.BeginAsync(new DateOnly(2026, 11, 28), Operator, Ct);
        await store.Runs.CompleteAsync(run, new DateOnly(2026, 11, 28), [], [september, illness, education], 3, Ct);

        var october = (await ImportAsync(store, DepartmentBatch("medical-bills", "医保自付2026-10.xlsx"), [Row(2, TestIds.Valid(44).Value, "钱七")], kind: Core.Departments.DepartmentKind.Ledger)).BatchId;
        var newer = (await ImportAsync(store, DepartmentBatch("illness", "重病患者-12.csv"), [Row(2, TestIds.Valid(45).Value, "孙八")])).BatchId;
        var current = await store.Batches.CountingAsync(Ledgers, Ct);

        Assert.Equal(
            [
                (education, "education", "在校学生.xlsx", BatchStatus.Processed, BatchState.Current), (newer, "illness", "重病患者-12.csv", BatchStatus.Pending, BatchState.Current),
                (september, "medical-bills", "医保自付2026-09.xlsx", BatchStatus.Processed, BatchState.Counting), (october, "medical-bills", "医保自付2026-10.xlsx", BatchStatus.Pending, BatchState.Counting),
            ],
            current.Select(b => (b.BatchId, b.Department!, b.FileName, b.Status, b.State)));
        Assert.All(current, b => Assert.Equal(ImportTime, DateTimeOffset.Parse(b.ImportedAt, CultureInfo.InvariantCulture)));
        Assert.Equal(BatchState.Superseded, (await BatchAsync(store, illness)).State);
    }

    [SkippableFact]
    public async Task BeginRunAsync_NewRun_RunningWithStartAsOfOperatorAndTheLowIncomeBatch()
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
    public async Task BeginRunAsync_EarlierRunStillMarkedRunning_ThatRunInterruptedAndItsBatchesStayPending()
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
    public async Task FailRunAsync_RunningRun_FailedWithTheMessageAndTimeAndNothingElseChanged()
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
    public async Task CompleteRunAsync_Findings_CountsPerCodeReturnedAndStoredRunSucceededBatchesProcessed()
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
    public async Task RecentRunsAsync_SeveralRuns_NewestFirstUpToTheLimitEachWithItsOwnCounts()
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
    public async Task RecentRunsAsync_NoRunYet_Empty()
    {
        await using var store = await OpenInitializedAsync();

        Assert.Empty(await store.Runs.RecentAsync(5, Ct));
    }

    [SkippableFact]
    public async Task RecentRefusalsAsync_RefusalsOverAWeek_ThoseSinceTheGivenTimeNewestFirst()
    {
        await using var store = await OpenInitializedAsync();
        var monday = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
        await store.Batches.RecordRefusedAttemptAsync(DepartmentBatch("education", "old.xlsx") with { ImportedAt = monday }, "old.xlsx: not a readable Excel workbook", Ct);
        await store.Batches.RecordRefusedAttemptAsync(Batch("低收入人口.xls") with { ImportedAt = monday.AddDays(3) }, "低收入人口.xls: row 3, column 身份证号码: missing", Ct);
        await store.Batches.RecordRefusedAttemptAsync(DepartmentBatch("illness", "patients.csv") with { ImportedAt = monday.AddDays(4) }, "patients.csv: more than 10 MB", Ct);

        // Since Thursday 09:00 Beijing time (01:00 UTC, as stored): the refusal at that very moment counts, Monday's does not.
        var refusals = await store.Batches.RecentRefusalsAsync(monday.AddDays(3), Ct);

        Assert.Equal(
            [
                ("illness", "patients.csv", "patients.csv: more than 10 MB", BatchStore.DepartmentBatchKind),
                ((string?)null, "低收入人口.xls", "低收入人口.xls: row 3, column 身份证号码: missing", BatchInfo.LowIncomeKind),
            ],
            refusals.Select(r => (r.Department, r.FileName, r.Error, r.Kind)));
        Assert.Equal(monday.AddDays(4), DateTimeOffset.Parse(refusals[0].At, CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task RecentRefusalsAsync_MoreThanTwenty_TheTwentyNewest()
    {
        await using var store = await OpenInitializedAsync();
        for (var i = 1; i <= 22; i++)
        {
            await store.Batches.RecordRefusedAttemptAsync(DepartmentBatch("education", $"attempt-{i:00}.csv"), "refused", Ct);
        }

        var refusals = await store.Batches.RecentRefusalsAsync(ImportTime.AddDays(-1), Ct);

        Assert.Equal(Enumerable.Range(3, 20).Reverse().Select(i => $"attempt-{i:00}.csv"), refusals.Select(r => r.FileName));
    }

    [SkippableFact]
    public async Task RunLockHolderAsync_HeldThenReleased_HolderAndSinceThenNobody()
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
    public async Task RunLockHolderAsync_LockPastItsExpiry_Nobody()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        await using var held = await RunLock.AcquireAsync(Options, TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeProvider.System, Ct);

        // Seen ten minutes later by a clock that the holder's renewals (every 100 s) have not reached.
        await using var later = await MatchingStore.OpenAsync(Options, new StepClock(TimeProvider.System.GetUtcNow().AddMinutes(10)), Ct);

        Assert.Null(await later.Runs.LockHolderAsync(Ct));
    }

    [SkippableFact]
    public async Task ReadRecordsAsync_ChineseFieldsWithQuotesAndBreaks_ReadBackAsStored()
    {
        await using var store = await OpenInitializedAsync();
        var fields = new[] { ("visitDate", "2026-05-01"), ("selfPaid", "12345.67"), ("disease", "肺炎，\"重症\"\n住院\\ICU"), ("hardship", "1") };

        var batchId = (await ImportAsync(store, DepartmentBatch("illness", "医保.xlsx"),
            [Row(7, TestIds.Valid(49).Value, "欧阳娜娜", fields), Row(3, "  41900119800101  ", "司马光")], rejected: 1)).BatchId;
        var stored = await RecordsAsync(store, batchId);

        Assert.Equal([(3L, "司马光"), (7L, "欧阳娜娜")], stored.Select(r => (r.SourceRow, r.Name)));
        Assert.Equal(fields.ToDictionary(f => f.Item1, f => f.Item2, StringComparer.Ordinal), stored[1].Fields);
        Assert.Equal("  41900119800101  ", stored[0].RawId);
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
