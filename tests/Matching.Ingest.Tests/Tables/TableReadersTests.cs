using Matching.Core.Errors;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Tables;

public sealed class TableReadersTests : IDisposable
{
    private readonly TempFolder _temp = new("matching-readers-");

    [Fact]
    public void Open_MissingFile_ThrowsNamingFile()
    {
        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(_temp.PathOf("missing.csv"), IngestLimits.Default));

        Assert.Contains("missing.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Folder_ThrowsNamingFolder()
    {
        Directory.CreateDirectory(_temp.PathOf("extract.csv"));

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(_temp.PathOf("extract.csv"), IngestLimits.Default));

        Assert.Contains("extract.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("folder", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.csv")]
    [InlineData("empty.xlsx")]
    public void Open_EmptyFile_ThrowsNamingFile(string name)
    {
        var path = _temp.WriteBytes(name, []);

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, IngestLimits.Default));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PdfExtension_ThrowsUnsupportedNamingFile()
    {
        var path = _temp.WriteText("extract.pdf", "%PDF-1.4\n");

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, IngestLimits.Default));

        Assert.Contains("extract.pdf", error.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported file type '.pdf'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BinaryContentNamedCsv_ThrowsNamingFile()
    {
        var path = _temp.WriteBytes("population.csv", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xFF, 0x00]);

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, IngestLimits.Default));

        Assert.Contains("population.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileOverSizeLimit_ThrowsNamingFile()
    {
        var path = _temp.WriteText("big.csv", "姓名,身份证号\n张三,1\n");

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, new IngestLimits { MaxFileBytes = 10 }));

        Assert.Contains("big.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.csv")]
    [InlineData("a.TXT")]
    [InlineData("a.tsv")]
    public void Open_TextExtension_CsvReader(string name)
    {
        var path = _temp.WriteText(name, "姓名,身份证号\n");

        using var reader = TableReaders.Open(path, IngestLimits.Default);

        Assert.IsType<CsvTableReader>(reader);
        Assert.Equal(path, reader.File);
    }

    [Fact]
    public void Open_Xlsx_ExcelReader()
    {
        var path = new XlsxBuilder().Row(1, "姓名", "身份证号").WriteTo(_temp.PathOf("a.xlsx"));

        using var reader = TableReaders.Open(path, IngestLimits.Default);

        Assert.IsType<ExcelTableReader>(reader);
    }

    public void Dispose() => _temp.Dispose();
}
