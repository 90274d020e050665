using Matching.Ingest.Tables;

namespace Matching.Ingest.Tests.Tables;

/// <summary>Reads a whole table back as (row number, cells) for assertions.</summary>
internal static class TableRows
{
    public static List<(long Row, string[] Cells)> ReadAll(ITableReader reader) => ReadAll(reader, reader.Read);

    /// <summary>The data rows of a source table, footers skipped.</summary>
    public static List<(long Row, string[] Cells)> ReadAll(SourceTable table) => ReadAll(table.Reader, table.Read);

    private static List<(long Row, string[] Cells)> ReadAll(ITableReader reader, Func<bool> read)
    {
        var rows = new List<(long, string[])>();
        while (read())
        {
            var cells = new string[reader.FieldCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = reader.GetString(c);
            }

            rows.Add((reader.SourceRow, cells));
        }

        return rows;
    }
}
