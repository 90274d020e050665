using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Matching.Export.Workbooks;

/// <summary>What one sheet gets beyond what SpreadCheetah writes.</summary>
/// <param name="AutoFilter">The auto-filter's range once the rows are known (A4:R245), or null to keep what was written.</param>
/// <param name="PrintTitleRow">The header row repeated at the top of every printed page (1-based), or 0.</param>
/// <param name="PrintArea">The printed range (A1:L245), or null for the whole sheet.</param>
/// <param name="PageHeader">Text at the top of every printed page, or null.</param>
/// <param name="Protect">Protect the sheet (locked cells cannot be changed; filtering, sorting, column widths and rows stay allowed).</param>
internal sealed record SheetFinish(string? AutoFilter, int PrintTitleRow, string? PrintArea, string? PageHeader, bool Protect);

/// <summary>
/// Copies a workbook SpreadCheetah wrote into its final file, adding what SpreadCheetah (1.28) cannot write: page
/// setup (landscape, one page wide, margins), header and footer with page numbers, print titles and print area
/// (workbook defined names), the auto-filter's final range (<c>_xlnm._FilterDatabase</c> too, which Excel and
/// LibreOffice keep it by), sheet protection, and which cell styles are unlocked. The sheets stream through an
/// <see cref="XmlReader"/> into an <see cref="XmlWriter"/>: a sheet of any size is copied without being held.
/// </summary>
internal static class PackageFinisher
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Worksheet children that come after page setup (ECMA-376 CT_Worksheet order).</summary>
    private static readonly HashSet<string> AfterPageSetup = new(StringComparer.Ordinal)
    {
        "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
        "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
    };

    /// <summary>Worksheet children this pass writes itself; any already there are replaced.</summary>
    private static readonly HashSet<string> Replaced = new(StringComparer.Ordinal) { "printOptions", "pageMargins", "pageSetup", "headerFooter", "sheetProtection" };

    public static void Copy(Stream source, Stream target, IReadOnlyList<(string Name, SheetFinish Finish)> sheets, IReadOnlySet<int> unlockedStyles)
    {
        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        using var output = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in input.Entries)
        {
            var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            using var from = entry.Open();
            using var to = copy.Open();
            if (entry.FullName == "xl/workbook.xml")
            {
                Workbook(from, to, sheets);
            }
            else if (entry.FullName == "xl/styles.xml")
            {
                Styles(from, to, unlockedStyles);
            }
            else if (SheetIndex(entry.FullName) is { } index && index < sheets.Count)
            {
                Sheet(from, to, sheets[index].Finish);
            }
            else
            {
                from.CopyTo(to);
            }
        }
    }

    /// <summary>xl/worksheets/sheet3.xml → 2.</summary>
    private static int? SheetIndex(string name) =>
        name.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal) && name.EndsWith(".xml", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(19, name.Length - 23), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n - 1 : null;

    private static void Workbook(Stream from, Stream to, IReadOnlyList<(string Name, SheetFinish Finish)> sheets)
    {
        XNamespace main = Main;
        var document = XDocument.Load(from);
        var names = new XElement(main + "definedNames");
        for (var i = 0; i < sheets.Count; i++)
        {
            var (name, finish) = sheets[i];
            var sheet = "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'!";
            if (finish.AutoFilter is { } filter)
            {
                names.Add(Name("_xlnm._FilterDatabase", i, sheet + Absolute(filter), hidden: true));
            }

            if (finish.PrintArea is { } area)
            {
                names.Add(Name("_xlnm.Print_Area", i, sheet + Absolute(area)));
            }

            if (finish.PrintTitleRow > 0)
            {
                names.Add(Name("_xlnm.Print_Titles", i, string.Create(CultureInfo.InvariantCulture, $"{sheet}${finish.PrintTitleRow}:${finish.PrintTitleRow}")));
            }
        }

        var root = document.Root!;
        root.Element(main + "definedNames")?.Remove();
        if (names.HasElements)
        {
            root.Element(main + "sheets")!.AddAfterSelf(names);
        }

        Save(document, to);

        XElement Name(string text, int sheetIndex, string value, bool hidden = false)
        {
            var element = new XElement(main + "definedName", new XAttribute("name", text), new XAttribute("localSheetId", sheetIndex));
            if (hidden)
            {
                element.Add(new XAttribute("hidden", 1));
            }

            element.Value = value;
            return element;
        }
    }

    /// <summary>A4:R245 → $A$4:$R$245.</summary>
    private static string Absolute(string range)
    {
        var text = new StringBuilder(range.Length + 4);
        var letters = true;
        foreach (var c in range)
        {
            if (c == ':')
            {
                letters = true;
            }
            else if (char.IsAsciiLetter(c) && letters)
            {
                if (text.Length == 0 || text[^1] == ':')
                {
                    text.Append('$');
                }
            }
            else if (char.IsAsciiDigit(c) && letters)
            {
                text.Append('$');
                letters = false;
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private static void Styles(Stream from, Stream to, IReadOnlySet<int> unlocked)
    {
        XNamespace main = Main;
        var document = XDocument.Load(from);
        var xfs = document.Root!.Element(main + "cellXfs")?.Elements(main + "xf").ToList() ?? [];
        foreach (var index in unlocked)
        {
            if (index < xfs.Count)
            {
                var xf = xfs[index];
                xf.SetAttributeValue("applyProtection", 1);
                xf.Element(main + "protection")?.Remove();
                var protection = new XElement(main + "protection", new XAttribute("locked", 0));
                if (xf.Element(main + "alignment") is { } alignment)
                {
                    alignment.AddAfterSelf(protection);
                }
                else
                {
                    xf.AddFirst(protection);
                }
            }
        }

        Save(document, to);
    }

    private static void Save(XDocument document, Stream to)
    {
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        document.Save(writer);
    }

    private static void Sheet(Stream from, Stream to, SheetFinish finish)
    {
        using var reader = XmlReader.Create(from, new XmlReaderSettings { IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit });
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        writer.WriteStartDocument();
        reader.MoveToContent();
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        writer.WriteAttributes(reader, defattr: false);
        var pageSetupWritten = false;
        var first = true;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                var name = reader.LocalName;
                if (first && name != "sheetPr")
                {
                    SheetProperties(writer);
                }

                first = false;
                if (!pageSetupWritten && AfterPageSetup.Contains(name))
                {
                    PageSetup(writer, finish);
                    pageSetupWritten = true;
                }

                switch (name)
                {
                    case "sheetPr":
                        CopySheetProperties(reader, writer);
                        break;
                    case "sheetData":
                        writer.WriteNode(reader, defattr: false);
                        if (finish.Protect)
                        {
                            Protection(writer);
                        }

                        continue;
                    case "autoFilter" when finish.AutoFilter is not null:
                        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                        writer.WriteAttributeString("ref", finish.AutoFilter);
                        writer.WriteEndElement();
                        reader.Skip();
                        continue;
                    case var replaced when Replaced.Contains(replaced):
                        reader.Skip();
                        continue;
                    default:
                        writer.WriteNode(reader, defattr: false);
                        continue;
                }

                reader.Read();
            }
        }

        if (first)
        {
            SheetProperties(writer);
        }

        if (!pageSetupWritten)
        {
            PageSetup(writer, finish);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    /// <summary>Fit to page (the page setup says how: one page wide, as many long as it takes).</summary>
    private static void SheetProperties(XmlWriter writer)
    {
        writer.WriteStartElement("sheetPr", Main);
        FitToPage(writer);
        writer.WriteEndElement();
    }

    private static void FitToPage(XmlWriter writer)
    {
        writer.WriteStartElement("pageSetUpPr", Main);
        writer.WriteAttributeString("fitToPage", "1");
        writer.WriteEndElement();
    }

    /// <summary>An existing sheetPr (a tab colour): its children kept, fit to page added after them.</summary>
    private static void CopySheetProperties(XmlReader reader, XmlWriter writer)
    {
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        writer.WriteAttributes(reader, defattr: false);
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "pageSetUpPr")
                {
                    reader.Skip();
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    writer.WriteNode(reader, defattr: false);
                }
                else
                {
                    reader.Read();
                }
            }
        }

        FitToPage(writer);
        writer.WriteEndElement();
    }

    /// <summary>
    /// Locked cells cannot be changed; everything a clerk does with a list stays allowed: filter, sort, widen
    /// columns, change row heights, insert and delete rows. <c>0</c> means "not protected" in these attributes.
    /// </summary>
    private static void Protection(XmlWriter writer)
    {
        writer.WriteStartElement("sheetProtection", Main);
        foreach (var (name, value) in new[]
        {
            ("sheet", "1"), ("objects", "1"), ("scenarios", "1"), ("formatColumns", "0"), ("formatRows", "0"),
            ("insertRows", "0"), ("deleteRows", "0"), ("sort", "0"), ("autoFilter", "0"),
        })
        {
            writer.WriteAttributeString(name, value);
        }

        writer.WriteEndElement();
    }

    /// <summary>A4 landscape, narrow margins, one page wide; the page header on top, 第 n 页，共 m 页 at the bottom.</summary>
    private static void PageSetup(XmlWriter writer, SheetFinish finish)
    {
        writer.WriteStartElement("pageMargins", Main);
        foreach (var (name, value) in new[] { ("left", "0.4"), ("right", "0.4"), ("top", "0.6"), ("bottom", "0.6"), ("header", "0.25"), ("footer", "0.25") })
        {
            writer.WriteAttributeString(name, value);
        }

        writer.WriteEndElement();
        writer.WriteStartElement("pageSetup", Main);
        writer.WriteAttributeString("paperSize", "9");
        writer.WriteAttributeString("orientation", "landscape");
        writer.WriteAttributeString("fitToWidth", "1");
        writer.WriteAttributeString("fitToHeight", "0");
        writer.WriteEndElement();
        writer.WriteStartElement("headerFooter", Main);
        if (finish.PageHeader is { Length: > 0 } header)
        {
            writer.WriteElementString("oddHeader", Main, "&L" + HeaderText(header));
        }

        writer.WriteElementString("oddFooter", Main, "&C第 &P 页，共 &N 页");
        writer.WriteEndElement();
    }

    /// <summary>An ampersand starts a code in header text: a literal one is doubled.</summary>
    private static string HeaderText(string text) => text.Replace("&", "&&", StringComparison.Ordinal);
}
