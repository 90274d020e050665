using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Matching.Cli.Tests;

/// <summary>Reads a reject report workbook back as facts: the first sheet's rows, each cell as text.</summary>
public static class RejectReport
{
    /// <summary>The header row of every reject report.</summary>
    public static IReadOnlyList<string> Headers { get; } = ["文件", "行号", "列", "值（已脱敏）", "处理", "原因代码", "原因"];

    public static IReadOnlyList<string[]> Read(string path)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty;
            }

            rows.Add(cells);
        }

        return rows;
    }
}
