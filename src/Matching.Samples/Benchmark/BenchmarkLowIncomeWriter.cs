using System.Globalization;
using System.Text;
using CsvHelper;
using Matching.Samples.Output;

namespace Matching.Samples.Benchmark;

/// <summary>
/// Streams the benchmark's lowincome.csv (the sample's columns, UTF-8 with BOM) from the population arrays:
/// household cells drawn when a household's head comes up, every cell written as UTF-8 bytes, no strings per row.
/// </summary>
internal static class BenchmarkLowIncomeWriter
{
    private static readonly byte[][] Relations = Utf8("户主", "配偶", "子女", "孙子女", "父母", "其他");
    private static readonly byte[][] Categories = Utf8("低保", "特困", "防返贫", "低保边缘", "刚性支出", "其他");
    private static readonly int[] CategoryWeights = [55, 12, 12, 10, 6, 5];
    private static readonly byte[][] SupportModes = Utf8("分散", "集中");
    private static readonly double[] AidRates = [0.2, 0.15, 0.06, 0.05, 0.04, 0.08];

    private static ReadOnlySpan<byte> Yes => "是"u8;

    private static ReadOnlySpan<byte> No => "否"u8;

    public static SampleFile Write(string directory, BenchmarkPopulation population, int seed)
    {
        var rng = new FastRandom(seed, 202);
        var categoryDraw = Draw(CategoryWeights);
        var keys = population.Keys;
        var meta = population.Meta;
        Span<byte> householdId = stackalloc byte[14];
        Span<byte> headName = stackalloc byte[BenchmarkNames.MaxBytes];
        Span<byte> name = stackalloc byte[BenchmarkNames.MaxBytes];
        Span<byte> id = stackalloc byte[Utf8Id.Length];
        Span<byte> income = stackalloc byte[24];
        Span<bool> aid = stackalloc bool[AidRates.Length];
        "HN"u8.CopyTo(householdId);

        var headLength = 0;
        var incomeLength = 0;
        byte[] town = [];
        byte[] village = [];
        var category = 0;
        var housing = false;
        var support = ReadOnlySpan<byte>.Empty;
        var serial = 0;
        using (var writer = CsvWriter.ToFile(Path.Combine(directory, LowIncomeWriter.FileName), BenchmarkData.CsvOptions))
        {
            foreach (var header in LowIncomeWriter.Header)
            {
                writer.WriteField(header);
            }

            writer.EndRecord();
            for (var i = 0; i < keys.Length; i++)
            {
                var relation = BenchmarkPopulation.Relation(meta[i]);
                if (relation == BenchmarkPopulation.Head)
                {
                    serial++;
                    Utf8Id.WriteDigits(rng.Next(2019, 2026), 4, householdId[2..]);
                    Utf8Id.WriteDigits(serial, 8, householdId[6..]);
                    headLength = BenchmarkNames.Write(BenchmarkPopulation.NameCode(meta[i]), headName);
                    var region = (int)(keys[i] / 100_000_000_000L);
                    town = BenchmarkPlaces.Towns[((region * 7) + rng.Next(5)) % BenchmarkPlaces.Towns.Length];
                    village = BenchmarkPlaces.Villages[rng.Next(BenchmarkPlaces.Villages.Length)];
                    category = categoryDraw[rng.Next(categoryDraw.Length)];
                    var size = 1;
                    while (i + size < keys.Length && BenchmarkPopulation.Relation(meta[i + size]) != BenchmarkPopulation.Head)
                    {
                        size++;
                    }

                    var perCapita = category switch
                    {
                        1 => rng.Next(1200, 4001),
                        0 => rng.Next(2400, 6001),
                        _ => rng.Next(3000, 9601),
                    };
                    var yuan = (int)Math.Round(perCapita * size / 100.0) * 100;
                    yuan.TryFormat(income, out incomeLength, default, CultureInfo.InvariantCulture);
                    ".00"u8.CopyTo(income[incomeLength..]);
                    incomeLength += 3;
                    housing = rng.Chance(0.15);
                    support = category == 1 ? SupportModes[rng.Chance(0.3) ? 1 : 0] : ReadOnlySpan<byte>.Empty;
                    for (var a = 0; a < aid.Length; a++)
                    {
                        aid[a] = rng.Chance(AidRates[a]);
                    }
                }

                Utf8Id.Write(keys[i], id);
                writer.WriteField(householdId);
                writer.WriteField(town.AsSpan());
                writer.WriteField(village.AsSpan());
                writer.WriteField(headName[..headLength]);
                writer.WriteField(name[..BenchmarkNames.Write(BenchmarkPopulation.NameCode(meta[i]), name)]);
                writer.WriteField(id);
                writer.WriteField(Relations[relation].AsSpan());
                writer.WriteField(Categories[category].AsSpan());
                writer.WriteField(income[..incomeLength]);
                writer.WriteField(housing ? Yes : No);
                writer.WriteField(support);
                writer.WriteField(rng.Chance(0.08) ? Yes : No);
                writer.WriteField(rng.Chance(0.05) ? Yes : No);
                foreach (var received in aid)
                {
                    writer.WriteField(received ? Yes : No);
                }

                writer.EndRecord();
            }
        }

        return CsvFiles.Describe(directory, LowIncomeWriter.FileName, keys.Length);
    }

    /// <summary>An index by a uniform draw below the total weight.</summary>
    public static byte[] Draw(ReadOnlySpan<int> weights)
    {
        var draw = new List<byte>();
        for (var i = 0; i < weights.Length; i++)
        {
            draw.AddRange(Enumerable.Repeat((byte)i, weights[i]));
        }

        return [.. draw];
    }

    private static byte[][] Utf8(params string[] texts) => [.. texts.Select(Encoding.UTF8.GetBytes)];
}
