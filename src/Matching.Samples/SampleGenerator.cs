using Matching.Samples.Extracts;
using Matching.Samples.Output;
using Matching.Samples.Population;

namespace Matching.Samples;

/// <summary>
/// Writes a deterministic set of realistic but entirely synthetic sample files (never real people): the
/// civil-affairs low-income export (lowincome.csv), one extract per department (education, unemployment,
/// illness, disability, medical-bills, death, disaster; medical bills as two monthly files, medical-bills.csv up to
/// October and medical-bills-2026-11.csv, which overlap by a week) with the ID damage real files show, and truth files under
/// <c>truth/</c> that say, row by row, who each row really is and what was done to its ID.
/// </summary>
public static class SampleGenerator
{
    /// <summary>Twin pairs for 3,000 households that get a typo row in an extract.</summary>
    private const int TwinTypoPairs = 10;

    /// <summary>The sample's "today": the date its 12-month windows and ages are reckoned from.</summary>
    public static DateOnly ReferenceDate => SampleDates.Reference;

    /// <summary>Writes the sample into <paramref name="directory"/> (created if missing; files there are replaced).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static SampleSummary Write(string directory, SampleOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(Path.Combine(directory, TruthWriter.Folder));

        var ids = new IdAllocator();
        var population = PopulationBuilder.Build(options, ids);
        var files = new List<SampleFile>();
        files.AddRange(LowIncomeWriter.Write(directory, population));

        var scale = options.Households / (double)SampleOptions.DefaultHouseholds;
        var twinTypos = PlanTwinTypos(population, new Random(SampleRandom.Derive(options.Seed, 3)), scale);
        var strangers = new StrangerFactory(ids);
        ExtractContext Context(int salt) =>
            new(population, strangers, new Random(SampleRandom.Derive(options.Seed, salt)), scale, twinTypos);

        var patients = new List<Person>();
        ExtractFile[] extracts =
        [
            EducationExtract.Build(Context(10)),
            UnemploymentExtract.Build(Context(11)),
            IllnessExtract.Build(Context(12), patients),
            DisabilityExtract.Build(Context(13)),
            MedicalBillsExtract.Build(Context(14), patients),
        ];
        var (illness, bills) = (extracts[2], extracts[4]);

        // The threshold cases of the bills and the death and disaster registers draw from streams of their own, after
        // everything above (strangers' IDs included), so that they leave the five extracts above as they are; the bills
        // only gain rows at their end.
        MedicalBillsExtract.AddBoundaryCases(bills, Context(17), [illness]);
        extracts = [.. extracts, DeathExtract.Build(Context(15)), DisasterExtract.Build(Context(16))];

        // Medical insurance sends bills month by month: the history up to October, then November's file, which sends
        // the last days of October again (a ledger counts each bill once).
        var (history, november) = MedicalBillsExtract.SplitByMonth(bills);
        extracts = [.. extracts.Select(e => ReferenceEquals(e, bills) ? history : e), november];
        foreach (var extract in extracts)
        {
            files.AddRange(ExtractWriter.Write(directory, extract));
        }

        return new SampleSummary(directory, population.Households.Count, population.Persons.Count, files);
    }

    /// <summary>
    /// Picks the twins whose ID gets a typo: a school-age twin in the student list (next to the other twin's
    /// clean row), any other in the illness register. Two in three typos turn the ID toward the other twin's.
    /// </summary>
    private static List<TwinTypo> PlanTwinTypos(SamplePopulation population, Random rng, double scale)
    {
        var count = Math.Max(1, (int)Math.Round(TwinTypoPairs * scale));
        var typos = new List<TwinTypo>();
        foreach (var (a, b) in population.Twins)
        {
            if (typos.Count == count)
            {
                break;
            }

            var twin = rng.Chance(0.5) ? a : b;
            var department = twin.Age is >= 6 and <= 22 ? EducationExtract.Department : IllnessExtract.Department;
            typos.Add(new TwinTypo(twin, department, TowardTwin: typos.Count % 3 != 2));
        }

        return typos;
    }
}
