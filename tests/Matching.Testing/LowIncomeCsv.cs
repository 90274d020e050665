using System.Text;

namespace Matching.Testing;

/// <summary>
/// Builds a civil-affairs low-income export (one row per household member) as CSV text, with the column names
/// the shipped <c>lowincome</c> header map accepts. Cells are quoted where CSV needs it.
/// </summary>
public sealed class LowIncomeCsv
{
    /// <summary>The header row, in file order.</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "户编号", "镇（街道）", "村（社区）", "成员姓名", "身份证号码", "与户主关系", "救助类别", "家庭年收入",
        "住房困难", "是否重病", "是否重度残疾", "已享受医疗救助", "已享受教育救助",
    ];

    private readonly List<string[]> _rows = [];

    /// <summary>Lines written above the header (a title such as 济源市低收入人口名册).</summary>
    public List<string> TitleLines { get; } = [];

    /// <summary>Adds one member row; every cell is the text a clerk typed.</summary>
    public LowIncomeCsv Member(
        string householdId,
        string id,
        string name,
        string category = "低保",
        string relation = "户主",
        string income = "",
        string housingDifficulty = "",
        string seriousIllness = "",
        string severeDisability = "",
        string aidMedical = "",
        string aidEducation = "",
        string subdistrict = "天坛街道",
        string village = "北海社区")
    {
        _rows.Add([householdId, subdistrict, village, name, id, relation, category, income,
            housingDifficulty, seriousIllness, severeDisability, aidMedical, aidEducation]);
        return this;
    }

    /// <summary>The CSV text, lines ending in CRLF as Excel writes them.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        foreach (var title in TitleLines)
        {
            text.Append(Quote(title)).Append("\r\n");
        }

        text.AppendJoin(',', Headers.Select(Quote)).Append("\r\n");
        foreach (var row in _rows)
        {
            text.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>Writes the CSV as UTF-8 with BOM (Excel's "CSV UTF-8"); returns the path.</summary>
    public string WriteTo(string path)
    {
        File.WriteAllText(path, ToCsv(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    /// <summary>The same rows as a workbook (.xlsx: the header in row 1, every cell as text); returns the path.</summary>
    public string WriteXlsxTo(string path)
    {
        var workbook = new XlsxBuilder().Row(1, [.. Headers]);
        for (var i = 0; i < _rows.Count; i++)
        {
            workbook.Row(i + 2, [.. _rows[i]]);
        }

        return workbook.WriteTo(path);
    }

    /// <summary>A cell as CSV writes it: quoted when it holds a separator, quote or line break.</summary>
    public static string Quote(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.AsSpan().IndexOfAny(",\"\r\n\t") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
