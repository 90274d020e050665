using System.Globalization;
using Matching.Samples.Damage;
using Matching.Samples.Extracts;

namespace Matching.Samples.Output;

/// <summary>
/// Writes the truth files under <c>truth/</c> (UTF-8 with BOM) that tests and <c>matching evaluate</c> score
/// against: for an extract, every data row by its spreadsheet row number, who it really is, whether that person
/// is in the database and what was done to the ID; for lowincome.csv, the rows the importer must reject.
/// </summary>
internal static class TruthWriter
{
    public const string Folder = "truth";

    private static readonly string[] ExtractHeader = ["source_row", "person_id", "in_database", "damage"];
    private static readonly string[] LowIncomeHeader = ["source_row", "damage"];

    public static string PathOf(string source) => Folder + "/" + source + ".truth.csv";

    public static SampleFile WriteExtract(string directory, ExtractFile extract)
    {
        var relativePath = PathOf(extract.Stem);
        using (var truth = CsvFiles.OpenUtf8Bom(Path.Combine(directory, relativePath)))
        {
            CsvFiles.WriteRecord(truth, ExtractHeader);
            var sourceRow = extract.FirstDataRow;
            foreach (var row in extract.Rows)
            {
                CsvFiles.WriteRecord(truth,
                [
                    sourceRow.ToString(CultureInfo.InvariantCulture),
                    row.Subject.IdText,
                    row.Subject.InDatabase ? "1" : "0",
                    row.Damage.Label(),
                ]);
                sourceRow++;
            }
        }

        return CsvFiles.Describe(directory, relativePath, extract.Rows.Count);
    }

    /// <summary>Lists the lowincome.csv rows whose ID has a wrong check character.</summary>
    public static SampleFile WriteLowIncome(string directory, string source, List<int> rejectedRows)
    {
        var relativePath = PathOf(source);
        using (var truth = CsvFiles.OpenUtf8Bom(Path.Combine(directory, relativePath)))
        {
            CsvFiles.WriteRecord(truth, LowIncomeHeader);
            foreach (var sourceRow in rejectedRows)
            {
                CsvFiles.WriteRecord(truth, [sourceRow.ToString(CultureInfo.InvariantCulture), DamageLabels.CheckChar]);
            }
        }

        return CsvFiles.Describe(directory, relativePath, rejectedRows.Count);
    }
}
