using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using ExcelDataReader;

namespace Matching.Cli.Tests.Warnings;

/// <summary>One sheet read back: its name and rows, each cell as ExcelDataReader types it (string, double, DateTime, null).</summary>
public sealed record WorkbookSheet(string Name, IReadOnlyList<object?[]> Rows)
{
    /// <summary>The header row's index: the first row of three or more cells (title lines above it have one).</summary>
    public int HeaderIndex => Math.Max(0, Rows.ToList().FindIndex(r => r.Count(c => c is string { Length: > 0 } || c is double) >= 3));

    public IReadOnlyList<string> Headers => [.. Rows[HeaderIndex].Select(c => c as string ?? string.Empty)];

    /// <summary>The lines above the header (a warning list's title block), each its first cell's text.</summary>
    public IReadOnlyList<string> Title => [.. Rows.Take(HeaderIndex).Select(r => r.Length > 0 ? r[0] as string ?? string.Empty : string.Empty)];

    /// <summary>The rows below the header (an empty list's single "no warnings" line is no data row).</summary>
    public IReadOnlyList<object?[]> Data => [.. Rows.Skip(HeaderIndex + 1).Where(r => r.Count(c => c is not null) > 1)];

    /// <summary>The cell of <paramref name="row"/> (a data row) under <paramref name="header"/>.</summary>
    public object? Cell(object?[] row, string header)
    {
        ArgumentNullException.ThrowIfNull(row);
        var column = Rows[HeaderIndex].ToList().FindIndex(h => h as string == header);
        Assert.True(column >= 0, $"sheet {Name} has no column {header}");
        return column < row.Length ? row[column] : null;
    }

    /// <summary>The cell of <paramref name="row"/> under <paramref name="header"/> as text (empty for an empty cell).</summary>
    public string Text(object?[] row, string header) => Cell(row, header) switch
    {
        null => string.Empty,
        string s => s,
        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}

/// <summary>Reads a written .xlsx back as facts: typed cells per sheet, and the raw sheet XML where the bytes matter (formulas).</summary>
public static class WorkbookFile
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static IReadOnlyList<WorkbookSheet> Read(string path)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var sheets = new List<WorkbookSheet>();
        do
        {
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var cells = new object?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetValue(i);
                }

                rows.Add(cells);
            }

            sheets.Add(new WorkbookSheet(reader.Name, rows));
        }
        while (reader.NextResult());

        return sheets;
    }

    /// <summary>Every worksheet part of the package (<c>xl/worksheets/*.xml</c>), parsed.</summary>
    public static IReadOnlyList<XDocument> SheetXml(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return [.. zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .OrderBy(e => e.FullName, StringComparer.Ordinal)
            .Select(e =>
            {
                using var entry = e.Open();
                return XDocument.Load(entry);
            })];
    }

    /// <summary>The formula elements (<c>&lt;f&gt;</c>) of every sheet.</summary>
    public static IReadOnlyList<XElement> Formulas(string path) => [.. SheetXml(path).SelectMany(d => d.Descendants(Main + "f"))];

    /// <summary>The cells (<c>&lt;c&gt;</c>) of every sheet whose text is <paramref name="text"/>, inline or shared.</summary>
    public static IReadOnlyList<XElement> CellsWithText(string path, string text)
    {
        using var zip = ZipFile.OpenRead(path);
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } entry ? Load(entry).Descendants(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList() : [];
        return [.. SheetXml(path).SelectMany(d => d.Descendants(Main + "c")).Where(c =>
            (string?)c.Attribute("t") switch
            {
                "inlineStr" => string.Concat(c.Descendants(Main + "t").Select(t => t.Value)) == text,
                "s" => int.TryParse(c.Element(Main + "v")?.Value, out var i) && i < shared.Count && shared[i] == text,
                _ => c.Element(Main + "v")?.Value == text,
            })];
    }

    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}
