using System.Globalization;
using CsvHelper;
using Matching.Core.Identity;
using Matching.Samples.Damage;
using Matching.Samples.Output;

namespace Matching.Samples.Benchmark;

/// <summary>
/// Streams the benchmark's extract.csv, a school list (<c>姓名,身份证号,学校,年级,是否家庭经济困难</c>, UTF-8 with BOM):
/// a share of rows are population members (distinct, in random order), the rest strangers with fresh IDs; a share of
/// rows get one kind of ID damage. Both shares are exact (selection sampling). Clean rows are written from bytes,
/// without strings. The school columns come from a random source of their own, so the names and IDs are those of a
/// file without them.
/// </summary>
internal static class BenchmarkExtractWriter
{
    public const string FileName = "extract.csv";

    private static readonly string[] Header = ["姓名", "身份证号", "学校", "年级", "是否家庭经济困难"];

    private static readonly byte[][] Schools =
        [.. new[] { "济源市第一中学", "济源市第二中学", "沁园街道第一小学", "克井镇初级中学", "承留镇第一初级中学", "王屋镇中心小学" }.Select(s => System.Text.Encoding.UTF8.GetBytes(s))];

    private static readonly byte[][] Grades =
        [.. new[] { "一年级", "三年级", "五年级", "七年级", "八年级", "高一", "高二", "高三" }.Select(s => System.Text.Encoding.UTF8.GetBytes(s))];

    private static readonly byte[] Yes = "是"u8.ToArray();
    private static readonly byte[] No = "否"u8.ToArray();

    /// <summary>Share of rows marked 家庭经济困难.</summary>
    private const double HardshipShare = 0.1;

    private static readonly (DamageKind Kind, int Weight)[] Mix =
    [
        (DamageKind.Spaces, 16),
        (DamageKind.Apostrophe, 11),
        (DamageKind.FullWidth, 8),
        (DamageKind.LowercaseX, 4),
        (DamageKind.TrailingDot0, 8),
        (DamageKind.Id15, 5),
        (DamageKind.Certificate, 6),
        (DamageKind.Substitution, 10),
        (DamageKind.Swap, 7),
        (DamageKind.Scientific, 8),
        (DamageKind.TruncatedZeros, 6),
        (DamageKind.Empty, 6),
        (DamageKind.NameMismatch, 5),
    ];

    /// <summary>What was written: the file, the member rows and the rows by damage kind.</summary>
    public sealed record Result(SampleFile File, int PresentRows, int[] DamageCounts);

    public static Result Write(string directory, BenchmarkPopulation population, BenchmarkOptions options)
    {
        var rng = new FastRandom(options.Seed, 203);
        var school = new FastRandom(options.Seed, 205);
        var damageRng = new Random(SampleRandom.Derive(options.Seed, 204));
        var kindDraw = BenchmarkLowIncomeWriter.Draw(Mix.Select(m => m.Weight).ToArray());
        var counts = new int[Enum.GetValues<DamageKind>().Length];
        var total = options.Rows;
        var membersLeft = options.PresentRows;
        var damagedLeft = options.DamagedRows;

        // The first PresentRows entries of a partial Fisher-Yates: distinct members in random order.
        var order = new int[population.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (var i = 0; i < membersLeft; i++)
        {
            var j = rng.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var nextMember = 0;
        var last = BenchmarkDates.Count - 1;
        Span<byte> name = stackalloc byte[BenchmarkNames.MaxBytes];
        Span<byte> id = stackalloc byte[Utf8Id.Length];
        using (var writer = CsvWriter.ToFile(Path.Combine(directory, FileName), BenchmarkData.CsvOptions))
        {
            foreach (var header in Header)
            {
                writer.WriteField(header);
            }

            writer.EndRecord();
            for (var row = 0; row < total; row++)
            {
                var left = total - row;
                var member = rng.Next(left) < membersLeft;
                var damaged = rng.Next(left) < damagedLeft;
                long key;
                int nameCode;
                if (member)
                {
                    membersLeft--;
                    var index = order[nextMember++];
                    key = population.Keys[index];
                    nameCode = BenchmarkPopulation.NameCode(population.Meta[index]);
                }
                else
                {
                    var male = rng.Chance(0.5);
                    var day = last - rng.Next(90 * 365);
                    var region = BenchmarkPlaces.Regions[rng.Next(BenchmarkPlaces.Regions.Length)];
                    key = BenchmarkPopulation.NewKey(rng, population.Table, region, day, male);
                    nameCode = BenchmarkNames.Code(BenchmarkNames.Surname(rng), BenchmarkNames.GivenName(rng, male, BenchmarkDates.YearOf(day)));
                }

                writer.WriteField(name[..BenchmarkNames.Write(nameCode, name)]);
                if (!damaged)
                {
                    Utf8Id.Write(key, id);
                    writer.WriteField(id);
                    counts[(int)DamageKind.None]++;
                }
                else
                {
                    damagedLeft--;
                    var (kind, cell) = Damage(key, nameCode, member, population, rng, damageRng, kindDraw);
                    writer.WriteField(cell.AsSpan());
                    counts[(int)kind]++;
                }

                writer.WriteField(Schools[school.Next(Schools.Length)]);
                writer.WriteField(Grades[school.Next(Grades.Length)]);
                writer.WriteField(school.Chance(HardshipShare) ? Yes : No);
                writer.EndRecord();
            }
        }

        return new Result(CsvFiles.Describe(directory, FileName, total), options.PresentRows, counts);
    }

    /// <summary>A kind of damage that applies to this row (redrawn a few times, else spaces) and the ID cell it gives.</summary>
    private static (DamageKind Kind, string Cell) Damage(
        long key, int nameCode, bool member, BenchmarkPopulation population, FastRandom rng, Random damageRng, byte[] kindDraw)
    {
        var id = IdNumber.FromKey(key);
        var text = id.Value;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var kind = Mix[kindDraw[rng.Next(kindDraw.Length)]].Kind;
            switch (kind)
            {
                case DamageKind.NameMismatch when !member:
                    // A stranger's row carrying a member's valid ID (the names differ).
                    var owner = rng.Next(population.Count);
                    if (BenchmarkPopulation.NameCode(population.Meta[owner]) != nameCode)
                    {
                        return (kind, IdNumber.FromKey(population.Keys[owner]).Value);
                    }

                    break;
                case DamageKind.NameMismatch:
                    break;
                case DamageKind.Id15:
                    // The 15-digit form existed for those born in the 1900s.
                    if (id.BirthDate.Year is >= 1900 and <= 1999)
                    {
                        return (kind, IdDamage.Render(kind, text, damageRng));
                    }

                    break;
                case DamageKind.Certificate:
                    return (kind, string.Create(CultureInfo.InvariantCulture, $"{text}{rng.Next(1, 8)}{rng.Next(1, 5)}"));
                default:
                    if (IdDamage.Applies(kind, id, text))
                    {
                        return (kind, IdDamage.Render(kind, text, damageRng));
                    }

                    break;
            }
        }

        return (DamageKind.Spaces, IdDamage.Render(DamageKind.Spaces, text, damageRng));
    }
}
