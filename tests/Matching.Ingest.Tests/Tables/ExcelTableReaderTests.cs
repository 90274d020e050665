using System.Globalization;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Tables;

public sealed class ExcelTableReaderTests : IDisposable
{
    private readonly TempFolder _temp = new("matching-xlsx-");

    [Fact]
    public void CellText_EighteenDigitIdAsDouble_ScientificAndExcelDamaged()
    {
        var id = TestIds.WithCheck('4', new DateOnly(1990, 1, 1));
        var asDouble = double.Parse(id.Value, CultureInfo.InvariantCulture);

        var text = ExcelTableReader.CellText(asDouble);

        Assert.NotNull(text);
        Assert.Contains("E+17", text, StringComparison.Ordinal);
        Assert.Equal(IdKind.ExcelDamaged, IdParser.Parse(text).Kind);
    }

    [Theory]
    [InlineData(123456789012345d, "123456789012345")]
    [InlineData(999999999999999d, "999999999999999")]
    [InlineData(8600d, "8600")]
    [InlineData(0d, "0")]
    [InlineData(8600.5d, "8600.5")]
    public void CellText_DoubleBelow1e15_ExactText(double value, string expected)
    {
        Assert.Equal(expected, ExcelTableReader.CellText(value));
    }

    [Fact]
    public void CellText_FifteenDigitIdAsDouble_ParsesAsOldId()
    {
        var id15 = TestIds.Make15(TestIds.Jiyuan, new DateOnly(1975, 6, 30), 123);

        var text = ExcelTableReader.CellText(double.Parse(id15, CultureInfo.InvariantCulture));

        Assert.Equal(id15, text);
        Assert.Equal(IdKind.Valid15, IdParser.Parse(text).Kind);
    }

    [Fact]
    public void CellText_Date_IsoDate()
    {
        Assert.Equal("2024-03-05", ExcelTableReader.CellText(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Unspecified)));
        Assert.Equal("2024-03-05 14:30:00", ExcelTableReader.CellText(new DateTime(2024, 3, 5, 14, 30, 0, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void CellText_OtherValues_AsTyped()
    {
        Assert.Null(ExcelTableReader.CellText(null));
        Assert.Equal("张三", ExcelTableReader.CellText("张三"));
        Assert.Equal("是", ExcelTableReader.CellText(true));
        Assert.Equal("否", ExcelTableReader.CellText(false));
    }

    [Fact]
    public void Read_WorkbookWithTitleRowAndGap_RowsNumberedAsExcelShows()
    {
        var damaged = TestIds.WithCheck('7', new DateOnly(2008, 9, 1));
        var text = TestIds.Valid(3).Value;
        var id15 = TestIds.Make15(TestIds.Jiyuan, new DateOnly(1960, 2, 29), 45);
        var path = new XlsxBuilder()
            .Row(1, "济源市在校学生名册（2024年秋季）")
            .Row(2, "姓名", "身份证号", "学校")
            .Row(3, "张三", double.Parse(damaged.Value, CultureInfo.InvariantCulture), "一中")
            .Row(5, "李四", text, "二中")
            .Row(6, "王五", double.Parse(id15, CultureInfo.InvariantCulture), null)
            .WriteTo(_temp.PathOf("students.xlsx"));
        var map = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory).Get("education");

        using var table = SourceTable.Open(path, map, IngestLimits.Default);
        var rows = TableRows.ReadAll(table.Reader);

        Assert.Equal(2, table.HeaderRow);
        Assert.Equal([3L, 5L, 6L], rows.Select(r => r.Row));
        Assert.Equal(IdKind.ExcelDamaged, IdParser.Parse(rows[0].Cells[1]).Kind);
        Assert.Equal(text, rows[1].Cells[1]);
        Assert.Equal(id15, rows[2].Cells[1]);
        Assert.Equal(2, rows[2].Cells.Length);
    }

    [Fact]
    public void Open_TruncatedXlsx_ThrowsNamingFile()
    {
        var bytes = new XlsxBuilder().Row(1, "姓名", "身份证号").Row(2, "张三", TestIds.Valid(4).Value).Build();
        var path = _temp.WriteBytes("broken.xlsx", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, IngestLimits.Default));

        Assert.Contains("broken.xlsx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TextRenamedXlsx_ThrowsNamingFile()
    {
        var path = _temp.WriteText("renamed.xlsx", "姓名,身份证号\n张三,1\n");

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, IngestLimits.Default));

        Assert.Contains("renamed.xlsx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreColumnsThanLimit_ThrowsNamingFile()
    {
        var path = new XlsxBuilder().Row(1, "a", "b", "c", "d", "e").WriteTo(_temp.PathOf("wide.xlsx"));

        using var reader = new ExcelTableReader(path, new IngestLimits { MaxColumns = 4 });
        var error = Assert.Throws<InputFileException>(() => reader.Read());

        Assert.Contains("wide.xlsx", error.Message, StringComparison.Ordinal);
        Assert.Contains("columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FormattedEmptyCellFarRight_NotCountedAgainstColumnLimit()
    {
        var wide = new object?[16384];
        (wide[0], wide[1], wide[^1]) = ("张三", TestIds.Valid(5).Value, XlsxBuilder.Blank);
        var path = new XlsxBuilder().Row(1, "姓名", "身份证号").Row(2, wide).WriteTo(_temp.PathOf("formatted.xlsx"));

        using var reader = TableReaders.Open(path, IngestLimits.Default);
        var rows = TableRows.ReadAll(reader);

        Assert.Equal([1L, 2L], rows.Select(r => r.Row));
        Assert.Equal(2, rows[1].Cells.Length);
    }

    public void Dispose() => _temp.Dispose();
}
