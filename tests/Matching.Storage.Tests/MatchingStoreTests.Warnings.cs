using System.Globalization;
using Matching.Core.Identity;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>
/// The aid chain (一户一条救助链) as stored: warnings move 新增 → 持续 → 已解除 run by run, a department's answer closes one
/// (已处理) until its facts change, nothing is deleted, and every change is an event. The people are those of the CLI's
/// warning world: 张三's household H1 with the student 张小明, 李四's household H2 with the student 李小红, and a student
/// not in the database.
/// </summary>
public abstract partial class MatchingStoreTests<TDb>
{
    private const string EduGapDetail = "低保人员，见于教育体育 在校学生，未享受教育救助";

    private static readonly IdNumber Zhang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1980, 1, 1), 11);
    private static readonly IdNumber ZhangXiaoming = TestIds.Make(TestIds.Jiyuan, new DateOnly(2010, 5, 5), 12);
    private static readonly IdNumber Li = TestIds.Make(TestIds.Jiyuan, new DateOnly(1975, 3, 3), 13);
    private static readonly IdNumber LiXiaohong = TestIds.Make(TestIds.Jiyuan, new DateOnly(2012, 7, 7), 14);
    private static readonly IdNumber Stranger = TestIds.Make(TestIds.Jiyuan, new DateOnly(2011, 9, 9), 15);
    private static readonly IdNumber ZhangXiaohua = TestIds.Make(TestIds.Jiyuan, new DateOnly(2013, 10, 10), 16);

    [SkippableFact]
    public async Task Runs_CompleteAsync_FirstRun_EveryWarningNewWithEveryFieldAndTheRunDateAsFirstDate()
    {
        await using var store = await OpenAtAsync();

        var runId = await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"), EduGap(ZhangXiaoming, "张小明", "H1"), NotCovered(Stranger, "=1+2"), IdInvalid("41900120110909001", "王小五"));
        var warnings = await store.Warnings.ListAsync(null, false, null, Ct);

        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, w => Assert.Equal((WarningStatus.New, "2026-11-28", (string?)null, (string?)null), (w.Status, w.FirstDate, w.ResolvedDate, w.Disposition)));
        var med = warnings.Single(w => w.Code == "MED_AID_GAP");
        Assert.Equal(new StoredWarning
        {
            WarningId = med.WarningId, Code = "MED_AID_GAP", Subject = Li.Value, Receiver = "medical-insurance", Label = "医疗救助政策落实不到位",
            Measure = "核实医疗费用负担情况，按规定落实医疗救助政策", IdText = Li.Value, Name = "李四", HouseholdId = "H2", Subdistrict = "克井镇",
            Village = "前进村", Categories = "低保", Department = "medical-bills", Method = "exact",
            Detail = "低保人员，近12个月自付医疗费用合计25,000.00元，超过20,000元，未享受医疗救助", SourceRow = 4, Status = WarningStatus.New, FirstDate = "2026-11-28",
        }, med);
        var invalid = warnings.Single(w => w.Code == "ID_INVALID");
        Assert.Equal(("raw:41900120110909001|王小五", "41900120110909001", "education", string.Empty), (invalid.Subject, invalid.IdText, invalid.Receiver, invalid.HouseholdId));
        Assert.Equal("=1+2", warnings.Single(w => w.Code == "EDU_NOT_COVERED").Name);
        Assert.Equal([new WarningEvent(med.WarningId, runId, "2026-11-28T02:00:00.000Z", WarningStatus.New, string.Empty)], await store.Warnings.EventsAsync([med.WarningId], Ct));
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_WarningsPastSeveralChunks_EachStoredWithItsOwnFieldsThenContinuingOrResolved()
    {
        // 2,100 warnings: two full chunks of 1,024 and a part one, each many statements of 32 rows and a remainder;
        // found again, 2,060 of them are more ids than one chunk of the loader's temporary table holds.
        var students = Enumerable.Range(0, 2100)
            .Select(i => EduGap(TestIds.Make(TestIds.Jiyuan, new DateOnly(1950, 1, 1).AddDays(i), 1), "生" + i, "H" + (i % 7)) with { SourceRow = i + 2 })
            .ToArray();
        await using var store = await OpenAtAsync();

        await RunAsync(store, "2026-11-28", students);
        var first = await store.Warnings.ListAsync(null, false, null, Ct);
        await RunAsync(store, "2026-12-05", students[..2060]);
        var second = (await store.Warnings.ListAsync(null, false, null, Ct)).ToDictionary(w => w.Subject);

        Assert.Equal(2100, first.Count);
        Assert.Equal(
            students.Select(w => (w.Subject, w.Name, w.HouseholdId, w.SourceRow, WarningStatus.New)).Order(),
            first.Select(w => (w.Subject, w.Name, w.HouseholdId, w.SourceRow, w.Status)).Order());
        Assert.Equal(first.Select(w => w.WarningId).Order(), second.Values.Select(w => w.WarningId).Order());
        Assert.All(students[..2060], w => Assert.Equal((WarningStatus.Continuing, (string?)null), (second[w.Subject].Status, second[w.Subject].ResolvedDate)));
        Assert.All(students[2060..], w => Assert.Equal((WarningStatus.Resolved, "2026-12-05"), (second[w.Subject].Status, second[w.Subject].ResolvedDate)));
        Assert.Equal(2100 + 2100, (await store.CountRowsAsync(Ct))["warning_event"]);
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_FoundAgain_ContinuingWithFirstDateKeptAndTodaysFacts()
    {
        await using var store = await OpenAtAsync();
        var first = await RunAsync(store, "2026-11-28", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Li, "李四", "H2", "25,000.00"));
        var before = await store.Warnings.ListAsync(null, false, null, Ct);

        var second = await RunAsync(store, "2026-12-05", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Li, "李四", "H2", "27,500.00"));
        await RunAsync(store, "2026-12-12", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Li, "李四", "H2", "27,500.00"));
        var after = await store.Warnings.ListAsync(null, false, null, Ct);

        Assert.Equal(before.Select(w => w.WarningId), after.Select(w => w.WarningId));
        Assert.All(after, w => Assert.Equal((WarningStatus.Continuing, "2026-11-28"), (w.Status, w.FirstDate)));
        Assert.Contains("27,500.00", after.Single(w => w.Code == "MED_AID_GAP").Detail, StringComparison.Ordinal);
        Assert.Equal([new RunCount("EDU_AID_GAP", 1, 0, 1, 0, 0), new RunCount("MED_AID_GAP", 1, 0, 1, 0, 0)], (await store.Runs.RecentAsync(1, Ct))[0].Counts);
        Assert.Equal([(first, WarningStatus.New), (second, WarningStatus.Continuing)], (await store.Warnings.EventsAsync([after[0].WarningId], Ct)).Select(e => (e.RunId, e.Status)));
        Assert.Equal(4, (await store.CountRowsAsync(Ct))["warning_event"]);
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_NoLongerFound_ResolvedWithTheRunDateOnceAndKept()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", EduGap(ZhangXiaoming, "张小明", "H1"), EduGap(LiXiaohong, "李小红", "H2"));

        var second = await RunAsync(store, "2026-12-05", EduGap(ZhangXiaoming, "张小明", "H1"));
        await RunAsync(store, "2026-12-12", EduGap(ZhangXiaoming, "张小明", "H1"));

        var li = (await store.Warnings.AboutAsync(LiXiaohong.Value, [], Ct)).Single();
        Assert.Equal((WarningStatus.Resolved, "2026-11-28", "2026-12-05", EduGapDetail), (li.Status, li.FirstDate, li.ResolvedDate, li.Detail));
        Assert.Equal([(second, WarningStatus.Resolved, "2026-12-05T02:00:00.000Z")], (await store.Warnings.EventsAsync([li.WarningId], Ct)).Skip(1).Select(e => (e.RunId, e.Status, e.At)));
        var runs = await store.Runs.RecentAsync(2, Ct);
        Assert.Equal(new RunCount("EDU_AID_GAP", 1, 0, 1, 0, 0), Assert.Single(runs[0].Counts));
        Assert.Equal(new RunCount("EDU_AID_GAP", 1, 0, 1, 0, 1), Assert.Single(runs[1].Counts));
        Assert.Equal(2, (await store.CountRowsAsync(Ct))["warning"]);
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_ResolvedWarningFoundAgain_NewWithTheNewRunDateAsFirstDate()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", EduGap(LiXiaohong, "李小红", "H2"));
        await RunAsync(store, "2026-12-05");

        await RunAsync(store, "2027-01-09", EduGap(LiXiaohong, "李小红", "H2"));

        var li = Assert.Single(await store.Warnings.ListAsync(null, false, null, Ct));
        Assert.Equal((WarningStatus.New, "2027-01-09", (string?)null), (li.Status, li.FirstDate, li.ResolvedDate));
        Assert.Equal([WarningStatus.New, WarningStatus.Resolved, WarningStatus.New], (await store.Warnings.EventsAsync([li.WarningId], Ct)).Select(e => e.Status));
        Assert.Equal(new RunCount("EDU_AID_GAP", 1, 1, 0, 0, 0), Assert.Single((await store.Runs.RecentAsync(1, Ct))[0].Counts));
    }

    [SkippableFact]
    public async Task Warnings_RecordDispositionsAsync_OpenWarning_ClosedWithAnswerAndDateOnceThenUnchanged()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"));
        var med = Assert.Single(await store.Warnings.ListAsync("medical-insurance", false, null, Ct));
        _clock.Now = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
        Disposition[] answer = [new(med.WarningId, "已纳入医疗救助", new DateOnly(2026, 12, 1))];

        var first = await store.Warnings.RecordDispositionsAsync("medical-insurance", answer, Ct);
        var again = await store.Warnings.RecordDispositionsAsync("medical-insurance", answer, Ct);

        Assert.Equal((1, 0), (first.Recorded, first.Unchanged));
        Assert.Equal((0, 1), (again.Recorded, again.Unchanged));
        Assert.Empty(first.Unknown.Concat(Stale(first)).Concat(again.Unknown).Concat(Stale(again)));
        med = Assert.Single(await store.Warnings.ListAsync("medical-insurance", false, null, Ct));
        Assert.Equal((WarningStatus.Closed, "已纳入医疗救助", "2026-12-01", "2026-11-28"), (med.Status, med.Disposition, med.DispositionDate, med.FirstDate));
        Assert.Equal(new WarningEvent(med.WarningId, null, "2026-12-02T03:00:00.000Z", WarningStatus.Closed, "处理结果：已纳入医疗救助（2026-12-01）"),
            (await store.Warnings.EventsAsync([med.WarningId], Ct))[^1]);
        Assert.Equal(2, (await store.CountRowsAsync(Ct))["warning_event"]);
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_ClosedWarningSameFacts_StaysClosedWithItsAnswerUntilNoLongerFound()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"));
        var id = (await store.Warnings.ListAsync(null, false, null, Ct))[0].WarningId;
        await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(id, "已纳入医疗救助", new DateOnly(2026, 12, 1))], Ct);

        await RunAsync(store, "2026-12-05", MedGap(Li, "李四", "H2", "25,000.00"));
        var kept = Assert.Single(await store.Warnings.ListAsync(null, false, null, Ct));
        var counts = (await store.Runs.RecentAsync(1, Ct))[0].Counts;
        var open = await store.Warnings.ListAsync("medical-insurance", true, null, Ct);
        await RunAsync(store, "2026-12-12");
        var gone = Assert.Single(await store.Warnings.ListAsync(null, false, null, Ct));

        Assert.Equal((WarningStatus.Closed, "2026-11-28", "已纳入医疗救助", "2026-12-01"), (kept.Status, kept.FirstDate, kept.Disposition, kept.DispositionDate));
        Assert.Equal(new RunCount("MED_AID_GAP", 1, 0, 0, 1, 0), Assert.Single(counts));
        Assert.Empty(open);
        Assert.Equal((WarningStatus.Resolved, "2026-12-12", "已纳入医疗救助", "2026-12-01"), (gone.Status, gone.ResolvedDate, gone.Disposition, gone.DispositionDate));
        Assert.Equal([WarningStatus.New, WarningStatus.Closed, WarningStatus.Resolved], (await store.Warnings.EventsAsync([id], Ct)).Select(e => e.Status));
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_ClosedWarningWhoseWordingLostASpace_StaysClosed()
    {
        // The wording of a label changed (教育体育 在校学生 → 教育体育在校学生): the facts are the same, so the answer stands.
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", NotCovered(Li, "李四"));
        var id = (await store.Warnings.ListAsync(null, false, null, Ct))[0].WarningId;
        await store.Warnings.RecordDispositionsAsync("civil-affairs", [new(id, "已入户核查", new DateOnly(2026, 12, 1))], Ct);

        await RunAsync(store, "2026-12-05", NotCovered(Li, "李四") with { Detail = "见于教育体育在校学生（家庭经济困难），不在低收入人口数据库中" });
        await RunAsync(store, "2026-12-12", NotCovered(Li, "李四") with { Detail = "见于教育体育在校学生（家庭经济困难），不在低收入人口数据库中" });
        var closed = Assert.Single(await store.Warnings.ListAsync(null, false, null, Ct));
        await RunAsync(store, "2026-12-19", NotCovered(Li, "李四") with { Detail = "见于教育体育在校学生（家庭经济困难，低保边缘），不在低收入人口数据库中" });

        Assert.Equal([WarningStatus.New, WarningStatus.Closed, WarningStatus.New], (await store.Warnings.EventsAsync([id], Ct)).Select(e => e.Status));
        Assert.Equal((WarningStatus.Closed, "已入户核查"), (closed.Status, closed.Disposition));
        Assert.Equal(WarningStatus.New, Assert.Single(await store.Warnings.ListAsync(null, false, null, Ct)).Status);
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_ClosedWarningFactsChanged_NewAgainWithNewFirstDateWithoutTheOldAnswer()
    {
        await using var store = await OpenAtAsync();
        var first = await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"));
        var id = (await store.Warnings.ListAsync(null, false, null, Ct))[0].WarningId;
        _clock.Now = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
        await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(id, "已纳入医疗救助", new DateOnly(2026, 12, 1))], Ct);

        var third = await RunAsync(store, "2026-12-12", MedGap(Li, "李四", "H2", "30,000.00"));

        var med = Assert.Single(await store.Warnings.ListAsync("medical-insurance", true, null, Ct));
        Assert.Equal((id, WarningStatus.New, "2026-12-12", (string?)null, (string?)null), (med.WarningId, med.Status, med.FirstDate, med.Disposition, med.DispositionDate));
        Assert.Contains("30,000.00", med.Detail, StringComparison.Ordinal);
        Assert.Equal(new RunCount("MED_AID_GAP", 1, 1, 0, 0, 0), Assert.Single((await store.Runs.RecentAsync(1, Ct))[0].Counts));
        Assert.Equal(
            [
                new WarningEvent(id, first, "2026-11-28T02:00:00.000Z", WarningStatus.New, string.Empty),
                new WarningEvent(id, null, "2026-12-02T03:00:00.000Z", WarningStatus.Closed, "处理结果：已纳入医疗救助（2026-12-01）"),
                new WarningEvent(id, third, "2026-12-12T02:00:00.000Z", WarningStatus.New, "facts changed"),
            ],
            await store.Warnings.EventsAsync([id], Ct));
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_FoundAgainUnchanged_RowNotRewrittenButItsLastRunSet()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Li, "李四", "H2", "25,000.00"));
        var before = await QueryAsync("SELECT row_hi FROM warning ORDER BY warning_id", 0);

        var second = await RunAsync(store, "2026-12-05", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Li, "李四", "H2", "26,000.00"));

        Assert.Equal([WarningStatus.Continuing, WarningStatus.Continuing], (await store.Warnings.ListAsync(null, false, null, Ct)).OrderBy(w => w.WarningId).Select(w => w.Status));
        var after = await QueryAsync("SELECT row_hi FROM warning ORDER BY warning_id", 0);
        Assert.Equal(before[0], after[0]); // the same row: not rewritten
        Assert.NotEqual(before[1], after[1]); // the amount changed: refreshed
        Assert.Equal([second.ToString(CultureInfo.InvariantCulture), second.ToString(CultureInfo.InvariantCulture)],
            await QueryAsync("SELECT last_run_id FROM warning ORDER BY warning_id", 0));
        Assert.Contains("26,000.00", (await store.Warnings.ListAsync("medical-insurance", true, null, Ct))[0].Detail, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Runs_CompleteAsync_WarningsStoredBeforeTheirHashes_ReadFromTheirTextsAndHashedOnce()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Li, "李四", "H2", "25,000.00"));
        var id = (await store.Warnings.ListAsync("medical-insurance", false, null, Ct))[0].WarningId;
        _clock.Now = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
        await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(id, "已纳入医疗救助", new DateOnly(2026, 12, 1))], Ct);
        await ExecuteAsync("UPDATE warning SET key_hi = NULL, key_lo = NULL, facts_hi = NULL, facts_lo = NULL, row_hi = NULL, row_lo = NULL");

        await RunAsync(store, "2026-12-05", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Li, "李四", "H2", "25,000.00"));

        var warnings = (await store.Warnings.ListAsync(null, false, null, Ct)).OrderBy(w => w.WarningId).ToList();
        Assert.Equal([WarningStatus.Continuing, WarningStatus.Closed], warnings.Select(w => w.Status));
        Assert.Equal("已纳入医疗救助", warnings[1].Disposition);
        Assert.Equal(2, warnings.Count);
        Assert.Equal(["2", "0"], [.. await QueryAsync("SELECT COUNT(*) FROM warning WHERE key_hi IS NOT NULL AND row_hi IS NOT NULL", 0),
            .. await QueryAsync("SELECT COUNT(*) FROM warning WHERE facts_hi IS NULL", 0)]);
    }

    [SkippableFact]
    public async Task Warnings_RecordDispositionsAsync_OldAnswerWithTheSameTextAfterTheNewRoundWasAnswered_Stale()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"));
        var id = (await store.Warnings.ListAsync(null, false, null, Ct))[0].WarningId;
        Disposition[] oldAnswer = [new(id, "已纳入医疗救助", new DateOnly(2026, 12, 1))];
        await store.Warnings.RecordDispositionsAsync("medical-insurance", oldAnswer, Ct);
        await RunAsync(store, "2026-12-12", MedGap(Li, "李四", "H2", "30,000.00"));
        await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(id, "已纳入医疗救助", new DateOnly(2026, 12, 13))], Ct);

        var again = await store.Warnings.RecordDispositionsAsync("medical-insurance", oldAnswer, Ct);

        var med = Assert.Single(await store.Warnings.ListAsync(null, false, null, Ct));
        Assert.Equal(("2026-12-12", "2026-12-13"), (med.FirstDate, med.DispositionDate));
        Assert.Equal([id], Stale(again));
    }

    [SkippableFact]
    public async Task Warnings_RecordDispositionsAsync_AnswerDatedBeforeTheWarningWasRaisedAgain_StaleAndNotApplied()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"));
        var id = (await store.Warnings.ListAsync(null, false, null, Ct))[0].WarningId;
        Disposition[] oldAnswer = [new(id, "已纳入医疗救助", new DateOnly(2026, 12, 1))];
        await store.Warnings.RecordDispositionsAsync("medical-insurance", oldAnswer, Ct);
        await RunAsync(store, "2026-12-12", MedGap(Li, "李四", "H2", "30,000.00"));
        var events = (await store.CountRowsAsync(Ct))["warning_event"];

        var stale = await store.Warnings.RecordDispositionsAsync("medical-insurance", oldAnswer, Ct);
        var afterStale = Assert.Single(await store.Warnings.ListAsync(null, false, null, Ct));
        var fresh = await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(id, "已纳入医疗救助", new DateOnly(2026, 12, 12))], Ct);

        Assert.Equal((0, 0), (stale.Recorded, stale.Unchanged));
        Assert.Empty(stale.Unknown);
        Assert.Equal([id], Stale(stale));
        Assert.Equal([(id, "2026-12-12", "2026-11-28")], stale.BeforeRaised);
        Assert.Equal((WarningStatus.New, "2026-12-12", (string?)null), (afterStale.Status, afterStale.FirstDate, afterStale.Disposition));
        Assert.Equal((1, 0, 0, 0), (fresh.Recorded, fresh.Unchanged, fresh.Unknown.Count, fresh.BeforeRaised.Count));
        Assert.Equal(events + 1, (await store.CountRowsAsync(Ct))["warning_event"]);
    }

    [SkippableFact]
    public async Task Warnings_RecordDispositionsAsync_AnswerThatKeepsItOpen_NotedAndStillOpenAClosedOneReopened()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"));
        var id = (await store.Warnings.ListAsync(null, false, null, Ct))[0].WarningId;
        _clock.Now = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

        var noted = await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(id, "正在核实", new DateOnly(2026, 12, 1), Closes: false)], Ct);
        var open = Assert.Single(await store.Warnings.ListAsync("medical-insurance", true, null, Ct));
        var counts = await store.Warnings.CountsAsync("medical-insurance", true, null, Ct);
        await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(id, "已落实救助", new DateOnly(2026, 12, 2))], Ct);
        await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(id, "正在核实", new DateOnly(2026, 12, 2), Closes: false)], Ct);
        var reopened = Assert.Single(await store.Warnings.ListAsync("medical-insurance", true, null, Ct));

        Assert.Equal((0, 1), (noted.Closed, noted.KeptOpen));
        Assert.Equal((WarningStatus.New, "正在核实", "2026-12-01"), (open.Status, open.Disposition, open.DispositionDate));
        Assert.Equal([(WarningStatus.New, 1L, 1L)], counts);
        Assert.Equal((WarningStatus.Continuing, "正在核实"), (reopened.Status, reopened.Disposition));
        Assert.Equal([WarningStatus.New, WarningStatus.New, WarningStatus.Closed, WarningStatus.Continuing], (await store.Warnings.EventsAsync([id], Ct)).Select(e => e.Status));
        Assert.Equal("处理结果：正在核实（2026-12-01），仍待处理", (await store.Warnings.EventsAsync([id], Ct))[1].Note);

        // The next run finds it again: it goes on, its noted answer kept for the next workbook.
        await RunAsync(store, "2026-12-05", MedGap(Li, "李四", "H2", "25,000.00"));
        var next = Assert.Single(await store.Warnings.ListAsync("medical-insurance", true, null, Ct));
        Assert.Equal((WarningStatus.Continuing, "正在核实", "2026-11-28"), (next.Status, next.Disposition, next.FirstDate));
    }

    [SkippableFact]
    public async Task Warnings_RecordDispositionsAsync_MostNumbersAnotherReceivers_NothingRecordedAndThatReceiverNamed()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"), EduGap(ZhangXiaoming, "张小明", "H1"));
        var edu = (await store.Warnings.ListAsync("education", false, null, Ct))[0].WarningId;
        var events = (await store.CountRowsAsync(Ct))["warning_event"];

        var result = await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(edu, "已落实救助", new DateOnly(2026, 12, 3))], Ct);

        Assert.Equal("education", result.WrongReceiver);
        Assert.Equal(0, result.Recorded);
        Assert.Equal(events, (await store.CountRowsAsync(Ct))["warning_event"]);
        Assert.Null((await store.Warnings.ListAsync("education", false, null, Ct))[0].Disposition);
    }

    [SkippableFact]
    public async Task Warnings_ByIdAsync_AnyWarningByItsNumber_NullForNone()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"));
        var med = (await store.Warnings.ListAsync(null, false, null, Ct))[0];

        Assert.Equal(med, await store.Warnings.ByIdAsync(med.WarningId, Ct));
        Assert.Null(await store.Warnings.ByIdAsync(med.WarningId + 1000, Ct));
    }

    [SkippableFact]
    public async Task Warnings_RecordDispositionsAsync_IdsOfAnotherReceiverOrOfNoWarning_ReportedForeignOrUnknownAndLeftAlone()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"), EduGap(ZhangXiaoming, "张小明", "H1"));
        var med = (await store.Warnings.ListAsync("medical-insurance", false, null, Ct))[0].WarningId;
        var edu = (await store.Warnings.ListAsync("education", false, null, Ct))[0].WarningId;
        var missing = Math.Max(med, edu) + 1000;

        var result = await store.Warnings.RecordDispositionsAsync("medical-insurance",
            [new(edu, "已核实", new DateOnly(2026, 12, 3)), new(missing, "已核实", new DateOnly(2026, 12, 3)), new(med, "已纳入医疗救助", null)], Ct);

        Assert.Equal((1, 0), (result.Recorded, result.Unchanged));
        Assert.Equal([missing], result.Unknown);
        Assert.Equal([(edu, "education")], result.Foreign);
        Assert.Null(result.WrongReceiver);
        Assert.Empty(Stale(result));
        var untouched = (await store.Warnings.ListAsync("education", false, null, Ct))[0];
        Assert.Equal((WarningStatus.New, (string?)null), (untouched.Status, untouched.Disposition));
        var closed = (await store.Warnings.ListAsync("medical-insurance", false, null, Ct))[0];
        Assert.Equal((WarningStatus.Closed, "已纳入医疗救助", (string?)null), (closed.Status, closed.Disposition, closed.DispositionDate));
        Assert.Equal("处理结果：已纳入医疗救助", (await store.Warnings.EventsAsync([med], Ct))[^1].Note);
    }

    [SkippableFact]
    public async Task Warnings_RecordDispositionsAsync_ResolvedWarning_AnswerKeptStatusStaysResolved()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", EduGap(LiXiaohong, "李小红", "H2"));
        await RunAsync(store, "2026-12-05");
        var id = (await store.Warnings.ListAsync(null, false, null, Ct))[0].WarningId;

        var result = await store.Warnings.RecordDispositionsAsync("education", [new(id, "已转学，不再核查", new DateOnly(2026, 12, 6))], Ct);

        Assert.Equal(1, result.Recorded);
        var li = Assert.Single(await store.Warnings.ListAsync(null, false, null, Ct));
        Assert.Equal((WarningStatus.Resolved, "2026-12-05", "已转学，不再核查", "2026-12-06"), (li.Status, li.ResolvedDate, li.Disposition, li.DispositionDate));
        Assert.Equal([WarningStatus.New, WarningStatus.Resolved, WarningStatus.Resolved], (await store.Warnings.EventsAsync([id], Ct)).Select(e => e.Status));
    }

    [SkippableFact]
    public async Task Warnings_ListAsync_Everything_WorkbookOrderReceiverCodeHouseholdId()
    {
        await using var store = await OpenAtAsync();

        await RunAsync(store, "2026-11-28",
            MedGap(Li, "李四", "H2", "25,000.00"), EduGap(LiXiaohong, "李小红", "H2", "天坛街道"), IdInvalid("41900120110909001", "王小五"),
            EduGap(ZhangXiaohua, "张小花", "H1"), NotCovered(Stranger, "陈同学"), EduGap(ZhangXiaoming, "张小明", "H1"));
        var warnings = await store.Warnings.ListAsync(null, false, null, Ct);

        Assert.Equal(
            [
                ("civil-affairs", "EDU_NOT_COVERED", "陈同学"), ("education", "EDU_AID_GAP", "张小明"), ("education", "EDU_AID_GAP", "张小花"),
                ("education", "EDU_AID_GAP", "李小红"), ("education", "ID_INVALID", "王小五"), ("medical-insurance", "MED_AID_GAP", "李四"),
            ],
            warnings.Select(w => (w.Receiver, w.Code, w.Name)));
    }

    [SkippableFact]
    public async Task Warnings_ListAsync_ReceiverOpenOnlyAndSince_OnlyTheWarningsAsked()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", EduGap(ZhangXiaoming, "张小明", "H1"), EduGap(LiXiaohong, "李小红", "H2", "天坛街道"), MedGap(Li, "李四", "H2", "25,000.00"), NotCovered(Stranger, "陈同学"));
        var med = (await store.Warnings.ListAsync("medical-insurance", false, null, Ct))[0].WarningId;
        await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(med, "已纳入医疗救助", new DateOnly(2026, 12, 1))], Ct);
        await RunAsync(store, "2026-12-05", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Li, "李四", "H2", "25,000.00"), NotCovered(Stranger, "陈同学"), EduGap(ZhangXiaohua, "张小花", "H1"));

        Assert.Equal([("张小明", WarningStatus.Continuing), ("张小花", WarningStatus.New), ("李小红", WarningStatus.Resolved)], Names(await store.Warnings.ListAsync("education", false, null, Ct)));
        Assert.Equal([("张小明", WarningStatus.Continuing), ("张小花", WarningStatus.New)], Names(await store.Warnings.ListAsync("education", true, null, Ct)));
        Assert.Equal([("陈同学", WarningStatus.Continuing), ("张小明", WarningStatus.Continuing), ("张小花", WarningStatus.New)], Names(await store.Warnings.ListAsync(null, true, null, Ct)));
        Assert.Equal([("张小花", WarningStatus.New)], Names(await store.Warnings.ListAsync(null, false, new DateOnly(2026, 12, 5), Ct)));
        Assert.Equal(5, (await store.Warnings.ListAsync(null, false, new DateOnly(2026, 11, 28), Ct)).Count);
        Assert.Equal([("李四", WarningStatus.Closed)], Names(await store.Warnings.ListAsync("medical-insurance", false, null, Ct)));
        Assert.Empty(await store.Warnings.ListAsync("medical-insurance", true, null, Ct));
        Assert.Empty(await store.Warnings.ListAsync("housing", false, null, Ct));

        static IEnumerable<(string, WarningStatus)> Names(IReadOnlyList<StoredWarning> warnings) => warnings.Select(w => (w.Name, w.Status));
    }

    [SkippableFact]
    public async Task Warnings_AboutAsync_PersonAndTheirHousehold_TheirWarningsOldestFirstOthersLeftOut()
    {
        await using var store = await OpenAtAsync();
        await RunAsync(store, "2026-11-28", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Zhang, "张三", "H1", "21,000.00"), EduGap(LiXiaohong, "李小红", "H2"), NotCovered(Stranger, "陈同学"));
        await RunAsync(store, "2026-12-05", MedGap(Zhang, "张三", "H1", "21,000.00"), EduGap(LiXiaohong, "李小红", "H2"), NotCovered(Stranger, "陈同学"));
        await RunAsync(store, "2026-12-12", EduGap(ZhangXiaoming, "张小明", "H1"), MedGap(Zhang, "张三", "H1", "21,000.00"), EduGap(LiXiaohong, "李小红", "H2"), NotCovered(Stranger, "陈同学"));

        var about = await store.Warnings.AboutAsync(ZhangXiaoming.Value, ["H1"], Ct);
        var stranger = await store.Warnings.AboutAsync(Stranger.Value, [], Ct);
        var household = await store.Warnings.AboutAsync(Li.Value, ["H1", "H2"], Ct);

        // 张小明's warning was resolved and raised again on 12-12, after his father's (11-28), though stored first.
        Assert.Equal([("张三", "2026-11-28"), ("张小明", "2026-12-12")], about.Select(w => (w.Name, w.FirstDate)));
        Assert.True(about[1].WarningId < about[0].WarningId);
        Assert.Equal(("EDU_NOT_COVERED", "陈同学"), (Assert.Single(stranger).Code, stranger[0].Name));
        Assert.Equal(["张三", "李小红", "张小明"], household.Select(w => w.Name));
    }

    [SkippableFact]
    public async Task Warnings_EventsAsync_SeveralWarnings_EveryChangeInTimeOrderWithItsRun()
    {
        await using var store = await OpenAtAsync();
        var first = await RunAsync(store, "2026-11-28", MedGap(Li, "李四", "H2", "25,000.00"), EduGap(LiXiaohong, "李小红", "H2"));
        var med = (await store.Warnings.ListAsync("medical-insurance", false, null, Ct))[0].WarningId;
        var edu = (await store.Warnings.ListAsync("education", false, null, Ct))[0].WarningId;
        _clock.Now = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
        await store.Warnings.RecordDispositionsAsync("medical-insurance", [new(med, "已纳入医疗救助", new DateOnly(2026, 12, 1))], Ct);
        var second = await RunAsync(store, "2026-12-05", MedGap(Li, "李四", "H2", "25,000.00"));

        var events = await store.Warnings.EventsAsync([edu, med], Ct);

        Assert.Equal(
            [
                new WarningEvent(med, first, "2026-11-28T02:00:00.000Z", WarningStatus.New, string.Empty),
                new WarningEvent(edu, first, "2026-11-28T02:00:00.000Z", WarningStatus.New, string.Empty),
                new WarningEvent(med, null, "2026-12-02T03:00:00.000Z", WarningStatus.Closed, "处理结果：已纳入医疗救助（2026-12-01）"),
                new WarningEvent(edu, second, "2026-12-05T02:00:00.000Z", WarningStatus.Resolved, string.Empty),
            ],
            events);
        Assert.Empty(await store.Warnings.EventsAsync([], Ct));
    }

    /// <summary>EDU_AID_GAP for a student of a 低保 household, as the shipped rule words it.</summary>
    private static Warning EduGap(IdNumber id, string name, string household, string? subdistrict = null) =>
        Found("EDU_AID_GAP", "教育救助政策落实不到位", "核实学生家庭情况，按规定落实教育救助（资助）政策", "education", id, name, household,
            subdistrict ?? TownOf(household), "education", EduGapDetail);

    /// <summary>MED_AID_GAP (spending) for a member whose self-paid bills came to <paramref name="total"/> yuan.</summary>
    private static Warning MedGap(IdNumber id, string name, string household, string total) =>
        Found("MED_AID_GAP", "医疗救助政策落实不到位", "核实医疗费用负担情况，按规定落实医疗救助政策", "medical-insurance", id, name, household,
            TownOf(household), "medical-bills", $"低保人员，近12个月自付医疗费用合计{total}元，超过20,000元，未享受医疗救助");

    /// <summary>EDU_NOT_COVERED: a student marked 家庭经济困难 who is in no household of the database.</summary>
    private static Warning NotCovered(IdNumber id, string name) =>
        Found("EDU_NOT_COVERED", "疑似符合条件未纳入（家庭经济困难学生）", "入户核查家庭经济状况，符合条件的及时纳入低收入人口救助范围", "civil-affairs", id, name,
            string.Empty, string.Empty, "education", "见于教育体育 在校学生（家庭经济困难），不在低收入人口数据库中") with { Categories = string.Empty, Method = string.Empty, Village = string.Empty };

    /// <summary>ID_INVALID back to the education department: the subject is the cell and name as typed.</summary>
    private static Warning IdInvalid(string raw, string name) => new()
    {
        Code = "ID_INVALID", Label = "身份证号码无效", Measure = "核对并更正身份证号码后重新报送", Receiver = "education",
        Subject = $"raw:{raw}|{name}", IdText = raw, Name = name, Department = "education", SourceRow = 9,
        Detail = "教育体育 在校学生记录的身份证号无效（位数不对），按姓名等信息也未能确认身份",
    };

    private static string TownOf(string household) => household == "H2" ? "克井镇" : "天坛街道";

    private static Warning Found(
        string code, string label, string measure, string receiver, IdNumber id, string name, string household, string subdistrict, string department, string detail) => new()
    {
        Code = code, Label = label, Measure = measure, Receiver = receiver, Subject = id.Value, IdText = id.Value, Name = name,
        HouseholdId = household, Subdistrict = subdistrict, Village = household == "H2" ? "前进村" : "北海社区", Categories = "低保",
        Department = department, Method = "exact", Detail = detail, SourceRow = 4,
    };

    private static IEnumerable<long> Stale(DispositionResult result) => result.BeforeRaised.Select(b => b.WarningId);
}
