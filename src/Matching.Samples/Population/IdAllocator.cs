using Matching.Core.Identity;

namespace Matching.Samples.Population;

/// <summary>
/// Hands out synthetic resident IDs, each at most once across the whole sample (population and strangers), with
/// the sequence digits odd for men and even for women as GB 11643 says.
/// </summary>
internal sealed class IdAllocator
{
    /// <summary>Jiyuan's code since it became a provincial-level city (济源示范区).</summary>
    public const int Jiyuan = 419001;

    /// <summary>The old code from when Jiyuan was a county-level city of Jiaozuo; older IDs still carry it.</summary>
    public const int JiyuanOld = 410881;

    private readonly HashSet<long> _used = [];

    /// <summary>The 17-digit key of an ID: region, birth date, sequence.</summary>
    public static long KeyOf(int region, DateOnly birth, int sequence) =>
        (region * 100_000_000_000L) + (birth.Year * 10_000_000L) + (birth.Month * 100_000L) + (birth.Day * 1000L) + sequence;

    public static int SequenceOf(IdNumber id) => (int)(id.Key % 1000);

    /// <summary>
    /// The region code of someone born on <paramref name="birth"/>: mostly 419001; the old 410881 for about a
    /// fifth of those born before 1998 (and rarely later), about 15% of a low-income population.
    /// </summary>
    public static int RegionFor(Random rng, DateOnly birth) =>
        rng.Chance(birth.Year < 1998 ? 0.21 : 0.02) ? JiyuanOld : Jiyuan;

    /// <summary>A fresh ID for a person born in <paramref name="region"/> on <paramref name="birth"/>.</summary>
    public IdNumber Allocate(Random rng, int region, DateOnly birth, bool male)
    {
        while (true)
        {
            var sequence = male ? (rng.Next(0, 500) * 2) + 1 : rng.Next(1, 500) * 2;
            var key = KeyOf(region, birth, sequence);
            if (_used.Add(key))
            {
                return IdNumber.FromKey(key);
            }
        }
    }

    /// <summary>Claims a given key; false when it is already taken.</summary>
    public bool TryClaim(long key) => _used.Add(key);

    public void Release(long key) => _used.Remove(key);
}
