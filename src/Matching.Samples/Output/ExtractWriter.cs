using Matching.Samples.Extracts;

namespace Matching.Samples.Output;

/// <summary>Writes a department extract (title line if any, header, rows) and then its truth file.</summary>
internal static class ExtractWriter
{
    public static IEnumerable<SampleFile> Write(string directory, ExtractFile extract)
    {
        var path = Path.Combine(directory, extract.FileName);
        var fields = new string[extract.Header.Length];
        using (var writer = extract.Gb18030 ? CsvFiles.OpenGb18030(path) : CsvFiles.OpenUtf8Bom(path))
        {
            if (extract.Title is not null)
            {
                CsvFiles.WriteRecord(writer, [extract.Title]);
            }

            CsvFiles.WriteRecord(writer, extract.Header);
            foreach (var row in extract.Rows)
            {
                fields[0] = row.Name;
                fields[1] = row.IdCell;
                row.Details.CopyTo(fields, 2);
                CsvFiles.WriteRecord(writer, fields);
            }
        }

        return [CsvFiles.Describe(directory, extract.FileName, extract.Rows.Count), TruthWriter.WriteExtract(directory, extract)];
    }
}
