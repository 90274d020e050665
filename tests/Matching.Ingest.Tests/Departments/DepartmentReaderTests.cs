using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Ingest.Departments;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Rejects;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Departments;

/// <summary>
/// A department extract read into source records: typed fields in their stored form, rows that cannot be used
/// rejected with row, column (as the file spells it) and reason, rows with a damaged ID kept and listed.
/// </summary>
public sealed partial class DepartmentReaderTests : IDisposable
{
    private static readonly HeaderMapCatalog Catalog = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory);

    private readonly TempFolder _temp = new("matching-department-");

    [Theory]
    [InlineData("2026-01-05")]
    [InlineData("2026/1/5")]
    [InlineData("20260105")]
    [InlineData("2026年1月5日")]
    public void Read_DateAsTyped_StoredAsDate(string typed)
    {
        var result = Read("illness", $"患者姓名,身份证件号,疾病名称,确诊日期\n张三,{TestIds.Valid(1).Value},白血病,{typed}\n");

        var record = Assert.Single(result.Records);
        Assert.Equal(new DateOnly(2026, 1, 5), record.Date("diagnosedOn"));
        Assert.Equal("白血病", record.Text("disease"));
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Read_AmountsAsTyped_StoredAsInvariantDecimals()
    {
        var result = Read("medical-bills",
            $"姓名,证件号码,就诊日期,医疗总费用,基金支付,个人自付\n张三,{TestIds.Valid(2).Value},2026/1/5,\"1,234.50\",¥12,12元\n");

        var record = Assert.Single(result.Records);
        Assert.Equal(new DateOnly(2026, 1, 5), record.Date("visitDate"));
        Assert.Equal((123450L, 1200L, 1200L), (record.Fen("total"), record.Fen("fundPaid"), record.Fen("selfPaid")));
    }

    [Fact]
    public void Read_FlagsAsTyped_StoredAsYesOrNo()
    {
        var text = "姓名,身份证号,是否家庭经济困难\n"
            + $"甲,{TestIds.Valid(3).Value},是\n乙,{TestIds.Valid(4).Value},否\n丙,{TestIds.Valid(5).Value},Y\n丁,{TestIds.Valid(6).Value},N\n"
            + $"戊,{TestIds.Valid(7).Value},\n";

        var result = Read("education", text);

        Assert.Equal([true, false, true, false], result.Records.Take(4).Select(r => r.Flag("hardship")));
        Assert.Null(result.Records[4].Flag("hardship"));
        Assert.Empty(result.Rejected);
    }

    [Theory]
    [InlineData("illness", "患者姓名,身份证件号,＊诊断日期", "2026-02-30", "＊诊断日期", RejectReason.ValueInvalid)]
    [InlineData("medical-bills", "姓名,证件号码,个人自付金额", "12.3.4", "个人自付金额", RejectReason.ValueInvalid)]
    [InlineData("education", "学生姓名,身份证号, 是否困难 ", "也许", " 是否困难 ", RejectReason.ValueUnknown)]
    [InlineData("disability", "姓名,残疾人证号,残疾等级", "五级", "残疾等级", RejectReason.ValueUnknown)]
    public void Read_TypedCellThatDoesNotRead_RejectedNamingHeaderAsSpelled(string department, string header, string bad, string column, RejectReason reason)
    {
        var (a, b) = (TestIds.Valid(8).Value, TestIds.Valid(9).Value);

        var result = Read(department, $"{header}\n张三,{a},{bad}\n李四,{b},\n");

        var reject = Assert.Single(result.Rejected);
        Assert.Equal((2L, reason, column, RejectValue.Mask(bad)), (reject.SourceRow, reject.Reason, reject.Column, reject.MaskedValue));
        Assert.DoesNotContain(bad, reject.Detail, StringComparison.Ordinal); // the value may be a misplaced ID or name
        Assert.Equal("李四", Assert.Single(result.Records).Name);
        Assert.Equal(2, result.RowsRead);
    }

    [Fact]
    public void Read_RowWithMoreCellsThanHeader_TooManyCellsAndFollowingRowsLoad()
    {
        var (a, b, c) = (TestIds.Valid(10).Value, TestIds.Valid(11).Value, TestIds.Valid(12).Value);
        var text = $"姓名,身份证号,学校\n张三,{a},一中\n李四,{b},济源,一中\n王五,{c},二中\n";

        var result = Read("education", text);

        var reject = Assert.Single(result.Rejected);
        Assert.Equal((3L, RejectReason.TooManyCells), (reject.SourceRow, reject.Reason));
        Assert.Equal(string.Empty, reject.MaskedValue);
        Assert.Equal([2L, 4L], result.Records.Select(r => r.SourceRow));
        Assert.Equal(["张三", "王五"], result.Records.Select(r => r.Name));
        Assert.Equal(3, result.RowsRead);
    }

    [Fact]
    public void Read_TrailingEmptyCells_NotExtraCells()
    {
        var id = TestIds.Valid(13).Value;

        var result = Read("education", $"姓名,身份证号\n张三,{id},,\n李四,{TestIds.Valid(14).Value},\t, \n");

        Assert.Empty(result.Rejected);
        Assert.Equal(["张三", "李四"], result.Records.Select(r => r.Name));
        Assert.Equal(id, result.Records[0].Parsed.Id.Value);
    }

    [Fact]
    public void Read_RowWithNeitherIdNorName_NoIdOrName()
    {
        var result = Read("education", $"姓名,身份证号,学校\n张三,{TestIds.Valid(15).Value},一中\n ,  ,二中\n");

        var reject = Assert.Single(result.Rejected);
        Assert.Equal((3L, RejectReason.NoIdOrName, "身份证号"), (reject.SourceRow, reject.Reason, reject.Column));
        Assert.Single(result.Records);
        Assert.Empty(result.IdProblems);
    }

    [Fact]
    public void Read_NameButNoId_KeptAndListedAsIdMissing()
    {
        var result = Read("education", "姓名,身份证号,学校\n张三,,一中\n");

        var record = Assert.Single(result.Records);
        Assert.Equal((IdKind.Empty, "张三"), (record.Parsed.Kind, record.Name));
        var problem = Assert.Single(result.IdProblems);
        Assert.Equal((2L, RejectReason.IdMissing), (problem.SourceRow, problem.Reason));
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Read_IdButNoName_KeptWithoutProblem()
    {
        var id = TestIds.Valid(16);

        var result = Read("education", $"姓名,身份证号,学校\n,{id.Value},一中\n");

        var record = Assert.Single(result.Records);
        Assert.Equal((id, string.Empty), (record.Parsed.Id, record.Name));
        Assert.Empty(result.IdProblems);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Read_TitleBlankAndFooterRows_RowsReadCountsDataRowsOnly()
    {
        var text = "济源示范区2026年秋季学期在校学生名单\n\n姓名,身份证号,学校\n"
            + $"张三,{TestIds.Valid(17).Value},一中\n\n李四,{TestIds.Valid(18).Value},二中,多\n,,,\n"
            + $"王五,{TestIds.Valid(19).Value},三中\n合计,3人,\n制表人：王老师\n填报单位：教育局\n";

        var result = Read("education", text);

        Assert.Equal(3, result.RowsRead);
        Assert.Equal([4L, 8L], result.Records.Select(r => r.SourceRow));
        Assert.Equal(6L, Assert.Single(result.Rejected).SourceRow);
        Assert.Equal(result.RowsRead, result.Records.Count + result.Rejected.Count);
    }

    [Fact]
    public void Read_QuotedCellOverTwoLines_RowIsTheRecordsFirstLine()
    {
        var text = $"姓名,身份证号,学校\n张三,{TestIds.Valid(20).Value},\"一中\n（东校区）\"\n李四,{TestIds.Valid(21).Value},二中\n";

        var result = Read("education", text);

        Assert.Equal([2L, 4L], result.Records.Select(r => r.SourceRow));
        Assert.Equal("一中\n（东校区）", result.Records[0].Text("school"));
    }

    public void Dispose() => _temp.Dispose();

    private ReadResult Read(string department, string csv) => ReadFile(_temp.WriteText(department + ".csv", csv), department);

    private static ReadResult ReadFile(string path, string department)
    {
        var map = Catalog.Get(department);
        using var table = SourceTable.Open(path, map, IngestLimits.Default);
        var reader = new DepartmentReader(table, new CellParsers(map, IngestLimits.Default));
        var records = new List<ReadRow>();
        var rejected = new List<RejectedRow>();
        var idProblems = new List<RejectedRow>();
        while (reader.Read())
        {
            if (reader.Rejected is { } refused)
            {
                rejected.Add(refused);
                continue;
            }

            if (reader.IdProblem is { } problem)
            {
                idProblems.Add(problem);
            }

            var r = reader.Current;
            records.Add(new ReadRow(r.SourceRow, r.RawId, r.Parsed, r.Name, r.BirthDate, r.Values.Copy(), reader.Layout, r.Event));
        }

        return new ReadResult(records, reader.RowsRead, rejected, idProblems);
    }

    /// <summary>Every row the reader gave, kept (the reader reuses its own).</summary>
    private sealed record ReadResult(IReadOnlyList<ReadRow> Records, long RowsRead, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<RejectedRow> IdProblems);

    /// <summary>One stored row, with its typed fields read by name.</summary>
    private sealed record ReadRow(long SourceRow, string RawId, IdParseResult Parsed, string Name, string BirthDate, RecordValues Values, RecordLayout Layout, EventKey? Event)
    {
        public string? Text(string field) => Layout.TryGet(field, out var f) ? Values.Text(f.Slot) : null;

        public DateOnly? Date(string field) => Layout.TryGet(field, out var f) ? Values.Date(f.Slot) : null;

        public long? Fen(string field) => Layout.TryGet(field, out var f) ? Values.Fen(f.Slot) : null;

        public bool? Flag(string field) => Layout.TryGet(field, out var f) ? Values.Flag(f.Slot) : null;
    }
}
