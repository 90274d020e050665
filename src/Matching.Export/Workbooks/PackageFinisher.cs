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
/// LibreOffice keep it by), sheet protection, and which cell styles are unlocked. What surrounds a sheet's rows streams
/// through an <see cref="XmlReader"/> into an <see cref="XmlWriter"/>, and the rows are copied as written: a sheet of
/// any size is copied without being held.
/// </summary>
internal static partial class PackageFinisher
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
}
