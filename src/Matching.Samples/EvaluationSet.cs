using System.Globalization;
using Matching.Samples.Evaluation;
using Matching.Samples.Output;
using Matching.Samples.Population;

namespace Matching.Samples;

/// <summary>
/// Writes a labelled evaluation set for the matcher, deterministic for a seed and entirely synthetic:
/// <c>lowincome.csv</c> (the civil-affairs export, same columns as the sample's, so <c>matching lowincome import</c>
/// loads it) and <c>labelled.csv</c> (UTF-8 with BOM), one department-style row per record with the truth:
/// <c>姓名,身份证号,出生日期,truth_id,damage</c>. <c>truth_id</c> is the canonical 18-character ID of the
/// low-income person the row really is, empty for a stranger (not in the population); <c>damage</c> is one of
/// <see cref="DamageLabels"/>; <c>出生日期</c> (yyyy-MM-dd) is filled on about half of the rows.
/// </summary>
public static class EvaluationSet
{
    public const string LowIncomeFileName = LowIncomeWriter.FileName;
    public const string LabelledFileName = "labelled.csv";

    /// <summary>The header of labelled.csv.</summary>
    public static IReadOnlyList<string> LabelledHeader { get; } = ["姓名", "身份证号", "出生日期", "truth_id", "damage"];

    /// <summary>
    /// Every damage label labelled.csv uses: the sample's ID damage (none, spaces, fullwidth, lowercase_x, apostrophe,
    /// trailing_dot0, id15, certificate, substitution, swap, scientific, truncated_zeros, empty, name_mismatch,
    /// twin_typo), the evaluation traps (stranger_typo, same_birth_stranger, name_variant, rare_char), the other forms
    /// of certificate numbers and the 17 digits of an ID without its check character (certificate15,
    /// certificate_scientific, check_char_lost), and names as extracts carry them (separator_dropped,
    /// separator_replaced, separator_db_dropped: the database's name without the separator; annotation).
    /// </summary>
    public static IReadOnlyList<string> DamageLabels { get; } = EvaluationLabels.All;

    /// <summary>Writes the set into <paramref name="directory"/> (created if missing; the two files are replaced).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static EvaluationSummary Write(string directory, EvaluationOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(directory);

        var ids = new IdAllocator();
        var population = EvaluationPopulation.Build(options, ids);
        var rows = new EvaluationPlanner(population, ids, new Random(SampleRandom.Derive(options.Seed, 104))).Plan(options.Rows);
        SampleFile[] files = [WriteLowIncome(directory, population), WriteLabelled(directory, rows)];

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowIncomeRows = 0;
        foreach (var row in rows)
        {
            counts[row.Label] = counts.GetValueOrDefault(row.Label) + 1;
            lowIncomeRows += row.Member ? 1 : 0;
        }

        var byDamage = EvaluationLabels.All.Select(label => KeyValuePair.Create(label, counts.GetValueOrDefault(label))).ToList();
        return new EvaluationSummary(directory, population.Households.Count, population.Persons.Count,
            population.Twins.Count, rows.Count, lowIncomeRows, byDamage, files);
    }

    private static SampleFile WriteLowIncome(string directory, SamplePopulation population)
    {
        using (var writer = CsvFiles.OpenUtf8Bom(Path.Combine(directory, LowIncomeFileName)))
        {
            CsvFiles.WriteRecord(writer, LowIncomeWriter.Header);
            var fields = new string[LowIncomeWriter.Header.Length];
            foreach (var household in population.Households)
            {
                foreach (var member in household.Members)
                {
                    LowIncomeWriter.Fill(fields, household, member);
                    CsvFiles.WriteRecord(writer, fields);
                }
            }
        }

        return CsvFiles.Describe(directory, LowIncomeFileName, population.RowCount);
    }

    private static SampleFile WriteLabelled(string directory, List<EvaluationRow> rows)
    {
        using (var writer = CsvFiles.OpenUtf8Bom(Path.Combine(directory, LabelledFileName)))
        {
            foreach (var field in LabelledHeader)
            {
                writer.WriteField(field);
            }

            writer.EndRecord();
            var fields = new string[LabelledHeader.Count];
            foreach (var row in rows)
            {
                fields[0] = row.Name;
                fields[1] = row.IdCell;
                fields[2] = row.ShowsBirth ? row.Subject.Birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
                fields[3] = row.Member ? row.Subject.IdText : string.Empty;
                fields[4] = row.Label;
                CsvFiles.WriteRecord(writer, fields);
            }
        }

        return CsvFiles.Describe(directory, LabelledFileName, rows.Count);
    }
}
