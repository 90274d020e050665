using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Matching.Core.Tables;

namespace Matching.Testing;

/// <summary>
/// Builds a minimal one-sheet .xlsx in memory (a zip of SpreadsheetML parts), no package needed: strings as
/// inline strings, numbers as number cells, as Excel stores an ID a clerk typed without a leading apostrophe.
/// </summary>
public sealed class XlsxBuilder
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";

    private readonly SortedDictionary<int, object?[]> _rows = [];

    /// <summary>A cell that carries only a style and no value, as Excel writes a formatted empty cell.</summary>
    public static object Blank { get; } = new();

    /// <summary>Sets row <paramref name="row"/> (1-based, as Excel shows it); rows not set are absent from the sheet.</summary>
    public XlsxBuilder Row(int row, params object?[] cells)
    {
        _rows[row] = cells;
        return this;
    }

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", new XElement(ContentTypes + "Types",
                new XElement(ContentTypes + "Default", new XAttribute("Extension", "rels"), new XAttribute("ContentType", "application/vnd.openxmlformats-package.relationships+xml")),
                new XElement(ContentTypes + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/xml")),
                new XElement(ContentTypes + "Override", new XAttribute("PartName", "/xl/workbook.xml"), new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
                new XElement(ContentTypes + "Override", new XAttribute("PartName", "/xl/worksheets/sheet1.xml"), new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))));
            Add(zip, "_rels/.rels", Relationships("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"));
            Add(zip, "xl/workbook.xml", new XElement(Main + "workbook", new XAttribute(XNamespace.Xmlns + "r", Rel),
                new XElement(Main + "sheets", new XElement(Main + "sheet",
                    new XAttribute("name", "Sheet1"), new XAttribute("sheetId", "1"), new XAttribute(Rel + "id", "rId1")))));
            Add(zip, "xl/_rels/workbook.xml.rels", Relationships("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheets/sheet1.xml"));
            Add(zip, "xl/worksheets/sheet1.xml", new XElement(Main + "worksheet", new XElement(Main + "sheetData", _rows.Select(r => RowElement(r.Key, r.Value)))));
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the workbook; returns the path.</summary>
    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, Build());
        return path;
    }

    private static XElement RowElement(int row, object?[] cells)
    {
        var element = new XElement(Main + "row", new XAttribute("r", row));
        for (var i = 0; i < cells.Length; i++)
        {
            var reference = ColumnLetters.Of(i + 1) + row.ToString(CultureInfo.InvariantCulture);
            switch (cells[i])
            {
                case null:
                    break;
                case var blank when ReferenceEquals(blank, Blank):
                    element.Add(new XElement(Main + "c", new XAttribute("r", reference), new XAttribute("s", "0")));
                    break;
                case string s:
                    element.Add(new XElement(Main + "c", new XAttribute("r", reference), new XAttribute("t", "inlineStr"),
                        new XElement(Main + "is", new XElement(Main + "t", s))));
                    break;
                case IConvertible number:
                    element.Add(new XElement(Main + "c", new XAttribute("r", reference),
                        new XElement(Main + "v", Convert.ToDouble(number, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture))));
                    break;
                default:
                    throw new ArgumentException($"cell {reference}: only strings and numbers are supported", nameof(cells));
            }
        }

        return element;
    }

    private static XElement Relationships(string id, string type, string target) =>
        new(PackageRel + "Relationships", new XElement(PackageRel + "Relationship",
            new XAttribute("Id", id), new XAttribute("Type", type), new XAttribute("Target", target)));

    private static void Add(ZipArchive zip, string name, XElement root)
    {
        var entry = zip.CreateEntry(name);
        using var stream = entry.Open();
        new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), root).Save(stream);
    }
}
