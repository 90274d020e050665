using System.Globalization;
using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>
/// Department extracts as batches (<c>store.Batches</c>), one transaction each: a snapshot's newest batch is current and a
/// much shorter one is refused; a ledger's batches all count, each event once; a batch withdrawn counts for nothing; the
/// batches a run counts and their records read back; refused attempts and what <c>matching status</c> shows of them.
/// </summary>
public abstract partial class MatchingStoreTests<TDb>
{
    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_NewExtract_PendingBatchWithCountsAndTypedRecords()
    {
        await using var store = await OpenInitializedAsync();
        var batch = DepartmentBatch("illness", "重病患者2026-11.xlsx");

        var stored = await ImportAsync(store, batch,
        [
            Row(3, TestIds.Valid(40).Value, "张三", ("visitDate", "2026-01-05"), ("selfPaid", "1234.50"), ("hardship", "1"), ("school", "一中")),
            Row(5, TestIds.Valid(41).Value, "欧阳娜娜"),
        ], rejected: 2);
        var found = await store.Batches.FindDepartmentBatchAsync("illness", batch.Sha256, Ct);
        var records = await RecordsAsync(store, stored.BatchId);

        Assert.Equal((2L, 2L, (long?)null, (long?)null, (long?)null), (stored.Accepted, stored.Usable, stored.NewEvents, stored.KnownEvents, stored.Replaced));
        Assert.NotNull(found);
        Assert.Equal((stored.BatchId, BatchStore.DepartmentBatchKind, "illness", "重病患者2026-11.xlsx", BatchStatus.Pending), (found.BatchId, found.Kind, found.Department, found.FileName, found.Status));
        Assert.Equal((4L, 2L, 2L, 2L, "tester"), (found.RowsRead, found.RowsAccepted, found.RowsRejected, found.RowsUsable, found.Operator));
        Assert.Equal(TestLayout.Describe(), found.Layout);
        Assert.Equal(BatchState.Current, (await BatchAsync(store, stored.BatchId)).State);
        Assert.Equal(["1024"], await QueryAsync("SELECT size_bytes FROM import_batch WHERE batch_id = @p", stored.BatchId));
        Assert.Equal([3L, 5L], records.Select(r => r.SourceRow));
        Assert.Equal(["张三", "欧阳娜娜"], records.Select(r => r.Name));
        Assert.Equal(new Dictionary<string, string> { ["visitDate"] = "2026-01-05", ["selfPaid"] = "1234.50", ["hardship"] = "1", ["school"] = "一中" }, records[0].Fields);
        Assert.Empty(records[1].Fields);
        Assert.Equal(["123450"], await QueryAsync("SELECT fen0 FROM source_record WHERE source_row = @p", 3));
        Assert.Equal(2, (await store.CountRowsAsync(Ct))["source_record"]);
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_IdsOfEveryKind_IdKeyForValidRawIdForNonCanonical()
    {
        var exact = TestIds.Valid(42);
        var x = TestIds.WithCheck('X', new DateOnly(1985, 5, 5));
        var old = TestIds.Make(TestIds.Jiyuan, new DateOnly(1965, 6, 6), 66);
        var old15 = TestIds.Make15(TestIds.Jiyuan, new DateOnly(1965, 6, 6), 66);
        var wrongCheck = TestIds.Substitute(exact.Value, 17, exact.Value[17] == '0' ? '1' : '0');
        await using var store = await OpenInitializedAsync();

        var batch = await ImportAsync(store, DepartmentBatch("education", "students.csv"),
        [
            Row(2, exact.Value, "甲"),
            Row(3, x.Value.ToLowerInvariant(), "乙"),
            Row(4, old15, "丙"),
            Row(5, wrongCheck, "丁"),
            Row(6, "4.19001198001010E+17", "戊") with { BirthDate = "1980-01-01" },
            Row(7, string.Empty, "己"),
        ]);
        var stored = await RecordsAsync(store, batch.BatchId);

        Assert.Equal([exact.Key, x.Key, old.Key, null, null, null], stored.Select(r => r.IdKey));
        Assert.Equal([null, x.Value.ToLowerInvariant(), old15, wrongCheck, "4.19001198001010E+17", string.Empty], stored.Select(r => r.RawId));
        Assert.Equal([IdKind.Valid18, IdKind.Valid18, IdKind.Valid15, IdKind.CheckCharWrong, IdKind.ExcelDamaged, IdKind.Empty], stored.Select(r => r.IdKind));
        Assert.Equal("1980-01-01", stored[4].BirthDate);
        Assert.Equal(5L, batch.Usable); // the empty ID with no birth date identifies no one
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_NewerSnapshot_SupersedesOlderOfSameDepartmentOnly()
    {
        await using var store = await OpenInitializedAsync();
        var september = (await ImportAsync(store, DepartmentBatch("education", "sept.csv"), [Row(2, TestIds.Valid(43).Value, "甲")])).BatchId;
        var illness = (await ImportAsync(store, DepartmentBatch("illness", "patients.csv"), [Row(2, TestIds.Valid(44).Value, "乙")])).BatchId;

        var october = await ImportAsync(store, DepartmentBatch("education", "oct.csv"), [Row(2, TestIds.Valid(45).Value, "丙")]);
        var empty = await ImportAsync(store, DepartmentBatch("education", "all-refused.csv"), [], rejected: 3);
        var november = await ImportAsync(store, DepartmentBatch("education", "nov.csv"), [Row(2, TestIds.Valid(46).Value, "丁")]);
        var batches = (await store.Batches.ListAsync("education", Ledgers, Ct)).ToDictionary(b => b.BatchId, b => b.State);

        Assert.Equal(september, october.Replaced);
        Assert.Null(empty.Replaced); // a file whose every row was refused replaces nothing
        Assert.Equal(october.BatchId, november.Replaced);
        Assert.Equal(BatchState.Superseded, batches[september]);
        Assert.Equal(BatchState.Superseded, batches[october.BatchId]);
        Assert.Equal(BatchState.Superseded, batches[empty.BatchId]);
        Assert.Equal(BatchState.Current, batches[november.BatchId]);
        Assert.Equal(BatchState.Current, (await BatchAsync(store, illness)).State);
        Assert.Equal([november.BatchId.ToString(CultureInfo.InvariantCulture)], await QueryAsync("SELECT superseded_by FROM import_batch WHERE batch_id = @p", october.BatchId));
        Assert.Equal("甲", Assert.Single(await RecordsAsync(store, september)).Name);
        Assert.Equal([november.BatchId, illness], (await store.Batches.CountingAsync(Ledgers, Ct)).Select(b => b.BatchId)); // by department
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_SnapshotUnderHalfTheCurrent_RefusedNamingBothCountsAndNothingStored()
    {
        await using var store = await OpenInitializedAsync();
        var list = await ImportAsync(store, DepartmentBatch("education", "semester.csv"), [.. Enumerable.Range(0, 10).Select(i => Row(i + 2, TestIds.Valid(100 + i).Value, "生" + i))]);
        var before = await store.CountRowsAsync(Ct);

        var error = await Assert.ThrowsAsync<ImportRefusedException>(() => ImportAsync(store, DepartmentBatch("education", "short.csv"),
            [.. Enumerable.Range(0, 4).Select(i => Row(i + 2, TestIds.Valid(200 + i).Value, "生" + i))], acceptShrink: false));

        Assert.Contains("4 rows, fewer than 0.5 of the current 10", error.Message, StringComparison.Ordinal);
        Assert.Contains("--accept-shrink", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.CountRowsAsync(Ct));
        Assert.Equal(list.BatchId, Assert.Single(await store.Batches.CountingAsync(Ledgers, Ct)).BatchId);
        Assert.Null(await store.Batches.FindDepartmentBatchAsync("education", Sha256Of("short.csv"), Ct));
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_RowTheDatabaseRefusesAfterThousands_FailsWholeAndChangesNothing()
    {
        // The rows are loaded by a task of their own while the file is still read: a row the database refuses (two rows
        // with one row number, 5,000 rows in, after the loader has taken whole chunks) fails the import all the same.
        await using var store = await OpenInitializedAsync();
        var list = await ImportAsync(store, DepartmentBatch("education", "semester.csv"), [Row(2, TestIds.Valid(90).Value, "甲")]);
        var before = await store.CountRowsAsync(Ct);
        TestRow[] rows = [.. Enumerable.Range(0, 6000).Select(i => Row(i < 5000 ? i + 2 : i + 1, TestIds.Valid(1000 + i).Value, "生" + i))];

        var error = await Record.ExceptionAsync(() => ImportAsync(store, DepartmentBatch("education", "duplicated.csv"), rows));

        Assert.True(error is System.Data.Common.DbException or MatchingException, $"unexpected {error?.GetType().Name}: {error?.Message}");
        Assert.Equal(before, await store.CountRowsAsync(Ct));
        Assert.Equal(list.BatchId, Assert.Single(await store.Batches.CountingAsync(Ledgers, Ct)).BatchId);
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_ReadFailsAfterThousandsOfRows_ItsErrorAndNothingStored()
    {
        await using var store = await OpenInitializedAsync();
        var before = await store.CountRowsAsync(Ct);
        var request = new DepartmentBatchRequest(DepartmentBatch("education", "cut.csv"), DepartmentKind.Snapshot, TestLayout, 0.5, AcceptShrink: true);
        var record = new DepartmentRecord();

        var error = await Assert.ThrowsAsync<InputFileException>(() => store.Batches.ImportDepartmentAsync(request, async (writer, token) =>
        {
            for (var i = 0; i < 9000; i++)
            {
                record.SourceRow = i + 2;
                record.RawId = TestIds.Valid(3000 + i).Value;
                record.Parsed = IdParser.Parse(record.RawId);
                record.Name = "生" + i;
                await writer.WriteAsync(record, token);
            }

            throw new InputFileException("cut.csv", "the file ends inside a quoted cell");
        }, Ct));

        Assert.Contains("cut.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.CountRowsAsync(Ct));
        Assert.Empty(await store.Batches.CountingAsync(Ledgers, Ct));
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_ShortSnapshotAccepted_BecomesCurrent()
    {
        await using var store = await OpenInitializedAsync();
        await ImportAsync(store, DepartmentBatch("education", "semester.csv"), [.. Enumerable.Range(0, 10).Select(i => Row(i + 2, TestIds.Valid(100 + i).Value, "生" + i))]);

        var shorter = await ImportAsync(store, DepartmentBatch("education", "short.csv"), [Row(2, TestIds.Valid(300).Value, "甲")], acceptShrink: true);

        Assert.Equal(shorter.BatchId, Assert.Single(await store.Batches.CountingAsync(Ledgers, Ct)).BatchId);
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_SameLengthButIdsLost_RefusedOnUsableRows()
    {
        await using var store = await OpenInitializedAsync();
        await ImportAsync(store, DepartmentBatch("education", "semester.csv"), [.. Enumerable.Range(0, 10).Select(i => Row(i + 2, TestIds.Valid(100 + i).Value, "生" + i))]);

        var error = await Assert.ThrowsAsync<ImportRefusedException>(() => ImportAsync(store, DepartmentBatch("education", "blank-ids.csv"),
            [.. Enumerable.Range(0, 10).Select(i => Row(i + 2, string.Empty, "生" + i))], acceptShrink: false));

        Assert.Contains("0 rows with a usable ID, fewer than 0.5 of the current 10", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_LedgerBillSentAgain_StoredButCountsOnceAndNewAndKnownCounted()
    {
        var patient = TestIds.Valid(50).Value;
        await using var store = await OpenInitializedAsync();
        var september = await ImportAsync(store, DepartmentBatch("medical-bills", "2026-09.csv"),
            [Bill(2, patient, "张三", new DateOnly(2026, 9, 3), 15000m), Bill(3, patient, "张三", new DateOnly(2026, 9, 30), 100m)], kind: DepartmentKind.Ledger);
        var october = await ImportAsync(store, DepartmentBatch("medical-bills", "2026-10.csv"),
        [
            Bill(2, patient, "张三", new DateOnly(2026, 9, 30), 100m), // September's last bill, sent again
            Bill(3, patient, "张三", new DateOnly(2026, 10, 8), 8000m),
            Bill(4, patient, "张三", new DateOnly(2026, 10, 8), 8000m), // the same row twice in one file
        ], kind: DepartmentKind.Ledger);

        Assert.Equal((2L, 0L, (long?)null), (september.NewEvents!.Value, september.KnownEvents!.Value, september.Replaced));
        Assert.Equal((1L, 2L), (october.NewEvents!.Value, october.KnownEvents!.Value));
        Assert.Equal([3L], (await RecordsAsync(store, october.BatchId, ledger: true)).Select(r => r.SourceRow));
        Assert.Equal([2L, 3L, 4L], (await RecordsAsync(store, october.BatchId)).Select(r => r.SourceRow)); // every row kept
        Assert.Equal([BatchState.Counting, BatchState.Counting], (await store.Batches.ListAsync("medical-bills", Ledgers, Ct)).Select(b => b.State));
        Assert.Equal([september.BatchId, october.BatchId], (await store.Batches.CountingAsync(Ledgers, Ct)).Select(b => b.BatchId));
    }

    [SkippableFact]
    public async Task Batches_ReadRecordsAsync_LedgerWindow_OnlyEventsAfterTheDayAndUndatedOnes()
    {
        var patient = TestIds.Valid(51).Value;
        await using var store = await OpenInitializedAsync();
        var undated = Row(4, patient, "张三", ("selfPaid", "5")) with { Event = new EventKey(EventKey.NoDate, 7) };
        var bills = await ImportAsync(store, DepartmentBatch("medical-bills", "year.csv"),
            [Bill(2, patient, "张三", new DateOnly(2025, 10, 31), 1m), Bill(3, patient, "张三", new DateOnly(2025, 11, 1), 2m), undated], kind: DepartmentKind.Ledger);

        var read = await RecordsAsync(store, bills.BatchId, ledger: true, afterDay: new DateOnly(2025, 10, 31).DayNumber);

        Assert.Equal([3L, 4L], read.Select(r => r.SourceRow));
    }

    [SkippableTheory]
    [InlineData(512)]
    [InlineData(513)]
    public async Task Batches_ReadRecordsAsync_MoreRowsThanABlock_EachReadOnceInOrderWithItsOwnFields(int rows)
    {
        await using var store = await OpenInitializedAsync();
        var written = Enumerable.Range(0, rows)
            .Select(i => Row(i + 2, TestIds.Valid(1000 + i).Value, "学生" + i, ("school", "第" + i + "中学"), ("total", i + ".50")))
            .ToArray();
        var batch = await ImportAsync(store, DepartmentBatch("education", "many.csv"), written);

        var read = await RecordsAsync(store, batch.BatchId);

        Assert.Equal(written.Select(w => (w.SourceRow, w.Name, "第" + (w.SourceRow - 2) + "中学", (w.SourceRow - 2) + ".50")),
            read.Select(r => (r.SourceRow, r.Name, r.Fields["school"], r.Fields["total"])));
    }

    [SkippableFact]
    public async Task Batches_ReadRecordsAsync_LayoutChangedSinceImport_FieldsFoundByName()
    {
        await using var store = await OpenInitializedAsync();
        var batch = await ImportAsync(store, DepartmentBatch("illness", "a.csv"), [Row(2, TestIds.Valid(52).Value, "甲", ("disease", "白血病"), ("total", "9.50"))]);
        var later = RecordLayout.Of([("total", FieldType.Amount, "总费用"), ("disease", FieldType.Text, "病种"), ("new", FieldType.Text, "新列"), ("school", FieldType.Date, "学校")]);

        var read = Assert.Single(await RecordsAsync(store, batch.BatchId, layout: later));

        Assert.Equal(new Dictionary<string, string> { ["total"] = "9.50", ["disease"] = "白血病" }, read.Fields);
    }

    [SkippableFact]
    public async Task Batches_ReadRecordsAsync_TextFieldCodedSinceImport_ItsTextReadIntoTheCodeSlot()
    {
        await using var store = await OpenInitializedAsync();
        var batch = await ImportAsync(store, DepartmentBatch("disability", "old.csv"), [Row(2, TestIds.Valid(58).Value, "甲", ("disease", "一级"))]);
        var coded = RecordLayout.Of([("school", FieldType.Text, "残疾类别"), ("disease", FieldType.Code, "残疾等级")]);

        var read = Assert.Single(await RecordsAsync(store, batch.BatchId, layout: coded));

        Assert.Equal(new Dictionary<string, string> { ["disease"] = "一级" }, read.Fields); // as typed: the run reads it through the vocabulary
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_RuleGaps_StoredWithTheBatch()
    {
        await using var store = await OpenInitializedAsync();
        const string gaps = """[{"field":"selfPaid","column":"个人自付","kind":"ColumnMissing"}]""";

        var request = new DepartmentBatchRequest(DepartmentBatch("medical-bills", "bills.csv"), DepartmentKind.Ledger, TestLayout, 0.5, AcceptShrink: true);
        var stored = await store.Batches.ImportDepartmentAsync(request, (writer, token) => Task.FromResult(new DepartmentRead(0, 0, null) { RuleGaps = gaps }), Ct);

        Assert.Equal(gaps, (await BatchAsync(store, stored.BatchId)).RuleGaps);
        Assert.Equal(gaps, Assert.Single(await store.Batches.CountingAsync(Ledgers, Ct)).RuleGaps);
    }

    [SkippableFact]
    public async Task Batches_WithdrawAsync_Snapshot_PreviousOneCurrentAgainAndWhoWhenWhyRecorded()
    {
        await using var store = await OpenInitializedAsync();
        var right = (await ImportAsync(store, DepartmentBatch("education", "semester.csv"), [Row(2, TestIds.Valid(53).Value, "甲")])).BatchId;
        var wrong = (await ImportAsync(store, DepartmentBatch("education", "death.csv"), [Row(2, TestIds.Valid(54).Value, "乙")])).BatchId;

        var withdrawn = await store.Batches.WithdrawAsync(wrong, "死亡名单误作学生名单导入", "operator1", Ledgers, Ct);

        Assert.Equal((BatchState.Withdrawn, BatchStatus.Withdrawn, "operator1", "死亡名单误作学生名单导入"), (withdrawn.State, withdrawn.Status, withdrawn.WithdrawnBy, withdrawn.WithdrawReason));
        Assert.NotNull(withdrawn.WithdrawnAt);
        Assert.Equal(right, Assert.Single(await store.Batches.CountingAsync(Ledgers, Ct)).BatchId);
        Assert.Equal(BatchState.Current, (await BatchAsync(store, right)).State);
        Assert.Single(await RecordsAsync(store, wrong)); // nothing deleted
        Assert.Null(await store.Batches.FindDepartmentBatchAsync("education", Sha256Of("death.csv"), Ct)); // the same file may come again
    }

    [SkippableFact]
    public async Task Batches_WithdrawAsync_LedgerSharingAnEvent_OnlyItsOwnEventsStopCounting()
    {
        var patient = TestIds.Valid(55).Value;
        await using var store = await OpenInitializedAsync();
        var september = await ImportAsync(store, DepartmentBatch("medical-bills", "2026-09.csv"),
            [Bill(2, patient, "张三", new DateOnly(2026, 9, 3), 15000m), Bill(3, patient, "张三", new DateOnly(2026, 9, 30), 100m)], kind: DepartmentKind.Ledger);
        var october = await ImportAsync(store, DepartmentBatch("medical-bills", "2026-10.csv"),
            [Bill(5, patient, "张三", new DateOnly(2026, 9, 30), 100m), Bill(6, patient, "张三", new DateOnly(2026, 10, 8), 8000m)], kind: DepartmentKind.Ledger);

        await store.Batches.WithdrawAsync(september.BatchId, "wrong month", "operator1", Ledgers, Ct);

        Assert.Equal([october.BatchId], (await store.Batches.CountingAsync(Ledgers, Ct)).Select(b => b.BatchId));
        Assert.Equal([5L, 6L], (await RecordsAsync(store, october.BatchId, ledger: true)).Select(r => r.SourceRow)); // the shared bill counts by October's row now

        var november = await ImportAsync(store, DepartmentBatch("medical-bills", "2026-11.csv"),
            [Bill(2, patient, "张三", new DateOnly(2026, 9, 3), 15000m)], kind: DepartmentKind.Ledger);
        Assert.Equal((1L, 0L), (november.NewEvents!.Value, november.KnownEvents!.Value)); // a withdrawn batch's events are unknown again
    }

    [SkippableFact]
    public async Task Batches_WithdrawAsync_TwiceUnknownOrPopulation_OneLineErrors()
    {
        await using var store = await OpenInitializedAsync();
        var population = await store.Population.ImportAsync(new SnapshotBuilder().Build(), Batch("lowincome.csv"), 0, 0, Ct);
        var batch = (await ImportAsync(store, DepartmentBatch("education", "a.csv"), [Row(2, TestIds.Valid(56).Value, "甲")])).BatchId;
        await store.Batches.WithdrawAsync(batch, "wrong file", "operator1", Ledgers, Ct);

        var twice = await Assert.ThrowsAsync<MatchingException>(() => store.Batches.WithdrawAsync(batch, "again", "operator2", Ledgers, Ct));
        var unknown = await Assert.ThrowsAsync<MatchingException>(() => store.Batches.WithdrawAsync(999, "?", "operator1", Ledgers, Ct));
        var snapshot = await Assert.ThrowsAsync<MatchingException>(() => store.Batches.WithdrawAsync(population, "?", "operator1", Ledgers, Ct));

        Assert.Contains("already withdrawn", twice.Message, StringComparison.Ordinal);
        Assert.Contains("wrong file", twice.Message, StringComparison.Ordinal);
        Assert.Contains("no such batch", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("matching lowincome import <file> --accept-shrink", snapshot.Message, StringComparison.Ordinal);
        Assert.Equal("wrong file", (await BatchAsync(store, batch)).WithdrawReason);
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_SameFileTwiceAtOnce_UniqueIndexLetsOneThrough()
    {
        await using var store = await OpenInitializedAsync();
        var batch = DepartmentBatch("education", "students.csv");
        await ImportAsync(store, batch, [Row(2, TestIds.Valid(57).Value, "甲")]);
        var before = await store.CountRowsAsync(Ct);

        await Assert.ThrowsAsync<MatchingException>(() => ImportAsync(store, batch, [Row(2, TestIds.Valid(57).Value, "甲")]));

        Assert.Equal(before, await store.CountRowsAsync(Ct));
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_FailureInsideTransaction_MatchingExceptionAndNothingChanged()
    {
        await using var store = await OpenInitializedAsync();
        var earlier = (await ImportAsync(store, DepartmentBatch("education", "sept.csv"), [Row(2, TestIds.Valid(46).Value, "甲")])).BatchId;
        var before = await store.CountRowsAsync(Ct);

        var error = await Assert.ThrowsAsync<MatchingException>(() => ImportAsync(store, DepartmentBatch("education", "oct.csv"),
            [Row(2, TestIds.Valid(47).Value, "乙"), Row(2, TestIds.Valid(48).Value, "丙")]));

        Assert.Contains("oct.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.CountRowsAsync(Ct));
        Assert.Equal((BatchState.Current, BatchStatus.Pending), ((await BatchAsync(store, earlier)).State, (await BatchAsync(store, earlier)).Status));
        Assert.Null(await store.Batches.FindDepartmentBatchAsync("education", Sha256Of("oct.csv"), Ct));
    }

    [SkippableFact]
    public async Task Batches_ImportDepartmentAsync_BeforeInit_ThrowsTellingToRunInit()
    {
        await using var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<MatchingException>(() => ImportAsync(store, DepartmentBatch("education", "a.csv"), []));

        Assert.Contains("matching init", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Batches_FindDepartmentBatchAsync_SameBytesOtherDepartment_Null()
    {
        await using var store = await OpenInitializedAsync();
        var batch = DepartmentBatch("education", "a.csv");
        await ImportAsync(store, batch, []);

        Assert.Null(await store.Batches.FindDepartmentBatchAsync("illness", batch.Sha256, Ct));
        Assert.Null(await store.Batches.FindDepartmentBatchAsync("education", Sha256Of("other bytes"), Ct));
    }

    [SkippableFact]
    public async Task Batches_RecordRefusedAttemptAsync_RefusedFile_AuditRowAndNoDataChanged()
    {
        await using var store = await OpenInitializedAsync();
        await ImportAsync(store, DepartmentBatch("education", "sept.csv"), [Row(2, TestIds.Valid(49).Value, "甲")]);
        var before = await store.CountRowsAsync(Ct);
        var attempt = DepartmentBatch("education", "broken.xlsx");

        await store.Batches.RecordRefusedAttemptAsync(attempt, "broken.xlsx: not a readable Excel workbook (truncated or corrupt?)", Ct);

        Assert.Equal(before, await store.CountRowsAsync(Ct));
        string[] columns = ["kind", "department", "file_name", "sha256", "size_bytes", "operator", "error"];
        var audit = new List<string>();
        foreach (var column in columns)
        {
            audit.Add(Assert.Single(await QueryAsync($"SELECT {column} FROM import_attempt WHERE file_name = @p", "broken.xlsx")));
        }

        Assert.Equal(["department", "education", "broken.xlsx", attempt.Sha256, "1024", "tester", "broken.xlsx: not a readable Excel workbook (truncated or corrupt?)"], audit);
        var at = Assert.Single(await QueryAsync("SELECT attempted_at FROM import_attempt WHERE file_name = @p", "broken.xlsx"));
        Assert.Equal(attempt.ImportedAt, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Batches_CountingAsync_SeveralExtracts_CurrentListsAndEveryLedgerBatchByDepartmentPendingUntilARunUsesIt()
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
    public async Task Batches_RecentRefusalsAsync_RefusalsOverAWeek_ThoseSinceTheGivenTimeNewestFirst()
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
                ((string?)null, "低收入人口.xls", "低收入人口.xls: row 3, column 身份证号码: missing", SourceCodes.LowIncome),
            ],
            refusals.Select(r => (r.Department, r.FileName, r.Error, r.Kind)));
        Assert.Equal(monday.AddDays(4), DateTimeOffset.Parse(refusals[0].At, CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Batches_RecentRefusalsAsync_MoreThanTwenty_TheTwentyNewest()
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
    public async Task Batches_ReadRecordsAsync_ChineseFieldsWithQuotesAndBreaks_ReadBackAsStored()
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
}
