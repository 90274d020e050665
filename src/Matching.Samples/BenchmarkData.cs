using System.Diagnostics;
using System.Runtime.ExceptionServices;
using CsvHelper;
using Matching.Samples.Benchmark;
using Matching.Samples.Damage;
using Matching.Samples.Output;

namespace Matching.Samples;

/// <summary>
/// Writes large synthetic benchmark inputs, fast and deterministic for a seed: <c>lowincome.csv</c> (the sample's
/// columns, UTF-8 with BOM; about three persons per household, valid unique IDs over many Henan counties, 2-3
/// character names) and <c>extract.csv</c> (<c>姓名,身份证号</c>, UTF-8 with BOM) with an exact share of population
/// members and of damaged ID cells (the sample's kinds). The two files are written concurrently; memory stays at a
/// few flat arrays (about 50 MB for a million persons and a million rows).
/// </summary>
public static class BenchmarkData
{
    public const string LowIncomeFileName = LowIncomeWriter.FileName;
    public const string ExtractFileName = BenchmarkExtractWriter.FileName;

    internal static readonly CsvWriterOptions CsvOptions = new() { WriteByteOrderMark = true };

    /// <summary>Writes the two files into <paramref name="directory"/> (created if missing; the files are replaced).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static BenchmarkSummary Write(string directory, BenchmarkOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(directory);

        var stopwatch = Stopwatch.StartNew();
        var population = BenchmarkPopulation.Build(options.Seed, options.Persons, options.Rows - options.PresentRows);
        SampleFile? lowIncome = null;
        BenchmarkExtractWriter.Result? extract = null;
        try
        {
            // Independent random sources: the lowincome writer only reads the population arrays; the extract
            // writer alone adds strangers' keys to the key table.
            Parallel.Invoke(
                () => lowIncome = BenchmarkLowIncomeWriter.Write(directory, population, options.Seed),
                () => extract = BenchmarkExtractWriter.Write(directory, population, options));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        var byDamage = new List<KeyValuePair<string, int>>();
        var damaged = 0;
        foreach (var kind in Enum.GetValues<DamageKind>())
        {
            var count = extract!.DamageCounts[(int)kind];
            if (count > 0)
            {
                byDamage.Add(KeyValuePair.Create(kind.Label(), count));
                damaged += kind == DamageKind.None ? 0 : count;
            }
        }

        return new BenchmarkSummary(directory, population.Households, population.Count, options.Rows, extract!.PresentRows,
            damaged, byDamage, [lowIncome!, extract.File], stopwatch.Elapsed);
    }

    /// <summary>
    /// Writes the benchmark's medical-insurance ledger beside the other files: <paramref name="bills"/> bills over
    /// <paramref name="months"/> monthly files (<c>bills-YYYY-MM.csv</c>) ending with <paramref name="lastMonth"/>, of
    /// the same population's members and of strangers, each month sending some of the previous month's bills again.
    /// </summary>
    public static IReadOnlyList<SampleFile> WriteBills(string directory, BenchmarkOptions options, int bills, int months, DateOnly lastMonth)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(bills, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        Directory.CreateDirectory(directory);
        var population = BenchmarkPopulation.Build(options.Seed, options.Persons, options.Rows - options.PresentRows + Math.Max(1, bills / 7));
        return BenchmarkBillsWriter.Write(directory, population, options.Seed, bills, months, lastMonth);
    }

    /// <summary>The name of the ledger's file of <paramref name="month"/>.</summary>
    public static string BillsFileName(DateOnly month) => BenchmarkBillsWriter.FileName(month);
}
