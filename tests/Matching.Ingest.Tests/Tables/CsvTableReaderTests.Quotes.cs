using System.Text;
using Matching.Core.Errors;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Tables;

/// <summary>Issue 19, item 1: one stray quote must not swallow the rows after it.</summary>
public sealed partial class CsvTableReaderTests
{
    [Fact]
    public void Read_QuoteNeverClosed_RefusedWithRowAndColumn()
    {
        // The minimal reproduction: before, one row was read and the next row became part of its ID cell.
        var (a, b) = (TestIds.Valid(11).Value, TestIds.Valid(12).Value);
        var path = _temp.WriteText("q.csv", $"姓名,身份证号\n汪学文,\"{a}\n汪新民,{b}\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        Assert.True(reader.Read());
        var error = Assert.Throws<InputFileException>(() => reader.Read());

        Assert.Equal(2, error.Row);
        Assert.Equal("B", error.Column);
        Assert.Contains("q.csv, row 2, column B: a quoted cell is never closed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(a, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("汪", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuoteClosedCleanlyRowsLater_RefusedAtTheRowWhereItOpened()
    {
        // A second stray quote at the end of a later row closes the first one: the quotes pair up, but the cell holds
        // whole rows.
        var ids = Enumerable.Range(20, 4).Select(i => TestIds.Valid(i).Value).ToArray();
        var path = _temp.WriteText("q.csv", $"姓名,身份证号,备注\n甲,{ids[0]},无\n乙,{ids[1]},\"已核实\n丙,{ids[2]},无\n丁,{ids[3]},\"\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        reader.Read();
        reader.Read();
        var error = Assert.Throws<InputFileException>(() => reader.Read());

        Assert.Equal(3, error.Row);
        Assert.Equal("C", error.Column);
        Assert.Contains("runs over 3 lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_Refused()
    {
        var path = _temp.WriteText("q.csv", $"姓名,身份证号\n\"张\"三,{TestIds.Valid(30).Value}\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        reader.Read();
        var error = Assert.Throws<InputFileException>(() => reader.Read());

        Assert.Equal(2, error.Row);
        Assert.Equal("A", error.Column);
        Assert.Contains("do not pair up", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RunawayQuoteInGb18030File_Refused()
    {
        var rows = string.Concat(Enumerable.Range(40, 5).Select(i => $"学生{i},{TestIds.Valid(i).Value}\n"));
        var path = _temp.WriteText("gbk.csv", $"姓名,身份证号\n汪学文,\"{TestIds.Valid(39).Value}\n{rows}", Gb18030);

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        reader.Read();
        var error = Assert.Throws<InputFileException>(() => reader.Read());

        Assert.Equal((2L, "B"), (error.Row!.Value, error.Column!));
    }

    [Fact]
    public void Read_RunawayQuoteLongerThanARecord_RefusedWithRow()
    {
        // 800 rows after the quote, more than the record limit: refused at the row where the quote opened.
        var rows = string.Concat(Enumerable.Range(0, 3000).Select(i => $"学生{i},{TestIds.Valid(100 + i).Value},济源市第一中学\n"));
        var path = _temp.WriteText("big.csv", $"姓名,身份证号,学校\n甲,{TestIds.Valid(99).Value},\"一中\n{rows}");

        using var reader = new CsvTableReader(path, IngestLimits.Default with { MaxRecordBytes = 65_536 });
        reader.Read();
        var error = Assert.Throws<InputFileException>(() => reader.Read());

        Assert.Equal(2, error.Row);
        Assert.Contains("ingest:maxRecordBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuotedCellsWithCommasAndLineBreaks_Kept()
    {
        var (a, b, c) = (TestIds.Valid(50).Value, TestIds.Valid(51).Value, TestIds.Valid(52).Value);
        var path = _temp.WriteText("ok.csv",
            $"姓名,身份证号,学校,备注\n甲,{a},\"济源一中, 高三\",\"第一行\n第二行，有中文逗号\"\n\"乙\",\"{b}\",\"他说\"\"好\"\"\",无\n丙,{c},ab\"c,无\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default);
        var rows = TableRows.ReadAll(reader);

        Assert.Equal([1L, 2L, 4L, 5L], rows.Select(r => r.Row));
        Assert.Equal(["甲", a, "济源一中, 高三", "第一行\n第二行，有中文逗号"], rows[1].Cells);
        Assert.Equal(["乙", b, "他说\"好\"", "无"], rows[2].Cells);
        Assert.Equal("ab\"c", rows[3].Cells[2]);
    }

    [Fact]
    public void Read_CellLongerThanMaxCellChars_RefusedWithRowAndColumn()
    {
        var path = _temp.WriteText("long.csv", $"姓名,身份证号,备注\n甲,{TestIds.Valid(60).Value},{new string('长', 101)}\n");

        using var reader = new CsvTableReader(path, IngestLimits.Default with { MaxCellChars = 100 });
        reader.Read();
        var error = Assert.Throws<InputFileException>(() => reader.Read());

        Assert.Equal((2L, "C"), (error.Row!.Value, error.Column!));
        Assert.Contains("a cell of 101 characters, more than the limit of 100 (ingest:maxCellChars)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CellAtMaxCellChars_Kept()
    {
        // 100 characters of 3 UTF-8 bytes each: the byte length is over the limit, the character count is not.
        var path = _temp.WriteText("long.csv", $"姓名,备注\n甲,{new string('长', 100)}\n", new UTF8Encoding(false));

        using var reader = new CsvTableReader(path, IngestLimits.Default with { MaxCellChars = 100 });
        var rows = TableRows.ReadAll(reader);

        Assert.Equal(100, rows[1].Cells[1].Length);
    }
}
