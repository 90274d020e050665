using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
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
        var path = _temp.WriteBytes("bomb.xlsx", WithPart(Workbook(), "xl/sharedStrings.xml", SharedStrings(3 * OneMiB)));
        Assert.True(new FileInfo(path).Length < 64 * 1024);

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, Small));

        Assert.Contains("bomb.xlsx: the workbook's shared strings (xl/sharedStrings.xml) unpack to", error.Message, StringComparison.Ordinal);
        Assert.Contains($"more than the limit of {OneMiB} (ingest:maxSharedStringsBytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_HugePart_RefusedNamingThePart()
    {
        var path = _temp.WriteBytes("bomb.xlsx", WithPart(Workbook(), "xl/media/image1.bin", new byte[3 * OneMiB]));

        var error = Assert.Throws<InputFileException>(() => TableReaders.Open(path, Small));

        Assert.Contains("part xl/media/image1.bin unpacks to", error.Message, StringComparison.Ordinal);
        Assert.Contains("(ingest:maxXlsxPartBytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SharedStringsLyingAboutTheirSize_NeverUnpackedPastWhatTheyDeclare()
    {
        // Declared as 200 bytes, 3 MiB in fact: the zip reader stops at the declared size, so the Excel reader sees a
        // truncated part and refuses the workbook, or (the strings being unreferenced) never needs them.
        var bytes = WithPart(Workbook(), "xl/sharedStrings.xml", SharedStrings(3 * OneMiB));
        var path = _temp.WriteBytes("liar.xlsx", DeclareSize(bytes, "xl/sharedStrings.xml", 200));

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
        var path = _temp.WriteBytes("ok.xlsx", WithPart(Workbook(), "xl/sharedStrings.xml", SharedStrings(1000)));

        using var reader = TableReaders.Open(path, Small);

        Assert.True(reader.Read());
        Assert.Equal("姓名", reader.GetString(0));
    }

    private static byte[] Workbook() => new XlsxBuilder().Row(1, "姓名", "身份证号").Row(2, "张三", TestIds.Valid(1).Value).Build();

    private static byte[] SharedStrings(int bytes)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>");
        text.Append('a', Math.Max(0, bytes - 200));
        text.Append("</t></si></sst>");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The workbook with one more part, and (for shared strings) the relationship that points to it.</summary>
    private static byte[] WithPart(byte[] workbook, string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var rels = zip.GetEntry("xl/_rels/workbook.xml.rels")!;
            string xml;
            using (var reader = new StreamReader(rels.Open()))
            {
                xml = reader.ReadToEnd();
            }

            rels.Delete();
            xml = xml.Replace("</Relationships>",
                "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
                StringComparison.Ordinal);
            using (var writer = new StreamWriter(zip.CreateEntry("xl/_rels/workbook.xml.rels").Open()))
            {
                writer.Write(xml);
            }

            using var part = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            part.Write(content);
        }

        return buffer.ToArray();
    }

    /// <summary>Rewrites the uncompressed size an entry declares, in its local header and in the central directory.</summary>
    private static byte[] DeclareSize(byte[] zip, string name, uint size)
    {
        var copy = (byte[])zip.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < copy.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(i));
            if (signature == 0x04034b50 && copy.AsSpan(i + 30).StartsWith(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && copy.AsSpan(i + 46).StartsWith(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 24), size);
            }
        }

        return copy;
    }

    public void Dispose() => _temp.Dispose();
}
