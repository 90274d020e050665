using CsvHelper;

namespace Matching.Cli.Tests;

/// <summary>Reads a match result CSV back as facts: one dictionary per row, keyed by column name.</summary>
public static class ResultCsv
{
    public static IReadOnlyList<Dictionary<string, string>> Read(string path)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true });
        var rows = new List<Dictionary<string, string>>();
        var headers = csv.Headers.ToArray();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                row[headers[i]] = csv.GetString(i) ?? string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }
}
