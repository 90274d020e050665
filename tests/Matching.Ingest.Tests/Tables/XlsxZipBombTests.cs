using Matching.Core.Errors;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Tables;

/// <summary>Issue 19, item 5: an .xlsx whose parts unpack to far more than the file is refused before it is loaded.</summary>
public sealed class XlsxZipBombTests : IDisposable
{
    private const int OneMiB = 1 << 20;

    private static readonly IngestLimits Small = IngestLimits.Default with { MaxSharedStringsBytes = OneMiB, MaxXlsxPartBytes = 2 * OneMiB };

    private readonly TempFolder _temp = new("matching-bomb-");

    [Fact]
    public void Open_HugeUnreferencedSharedStrings_RefusedBeforeLoading()
    {
        // A few KB on disk; the shared strings unpack to 3 MiB (the file: 2.5 GB of them in 800 KB).
        var path = _temp.WriteBytes("bomb.xlsx", XlsxBombs.WithSharedStrings(Workbook(), 3 * OneMiB));
        Assert.True(new FileInfo(path).Length < 64 * 1024);

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, Small));

        Assert.Contains("bomb.xlsx: the workbook's shared strings (xl/sharedStrings.xml) unpack to", error.Message, StringComparison.Ordinal);
        Assert.Contains($"more than the limit of {OneMiB} (ingest:maxSharedStringsBytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_HugePart_RefusedNamingThePart()
    {
        var path = _temp.WriteBytes("bomb.xlsx", XlsxBombs.WithPart(Workbook(), "xl/media/image1.bin", new byte[3 * OneMiB]));

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, Small));

        Assert.Contains("part xl/media/image1.bin unpacks to", error.Message, StringComparison.Ordinal);
        Assert.Contains("(ingest:maxXlsxPartBytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SharedStringsLyingAboutTheirSize_NeverUnpackedPastWhatTheyDeclare()
    {
        // Declared as 200 bytes, 3 MiB in fact: the zip reader stops at the declared size, so the Excel reader sees a
        // truncated part and refuses the workbook, or (the strings being unreferenced) never needs them.
        var bytes = XlsxBombs.WithSharedStrings(Workbook(), 3 * OneMiB);
        var path = _temp.WriteBytes("liar.xlsx", XlsxBombs.DeclareSize(bytes, "xl/sharedStrings.xml", 200));

        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            using var reader = TableReaders.Open(path, Small);
            while (reader.Read())
            {
            }
        }
        catch (InputFileException)
        {
            // Refused as damaged: as good.
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 3 * OneMiB);
    }

    [Fact]
    public void Open_OrdinaryWorkbook_Reads()
    {
        var path = _temp.WriteBytes("ok.xlsx", XlsxBombs.WithSharedStrings(Workbook(), 1000));

        using var reader = TableReaders.Open(path, Small);

        Assert.True(reader.Read());
        Assert.Equal("姓名", reader.GetString(0));
    }

    private static byte[] Workbook() => new XlsxBuilder().Row(1, "姓名", "身份证号").Row(2, "张三", TestIds.Valid(1).Value).Build();

    public void Dispose() => _temp.Dispose();
}
