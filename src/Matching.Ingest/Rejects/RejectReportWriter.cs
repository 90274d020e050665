using CsvHelper;

namespace Matching.Ingest.Rejects;

/// <summary>Writes rejected rows as a UTF-8 CSV (with BOM, so Excel shows the Chinese headers) fit to send back.</summary>
public static class RejectReportWriter
{
    public static void Write(string path, string sourceFile, IReadOnlyList<RejectedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var csv = CsvWriter.ToFile(path, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape });
        csv.WriteHeader(["文件", "行号", "列", "值（已脱敏）", "原因代码", "原因"]);
        var file = Path.GetFileName(sourceFile);
        foreach (var row in rows)
        {
            csv.WriteField(file);
            csv.WriteField(row.SourceRow, default);
            csv.WriteField(row.Column);
            csv.WriteField(row.MaskedValue);
            csv.WriteField(row.Reason.ToString());
            csv.WriteField(row.Detail);
            csv.EndRecord();
        }
    }
}
