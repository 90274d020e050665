using Matching.Core.Errors;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Tables;
using Matching.Ingest.Tests.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests;

public sealed class SourceTableTests : IDisposable
{
    private static readonly HeaderMapCatalog Catalog = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory);

    private readonly TempFolder _temp = new("matching-source-");

    [Fact]
    public void Open_TitleRowAboveHeader_FindsHeaderAndRowsAsSpreadsheetShows()
    {
        var (a, b) = (TestIds.Valid(1).Value, TestIds.Valid(2).Value);
        var path = _temp.WriteText("students.csv", $"济源市在校学生名册\n姓名,身份证号,学校\n张三,{a},一中\n\n李四,{b},二中\n");

        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);
        var rows = TableRows.ReadAll(table);

        Assert.Equal(2, table.HeaderRow);
        Assert.Equal(["姓名", "身份证号", "学校"], table.Headers);
        Assert.Equal([3L, 5L], rows.Select(r => r.Row));
        Assert.Equal(a, rows[0].Cells[table.Column(HeaderMap.IdField)]);
        Assert.Equal("李四", rows[1].Cells[table.Column(HeaderMap.NameField)]);
    }

    [Fact]
    public void Read_FooterLines_Skipped()
    {
        var id = TestIds.Valid(3).Value;
        var path = _temp.WriteText("students.csv", $"姓名,身份证号\n张三,{id}\n合计：1人,\n  制表人：王老师\n审核人：李校长\n");

        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);
        var rows = TableRows.ReadAll(table);

        var row = Assert.Single(rows);
        Assert.Equal("张三", row.Cells[0]);
    }

    [Fact]
    public void Read_FooterWithSpacesInside_Skipped()
    {
        var path = _temp.WriteText("students.csv", $"姓名,身份证号\n张三,{TestIds.Valid(9).Value}\n合  计,1人\n总　计,1人\n制 表 人：王老师\n");

        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);
        var rows = TableRows.ReadAll(table);

        Assert.Equal("张三", Assert.Single(rows).Cells[0]);
    }

    [Fact]
    public void Read_FooterAfterLeadingSpaces_SkippedAndNameStartingLikeOne_Kept()
    {
        // The first character is read off the cell's UTF-8 after any whitespace, the ideographic space included; a
        // person whose name starts as a footer does (合, 审) is still a person.
        var path = _temp.WriteText("students.csv",
            $"姓名,身份证号\n合欢,{TestIds.Valid(5).Value}\n\u3000\t合计,2人\n \u00a0审核：李校长\n审言,{TestIds.Valid(6).Value}\n𠀋一,{TestIds.Valid(7).Value}\n");

        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);
        var rows = TableRows.ReadAll(table);

        Assert.Equal(["合欢", "审言", "𠀋一"], rows.Select(r => r.Cells[0]));
    }

    [Fact]
    public void Open_DecoratedHeaderNames_StillMap()
    {
        var id = TestIds.Valid(4).Value;
        var path = _temp.WriteText("students.csv", $"* 学生姓名 ,学　校,＊身份证号\n张三,一中,{id}\n");

        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);

        Assert.Equal(0, table.Column(HeaderMap.NameField));
        Assert.Equal(1, table.Column("school"));
        Assert.Equal(2, table.Column(HeaderMap.IdField));
        Assert.Equal("＊身份证号", table.ColumnName(HeaderMap.IdField));
    }

    [Fact]
    public void Open_FullWidthBracketsInHeader_MatchHalfWidthInMap()
    {
        var map = new HeaderMap
        {
            Source = "test",
            Fields = new Dictionary<string, FieldSpec>
            {
                [HeaderMap.IdField] = new() { Headers = ["证件号码(18位)"], Required = true },
                ["village"] = new() { Headers = ["村（社区）"] },
            },
        };
        var path = _temp.WriteText("t.csv", $"村 (社区),证件号码（18位）\n愚公村,{TestIds.Valid(5).Value}\n");

        using var table = SourceTable.Open(path, map, IngestLimits.Default);

        Assert.Equal(1, table.Column(HeaderMap.IdField));
        Assert.Equal(0, table.Column("village"));
    }

    [Fact]
    public void Column_OptionalFieldAbsent_MinusOneAndFieldNameForMessages()
    {
        var path = _temp.WriteText("t.csv", $"姓名,身份证号\n张三,{TestIds.Valid(6).Value}\n");

        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);

        Assert.Equal(-1, table.Column("school"));
        Assert.Equal(-1, table.Column("no-such-field"));
        Assert.Equal("school", table.ColumnName("school"));
    }

    [Fact]
    public void Open_NoIdColumn_ThrowsNamingFile()
    {
        var path = _temp.WriteText("no-id.csv", "姓名,学校\n张三,一中\n");

        var error = Assert.Throws<InputFileException>(() => SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default));

        Assert.Contains("no-id.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("no ID column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_HeaderBelowScannedRows_NoIdColumn()
    {
        var path = _temp.WriteText("late.csv", $"标题\n说明\n姓名,身份证号\n张三,{TestIds.Valid(7).Value}\n");

        var error = Assert.Throws<InputFileException>(() => SourceTable.Open(path, Catalog.Get("education"), new IngestLimits { HeaderScanRows = 2 }));

        Assert.Contains("late.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingRequiredNameColumn_ThrowsNamingColumn()
    {
        var path = _temp.WriteText("no-name.csv", $"身份证号,学校\n{TestIds.Valid(8).Value},一中\n");

        var error = Assert.Throws<InputFileException>(() => SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default));

        Assert.Contains("no-name.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("姓名", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Row);
    }

    [Fact]
    public void Open_EmptyFile_ThrowsNamingFile()
    {
        var path = _temp.WriteBytes("empty.csv", []);

        var error = Assert.Throws<InputFileException>(() => SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default));

        Assert.Contains("empty.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoExtractsJoined_RefusedAtTheSecondHeaderNamingTheTitle()
    {
        // Issue 19: the second extract's title and header rows were taken for persons.
        var (a, b) = (TestIds.Valid(70).Value, TestIds.Valid(71).Value);
        var path = _temp.WriteText("joined.csv", $"济源市在校学生名册\n姓名,身份证号,学校\n张三,{a},一中\n济源市在校学生名册（二）\n姓名,身份证号码,学校\n李四,{b},二中\n");

        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);
        Assert.True(table.Read());
        Assert.True(table.Read());
        var error = Assert.Throws<InputFileException>(() => table.Read());

        Assert.Equal(5, error.Row);
        Assert.Equal("身份证号", error.Column);
        Assert.Contains("the header row (row 2) appears again here (row 4 above it looks like a title): two extracts joined into one file?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IdCellsThatAreNotHeaderNames_AreData()
    {
        var path = _temp.WriteText("odd.csv", $"姓名,身份证号,学校\n张三,不详,一中\n李四,,二中\n王五,４１９００１,三中\n");

        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);

        Assert.Equal(3, TableRows.ReadAll(table).Count);
    }

    /// <summary>Issue 20: a header as real exports write it still names its field (家庭年收入（元） lost every income before).</summary>
    [Theory]
    [InlineData("家庭年收入")]
    [InlineData("家庭年收入（元）")]
    [InlineData("家庭年收入(元)")]
    [InlineData("家庭年收入（单位：元）")]
    [InlineData("家庭年收入【必填】")]
    [InlineData("【必填】家庭年收入")]
    [InlineData("\"家庭年\n收入\"")]
    [InlineData(" 家庭 年收入 ")]
    [InlineData("家庭年收入*")]
    [InlineData("家庭年收入（元）＊")]
    [InlineData("年收入(元)")]
    public void Open_IncomeHeaderAsExportsWriteIt_MapsToIncome(string header)
    {
        var path = _temp.WriteText("lowincome.csv", $"户编号,成员姓名,身份证号码,救助类别,{header}\nH1,张三,{TestIds.Valid(30).Value},低保,12000\n");

        using var table = SourceTable.Open(path, Catalog.Get("lowincome"), IngestLimits.Default);

        Assert.Equal(4, table.Column("income"));
    }

    [Theory]
    [InlineData("镇（街道）", "subdistrict")]
    [InlineData("镇(街道)", "subdistrict")]
    [InlineData("镇（街道）（必填）", "subdistrict")]
    [InlineData("乡镇（街道）*", "subdistrict")]
    [InlineData("村（社区）", "village")]
    [InlineData("村（社区）【必填】", "village")]
    public void Open_ConfiguredNameWithBrackets_MatchedAsWrittenFirst(string header, string field)
    {
        var path = _temp.WriteText("lowincome.csv", $"户编号,成员姓名,身份证号码,救助类别,{header}\nH1,张三,{TestIds.Valid(31).Value},低保,克井镇\n");

        using var table = SourceTable.Open(path, Catalog.Get("lowincome"), IngestLimits.Default);

        Assert.Equal(4, table.Column(field));
    }

    [Fact]
    public void Open_HeaderAsWrittenAndOneWithANote_AsWrittenWins()
    {
        var path = _temp.WriteText("students.csv", $"姓名,身份证号（监护人）,身份证号\n张三,{TestIds.Valid(32).Value},{TestIds.Valid(33).Value}\n");

        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);

        Assert.Equal(2, table.Column(HeaderMap.IdField));
    }

    [Theory]
    [InlineData("家庭年收入（元）,家庭年收入（必填）", "\"家庭年收入（元）\" (column 5) and \"家庭年收入（必填）\" (column 6)")]
    [InlineData("家庭年收入,家庭年收入*", "\"家庭年收入\" (column 5) and \"家庭年收入*\" (column 6)")]
    public void Open_TwoColumnsNamingOneField_RefusedNamingBoth(string headers, string named)
    {
        var path = _temp.WriteText("lowincome.csv", $"户编号,成员姓名,身份证号码,救助类别,{headers}\nH1,张三,{TestIds.Valid(34).Value},低保,1,2\n");

        var ex = Assert.Throws<InputFileException>(() => SourceTable.Open(path, Catalog.Get("lowincome"), IngestLimits.Default));

        Assert.Contains("two columns of the header read as income", ex.Message, StringComparison.Ordinal);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Row);
    }

    [Fact]
    public void Open_AmountInTenThousandYuan_Refused()
    {
        var path = _temp.WriteText("lowincome.csv", $"户编号,成员姓名,身份证号码,救助类别,家庭年收入（万元）\nH1,张三,{TestIds.Valid(35).Value},低保,1.2\n");

        var ex = Assert.Throws<InputFileException>(() => SourceTable.Open(path, Catalog.Get("lowincome"), IngestLimits.Default));

        Assert.Contains("万元", ex.Message, StringComparison.Ordinal);
        Assert.Contains("income", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IdHeaderAgainWithANote_StillSeenAsTheHeaderAgain()
    {
        var path = _temp.WriteText("students.csv", $"姓名,身份证号\n张三,{TestIds.Valid(36).Value}\n姓名,身份证号（必填）\n李四,{TestIds.Valid(37).Value}\n");
        using var table = SourceTable.Open(path, Catalog.Get("education"), IngestLimits.Default);

        Assert.True(table.Read());
        var ex = Assert.Throws<InputFileException>(() => table.Read());

        Assert.Contains("the header row (row 1) appears again", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
