namespace Matching.Samples.Benchmark;

/// <summary>
/// The persons of the benchmark's lowincome.csv, held as two flat arrays: the ID key of each person and a small
/// code (name, relation to the head). Households are runs that start at a head (户主), about three persons each;
/// a household lives in one Henan county, and its members' birth dates fit their relation to the head.
/// </summary>
internal sealed class BenchmarkPopulation
{
    public const int Head = 0;
    public const int Spouse = 1;
    public const int Child = 2;
    public const int Grandchild = 3;
    public const int Parent = 4;
    public const int Other = 5;

    private const int RelationShift = 16;
    private const int Year = 365;

    /// <summary>Household sizes 1-6 by a uniform draw below 100: 16, 24, 25, 19, 11, 5 in a hundred (3.0 on average).</summary>
    private static readonly byte[] Sizes = BuildSizes([16, 24, 25, 19, 11, 5]);

    private BenchmarkPopulation(long[] keys, int[] meta, int households, KeySet table)
    {
        Keys = keys;
        Meta = meta;
        Households = households;
        Table = table;
    }

    /// <summary>The 17-digit ID key of each person (see <see cref="Core.Identity.IdNumber.Key"/>).</summary>
    public long[] Keys { get; }

    /// <summary>Per person: name code in the low 16 bits, relation to the head above.</summary>
    public int[] Meta { get; }

    public int Households { get; }

    /// <summary>Every key handed out so far: the population's, then the strangers'.</summary>
    public KeySet Table { get; }

    public int Count => Keys.Length;

    public static int NameCode(int meta) => meta & ((1 << RelationShift) - 1);

    public static int Relation(int meta) => meta >> RelationShift;

    /// <summary>Builds <paramref name="persons"/> persons; the key table has room for <paramref name="strangers"/> more.</summary>
    public static BenchmarkPopulation Build(int seed, int persons, int strangers)
    {
        var rng = new FastRandom(seed, 201);
        var table = new KeySet(persons + strangers);
        var keys = new long[persons];
        var meta = new int[persons];
        var regions = BenchmarkPlaces.Regions;
        var last = BenchmarkDates.Count - 1;
        var households = 0;
        var i = 0;
        while (i < persons)
        {
            var size = Math.Min(Sizes[rng.Next(Sizes.Length)], persons - i);
            households++;
            var region = regions[rng.Next(regions.Length)];
            var headDay = last - rng.Next(25 * Year, 86 * Year);
            var headMale = rng.Chance(0.65);
            var headSurname = BenchmarkNames.Surname(rng);
            var family = headSurname;
            Add(i++, region, headDay, headMale, headSurname, Head);
            for (var k = 1; k < size; k++)
            {
                var relation = k == 1 && rng.Chance(0.75) ? Spouse : rng.Next(100) switch
                {
                    < 70 => Child,
                    < 82 => headDay <= last - (50 * Year) ? Grandchild : Child,
                    < 92 => headDay >= last - (60 * Year) ? Parent : Other,
                    _ => Other,
                };
                var (day, male) = relation switch
                {
                    Spouse => (Math.Min(headDay + rng.Next(-5 * Year, 5 * Year), last - (18 * Year)), !headMale),
                    Child => (Math.Min(headDay + rng.Next(20 * Year, 40 * Year), last), rng.Chance(0.5)),
                    Grandchild => (Math.Min(headDay + rng.Next(45 * Year, 65 * Year), last), rng.Chance(0.5)),
                    Parent => (Math.Max(headDay - rng.Next(20 * Year, 35 * Year), 0), rng.Chance(0.5)),
                    _ => (Math.Clamp(headDay + rng.Next(-10 * Year, 20 * Year), 0, last), rng.Chance(0.5)),
                };
                var surname = relation switch
                {
                    Child or Grandchild or Other => rng.Chance(0.9) ? family : BenchmarkNames.Surname(rng),
                    _ => BenchmarkNames.Surname(rng),
                };
                if (relation == Spouse && !headMale && rng.Chance(0.7))
                {
                    family = surname;
                }

                Add(i++, rng.Chance(0.9) ? region : regions[rng.Next(regions.Length)], day, male, surname, relation);
            }
        }

        return new BenchmarkPopulation(keys, meta, households, table);

        void Add(int index, int region, int day, bool male, int surname, int relation)
        {
            keys[index] = NewKey(rng, table, region, day, male);
            var given = BenchmarkNames.GivenName(rng, male, BenchmarkDates.YearOf(day));
            meta[index] = BenchmarkNames.Code(surname, given) | (relation << RelationShift);
        }
    }

    /// <summary>A key not handed out before, for someone born on <paramref name="day"/> in <paramref name="region"/>.</summary>
    public static long NewKey(FastRandom rng, KeySet table, int region, int day, bool male)
    {
        var prefix = (region * 100_000_000_000L) + (BenchmarkDates.YyyyMmDd(day) * 1000L);
        while (true)
        {
            // Sequence 001-999: odd for men, even for women (GB 11643).
            var sequence = male ? (rng.Next(500) * 2) + 1 : rng.Next(1, 500) * 2;
            var key = prefix + sequence;
            if (table.TryAdd(key))
            {
                return key;
            }
        }
    }

    private static byte[] BuildSizes(ReadOnlySpan<int> weights)
    {
        var sizes = new List<byte>();
        for (var i = 0; i < weights.Length; i++)
        {
            sizes.AddRange(Enumerable.Repeat((byte)(i + 1), weights[i]));
        }

        return [.. sizes];
    }
}
