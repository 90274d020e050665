using Matching.Core.Errors;
using Matching.Ingest.Localization;

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
                var other => throw new InputFileException(path, Text.Format("UnsupportedType", other)),
            };
        }
        catch (IOException ex)
        {
            throw new InputFileException(path, Text.Format("CannotOpen", ex.Message), inner: ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InputFileException(path, Text.Get("CannotOpenDenied"), inner: ex);
        }
    }
}
