using System.Drawing;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace Matching.Export.Workbooks;

/// <summary>What a row is, for its look: a title line, a section heading, a table header, data, or a note.</summary>
public enum RowKind
{
    /// <summary>Table data: thin borders, top-aligned.</summary>
    Data,

    /// <summary>The sheet's title: large and bold.</summary>
    Title,

    /// <summary>A line under the title or a section heading: bold.</summary>
    Heading,

    /// <summary>A small table's header: bold, shaded, bordered.</summary>
    Header,

    /// <summary>A line of text that wraps across the printed width.</summary>
    Note,
}

/// <summary>
/// The cell styles of one workbook, made on first use. Data cells of an editable table are unlocked (a protected
/// sheet still lets a clerk type into them, sort and filter); every other style stays locked.
/// </summary>
internal sealed class SheetStyles(Spreadsheet spreadsheet)
{
    private static readonly Color FillInColour = Color.FromArgb(255, 255, 242, 204);
    private static readonly Color HeaderColour = Color.FromArgb(255, 221, 235, 247);
    private static readonly Color LineColour = Color.FromArgb(255, 166, 166, 166);

    /// <summary>Lines of the small read-only tables (汇总, 填写说明): a shade darker than a list's, which also keeps their locked style apart from the list's unlocked one.</summary>
    private static readonly Color TableLineColour = Color.FromArgb(255, 128, 128, 128);

    private readonly Dictionary<(RowKind Kind, bool Date, bool FillIn, bool Wrap, bool Editable), StyleId> _styles = [];

    /// <summary>The styles whose cells are unlocked (their cellXfs index).</summary>
    public HashSet<int> Unlocked { get; } = [];

    public StyleId Get(RowKind kind, bool date = false, bool fillIn = false, bool wrap = false, bool editable = false)
    {
        var key = (kind, date, fillIn, wrap, editable);
        if (_styles.TryGetValue(key, out var id))
        {
            return id;
        }

        var style = new Style();
        var line = new EdgeBorder { BorderStyle = BorderStyle.Thin, Color = LineColour };
        switch (kind)
        {
            case RowKind.Title:
                style.Font.Bold = true;
                style.Font.Size = 16;
                break;
            case RowKind.Heading:
                style.Font.Bold = true;
                style.Font.Size = 11;
                style.Alignment.Vertical = VerticalAlignment.Center;
                break;
            case RowKind.Header:
                style.Font.Bold = true;
                style.Fill.Color = fillIn ? FillInColour : HeaderColour;
                style.Alignment.WrapText = true;
                style.Alignment.Vertical = VerticalAlignment.Center;
                style.Border = new Border { Left = line, Right = line, Top = line, Bottom = line };
                break;
            case RowKind.Note:
                style.Alignment.WrapText = true;
                style.Alignment.Vertical = VerticalAlignment.Top;
                break;
            default:
                style.Alignment.Vertical = VerticalAlignment.Top;
                style.Alignment.WrapText = wrap;
                var edge = editable ? line : new EdgeBorder { BorderStyle = BorderStyle.Thin, Color = TableLineColour };
                style.Border = new Border { Left = edge, Right = edge, Top = edge, Bottom = edge };
                if (fillIn)
                {
                    style.Fill.Color = FillInColour;
                }

                break;
        }

        if (date)
        {
            style.Format = NumberFormat.Custom("yyyy-mm-dd");
        }

        id = spreadsheet.AddStyle(style);
        _styles[key] = id;
        if (editable)
        {
            Unlocked.Add(id.Id);
        }

        return id;
    }
}
