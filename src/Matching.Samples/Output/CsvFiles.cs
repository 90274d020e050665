using System.Text;
using CsvHelper;

namespace Matching.Samples.Output;

/// <summary>
/// Opens the sample's CSV files: UTF-8 with a BOM (as Excel saves "CSV UTF-8"), or GB18030 without one (as
/// older systems on Chinese Windows export). Field counts may vary, because a title line has one field.
/// </summary>
internal static class CsvFiles
{
    private static readonly CsvWriterOptions Utf8Bom = new() { WriteByteOrderMark = true, ValidateFieldCount = false };
    private static readonly CsvWriterOptions Plain = new() { ValidateFieldCount = false };

    public static CsvWriter OpenUtf8Bom(string path) => CsvWriter.ToFile(path, Utf8Bom);

    public static CsvWriter OpenGb18030(string path)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = new StreamWriter(path, append: false, Encoding.GetEncoding("GB18030"));
        try
        {
            return CsvWriter.Create(text, Plain, leaveOpen: false);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    public static void WriteRecord(CsvWriter writer, ReadOnlySpan<string> fields)
    {
        foreach (var field in fields)
        {
            writer.WriteField(field);
        }

        writer.EndRecord();
    }

    /// <summary>The file's entry for the summary, once it is closed.</summary>
    public static SampleFile Describe(string directory, string relativePath, int rows) =>
        new(relativePath, rows, new FileInfo(Path.Combine(directory, relativePath)).Length);
}
