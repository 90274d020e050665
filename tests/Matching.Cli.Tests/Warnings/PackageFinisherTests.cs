using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Matching.Export.Workbooks;

namespace Matching.Cli.Tests.Warnings;

/// <summary>A worksheet part through the finisher: the rows copied as written, the rest rewritten around them.</summary>
public sealed class PackageFinisherTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly SheetFinish Finish = new("A1:B3", PrintTitleRow: 1, PrintArea: null, PageHeader: "预警", Protect: true);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Sheet_ReadInAnyChunks_RowsAsWrittenAndTheRestAroundThem(int chunk)
    {
        var rows = new StringBuilder();
        for (var r = 1; r <= 300; r++)
        {
            // A cell whose text is the rows' end tag, escaped as written: not the end of the rows.
            rows.Append(CultureInfo.InvariantCulture, $"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>&lt;/sheetData&gt; 第{r}行</t></is></c></row>");
        }

        var part = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><worksheet xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + $"<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews><sheetData>{rows}</sheetData><autoFilter ref=\"A1:B1\"/>"
            + "<mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells><pageMargins left=\"1\" right=\"1\" top=\"1\" bottom=\"1\" header=\"1\" footer=\"1\"/></worksheet>";

        var written = Finished(part, chunk);

        var text = Encoding.UTF8.GetString(written);
        Assert.Contains($"<sheetData>{rows}</sheetData>", text, StringComparison.Ordinal);
        var root = XDocument.Parse(text).Root!;
        Assert.Equal(
            ["sheetPr", "sheetViews", "sheetData", "sheetProtection", "autoFilter", "mergeCells", "pageMargins", "pageSetup", "headerFooter"],
            root.Elements().Select(e => e.Name.LocalName));
        Assert.All(root.Elements(), e => Assert.Equal(Main, e.Name.NamespaceName));
        Assert.Equal(300, root.Element(XName.Get("sheetData", Main))!.Elements().Count());
        Assert.Equal("A1:B3", root.Element(XName.Get("autoFilter", Main))!.Attribute("ref")!.Value);
        Assert.Equal("0.4", root.Element(XName.Get("pageMargins", Main))!.Attribute("left")!.Value);
        Assert.Equal("</sheetData> 第300行", root.Descendants(XName.Get("t", Main)).Last().Value);
    }

    [Fact]
    public void Sheet_NoRows_EmptyRowsElementKept()
    {
        var part = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><worksheet xmlns=\"{Main}\"><sheetData/></worksheet>";

        var root = XDocument.Parse(Encoding.UTF8.GetString(Finished(part, 3))).Root!;

        Assert.Equal(["sheetPr", "sheetData", "sheetProtection", "pageMargins", "pageSetup", "headerFooter"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Empty(root.Element(XName.Get("sheetData", Main))!.Elements());
    }

    private static byte[] Finished(string part, int chunk)
    {
        using var from = new Trickle(Encoding.UTF8.GetBytes(part), chunk);
        using var to = new MemoryStream();
        PackageFinisher.Sheet(from, to, Finish);
        return to.ToArray();
    }

    /// <summary>A stream that gives at most <c>chunk</c> bytes a read, as a decompressing stream may.</summary>
    private sealed class Trickle(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
