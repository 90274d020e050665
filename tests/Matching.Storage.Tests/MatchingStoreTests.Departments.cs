using System.Globalization;
using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>Department extracts as batches: one transaction each, newer ones supersede older ones, refusals audited.</summary>
public abstract partial class MatchingStoreTests<TDb>
{
    [SkippableFact]
    public async Task ImportDepartmentAsync_NewExtract_PendingBatchWithCountsAndRecords()
    {
        await using var store = await OpenInitializedAsync();
        var batch = DepartmentBatch("medical-bills", "医保自付2026-11.xlsx");
        SourceRecord[] records =
        [
            Row(3, TestIds.Valid(40).Value, "张三", ("visitDate", "2026-01-05"), ("selfPaid", "1234.50")),
            Row(5, TestIds.Valid(41).Value, "欧阳娜娜"),
        ];

        var (batchId, superseded) = await store.ImportDepartmentAsync(batch, records, rowsRead: 4, rowsRejected: 2, Ct);
        var found = await store.FindDepartmentBatchAsync("medical-bills", batch.Sha256, Ct);

        Assert.Empty(superseded);
        Assert.Equal("pending", await store.BatchStatusAsync(batchId, Ct));
        Assert.NotNull(found);
        Assert.Equal((batchId, MatchingStore.DepartmentKind, "medical-bills", "医保自付2026-11.xlsx"), (found.BatchId, found.Kind, found.Department, found.FileName));
        Assert.Equal((4L, 2L, 2L, "tester"), (found.RowsRead, found.RowsAccepted, found.RowsRejected, found.Operator));
        Assert.Equal(["1024"], await QueryAsync("SELECT size_bytes FROM import_batch WHERE batch_id = @p", batchId));
        var stored = await store.SourceRecordsAsync(batchId, Ct);
        Assert.Equal([3L, 5L], stored.Select(r => r.SourceRow));
        Assert.Equal(["张三", "欧阳娜娜"], stored.Select(r => r.Name));
        Assert.Equal(new Dictionary<string, string> { ["visitDate"] = "2026-01-05", ["selfPaid"] = "1234.50" }, stored[0].Fields);
        Assert.Empty(stored[1].Fields);
        Assert.Equal(2, (await store.CountRowsAsync(Ct))["source_record"]);
    }

    [SkippableFact]
    public async Task ImportDepartmentAsync_IdsOfEveryKind_IdKeyForValidRawIdForNonCanonical()
    {
        var exact = TestIds.Valid(42);
        var x = TestIds.WithCheck('X', new DateOnly(1985, 5, 5));
        var old = TestIds.Make(TestIds.Jiyuan, new DateOnly(1965, 6, 6), 66);
        var old15 = TestIds.Make15(TestIds.Jiyuan, new DateOnly(1965, 6, 6), 66);
        var wrongCheck = TestIds.Substitute(exact.Value, 17, exact.Value[17] == '0' ? '1' : '0');
        await using var store = await OpenInitializedAsync();

        var (batchId, _) = await store.ImportDepartmentAsync(DepartmentBatch("education", "students.csv"),
        [
            Row(2, exact.Value, "甲"),
            Row(3, x.Value.ToLowerInvariant(), "乙"),
            Row(4, old15, "丙"),
            Row(5, wrongCheck, "丁"),
            Row(6, "4.19001198001010E+17", "戊"),
        ], 5, 0, Ct);
        var stored = await store.SourceRecordsAsync(batchId, Ct);

        Assert.Equal([exact.Key, x.Key, old.Key, null, null], stored.Select(r => r.IdKey));
        Assert.Equal([null, x.Value.ToLowerInvariant(), old15, wrongCheck, "4.19001198001010E+17"], stored.Select(r => r.RawId));
        Assert.Equal(["Valid18", "Valid18", "Valid15", "CheckCharWrong", "ExcelDamaged"], stored.Select(r => r.IdKind));
    }

    [SkippableFact]
    public async Task ImportDepartmentAsync_NewerExtract_SupersedesOlderOfSameDepartmentOnly()
    {
        await using var store = await OpenInitializedAsync();
        var (september, _) = await store.ImportDepartmentAsync(DepartmentBatch("education", "sept.csv"), [Row(2, TestIds.Valid(43).Value, "甲")], 1, 0, Ct);
        var (illness, _) = await store.ImportDepartmentAsync(DepartmentBatch("illness", "patients.csv"), [Row(2, TestIds.Valid(44).Value, "乙")], 1, 0, Ct);

        var (october, firstSuperseded) = await store.ImportDepartmentAsync(DepartmentBatch("education", "oct.csv"), [Row(2, TestIds.Valid(45).Value, "丙")], 1, 0, Ct);
        var (empty, noneSuperseded) = await store.ImportDepartmentAsync(DepartmentBatch("education", "all-refused.csv"), [], 3, 3, Ct);
        var (november, secondSuperseded) = await store.ImportDepartmentAsync(DepartmentBatch("education", "nov.csv"), [Row(2, TestIds.Valid(46).Value, "丁")], 1, 0, Ct);

        Assert.Equal([september], firstSuperseded);
        Assert.Empty(noneSuperseded); // a file whose every row was refused replaces nothing
        Assert.Equal([october, empty], secondSuperseded.Order());
        Assert.Equal("superseded", await store.BatchStatusAsync(september, Ct));
        Assert.Equal("superseded", await store.BatchStatusAsync(october, Ct));
        Assert.Equal("pending", await store.BatchStatusAsync(november, Ct));
        Assert.Equal("pending", await store.BatchStatusAsync(illness, Ct));
        Assert.Equal([november.ToString(CultureInfo.InvariantCulture)], await QueryAsync("SELECT superseded_by FROM import_batch WHERE batch_id = @p", october));
        Assert.Equal("甲", Assert.Single(await store.SourceRecordsAsync(september, Ct)).Name);
        Assert.Equal(4, (await store.CountRowsAsync(Ct))["source_record"]);
    }

    [SkippableFact]
    public async Task ImportDepartmentAsync_FailureInsideTransaction_MatchingExceptionAndNothingChanged()
    {
        await using var store = await OpenInitializedAsync();
        var (earlier, _) = await store.ImportDepartmentAsync(DepartmentBatch("education", "sept.csv"), [Row(2, TestIds.Valid(46).Value, "甲")], 1, 0, Ct);
        var before = await store.CountRowsAsync(Ct);

        var error = await Assert.ThrowsAsync<MatchingException>(() => store.ImportDepartmentAsync(DepartmentBatch("education", "oct.csv"),
            [Row(2, TestIds.Valid(47).Value, "乙"), Row(2, TestIds.Valid(48).Value, "丙")], 2, 0, Ct));

        Assert.Contains("oct.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.CountRowsAsync(Ct));
        Assert.Equal("pending", await store.BatchStatusAsync(earlier, Ct));
        Assert.Null(await store.FindDepartmentBatchAsync("education", Sha256Of("oct.csv"), Ct));
    }

    [SkippableFact]
    public async Task ImportDepartmentAsync_BeforeInit_ThrowsTellingToRunInit()
    {
        await using var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<MatchingException>(() => store.ImportDepartmentAsync(DepartmentBatch("education", "a.csv"), [], 0, 0, Ct));

        Assert.Contains("matching init", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task FindDepartmentBatchAsync_SameBytesOtherDepartment_Null()
    {
        await using var store = await OpenInitializedAsync();
        var batch = DepartmentBatch("education", "a.csv");
        await store.ImportDepartmentAsync(batch, [], 0, 0, Ct);

        Assert.Null(await store.FindDepartmentBatchAsync("illness", batch.Sha256, Ct));
        Assert.Null(await store.FindDepartmentBatchAsync("education", Sha256Of("other bytes"), Ct));
    }

    [SkippableFact]
    public async Task RecordRefusedAttemptAsync_RefusedFile_AuditRowAndNoDataChanged()
    {
        await using var store = await OpenInitializedAsync();
        await store.ImportDepartmentAsync(DepartmentBatch("education", "sept.csv"), [Row(2, TestIds.Valid(49).Value, "甲")], 1, 0, Ct);
        var before = await store.CountRowsAsync(Ct);
        var attempt = DepartmentBatch("education", "broken.xlsx");

        await store.RecordRefusedAttemptAsync(attempt, "broken.xlsx: not a readable Excel workbook (truncated or corrupt?)", Ct);

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

    protected static BatchInfo DepartmentBatch(string department, string fileName) =>
        Batch(fileName) with { Kind = MatchingStore.DepartmentKind, Department = department };

    protected static SourceRecord Row(long row, string rawId, string name, params (string Field, string Value)[] fields) =>
        new(row, rawId, IdParser.Parse(rawId), name, fields.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal));
}
