using System.Text;
using Matching.Core.Errors;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Tables;

public sealed partial class CsvTableReaderTests : IDisposable
{
    private static readonly Encoding Gb18030 = GetGb18030();

    private readonly TempFolder _temp = new("matching-csv-");

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-8")]
    [InlineData("gb18030")]
    [InlineData("utf-16-bom")]
    public void Read_ChineseTextInEncoding_SameCells(string encodingName)
    {
        var id = TestIds.Valid(1).Value;
        var path = _temp.WriteText("students.csv", $"姓名,身份证号,学校\r\n张三丰,{id},济源市第一中学\r\n", EncodingOf(encodingName));

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        var rows = TableRows.ReadAll(reader);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["姓名", "身份证号", "学校"], rows[0].Cells);
        Assert.Equal(["张三丰", id, "济源市第一中学"], rows[1].Cells);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("gb18030")]
    [InlineData("utf-16-bom")]
    public void GetSpan_ChineseTextInEncoding_SameAsGetString(string encodingName)
    {
        var path = _temp.WriteText("names.csv", "姓名,村（社区）\r\n欧阳娜娜,王屋镇愚公村\r\n", EncodingOf(encodingName));
        using var reader = new CsvTableReader(path, IngestLimits.Default);
        reader.Read();
        reader.Read();

        Span<char> scratch = stackalloc char[64];

        Assert.Equal("欧阳娜娜", reader.GetSpan(0, scratch).ToString());
        Assert.Equal("王屋镇愚公村", reader.GetSpan(1, scratch).ToString());
        Assert.Equal("王屋镇愚公村", reader.GetSpan(1, Span<char>.Empty).ToString());
    }

    [Fact]
    public void Read_TabSeparated_SplitsOnTabs()
    {
        var id = TestIds.Valid(2).Value;
        var path = _temp.WriteText("students.txt", $"姓名\t身份证号\t学校\n李四\t{id}\t济源一中, 高三\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        var rows = TableRows.ReadAll(reader);

        Assert.Equal(["李四", id, "济源一中, 高三"], rows[1].Cells);
    }

    [Fact]
    public void SourceRow_TitleAndBlankLine_LineNumbersAsSpreadsheetShows()
    {
        var path = _temp.WriteText("t.csv", "济源市学生名册\n姓名,身份证号\n甲,1\n\n乙,2\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        var rows = TableRows.ReadAll(reader);

        Assert.Equal([1L, 2L, 3L, 5L], rows.Select(r => r.Row));
    }

    [Fact]
    public void Read_LineOfOnlySeparators_Skipped()
    {
        var path = _temp.WriteText("t.csv", "姓名,身份证号\n甲,1\n,\n , \n乙,2\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        var rows = TableRows.ReadAll(reader);

        Assert.Equal([1L, 2L, 5L], rows.Select(r => r.Row));
    }

    [Fact]
    public void SourceRow_QuotedCellSpanningLines_LineWhereRecordStarts()
    {
        var path = _temp.WriteText("t.csv", "姓名,备注\n甲,\"第一行\n第二行\"\n乙,无\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        var rows = TableRows.ReadAll(reader);

        Assert.Equal("第一行\n第二行", rows[1].Cells[1]);
        Assert.Equal([1L, 2L, 4L], rows.Select(r => r.Row));
    }

    [Fact]
    public void Read_MoreColumnsThanLimit_ThrowsNamingFile()
    {
        var wide = string.Join(',', Enumerable.Range(1, IngestLimits.Default.MaxColumns + 1).Select(i => "列" + i));
        var path = _temp.WriteText("wide.csv", wide + "\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        var error = Assert.Throws<InputFileException>(() => reader.Read());

        Assert.Contains("wide.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetString_PastEndOfRow_Empty()
    {
        var path = _temp.WriteText("t.csv", "姓名,身份证号,学校\n王五\n");
        using var reader = new CsvTableReader(path, IngestLimits.Default);
        reader.Read();
        reader.Read();

        Assert.Equal(string.Empty, reader.GetString(2));
        Assert.True(reader.GetSpan(5, stackalloc char[8]).IsEmpty);
    }

    private static Encoding EncodingOf(string name) => name switch
    {
        "utf-8-bom" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        "utf-8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        "gb18030" => Gb18030,
        "utf-16-bom" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown test encoding"),
    };

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    public void Dispose() => _temp.Dispose();
}
