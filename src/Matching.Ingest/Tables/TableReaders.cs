using Matching.Core.Errors;

namespace Matching.Ingest.Tables;

/// <summary>Opens a table file by its extension: .csv/.txt/.tsv, .xlsx, .xls.</summary>
public static class TableReaders
{
    public static ITableReader Open(string path, IngestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);

        // A FIFO, a device or a socket is refused before anything opens it: opening a FIFO waits for a writer.
        InputFile.Require(path, limits);

        try
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".csv" or ".txt" or ".tsv" => new CsvTableReader(path, limits),
                ".xlsx" or ".xlsm" or ".xls" => new ExcelTableReader(path, limits),
                var other => throw new InputFileException(path, $"unsupported file type '{other}': use .csv, .xlsx or .xls"),
            };
        }
        catch (IOException ex)
        {
            throw new InputFileException(path, "cannot be opened: " + ex.Message, inner: ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InputFileException(path, "cannot be opened: permission denied", inner: ex);
        }
    }
}
