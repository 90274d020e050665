namespace Matching.Samples;

/// <summary>
/// Small helpers over <see cref="Random"/>. Every generator gets its own <c>new Random(seed)</c>, so the output
/// depends on the seed alone; nothing here reads a clock or enumerates a hash set.
/// </summary>
internal static class SampleRandom
{
    /// <summary>A seed for one part of the output, derived from the user's seed and a fixed salt.</summary>
    public static int Derive(int seed, int salt) => unchecked((seed * 1_000_003) + (salt * 7_919));

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>An index into <paramref name="weights"/>, each chosen in proportion to its weight.</summary>
    public static int Weighted(this Random rng, ReadOnlySpan<int> weights)
    {
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        var roll = rng.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>A day from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static DateOnly Date(this Random rng, DateOnly from, DateOnly to) =>
        from.AddDays(rng.Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>An amount of yuan from <paramref name="min"/> to <paramref name="max"/>, in fen.</summary>
    public static decimal Yuan(this Random rng, int min, int max) => rng.Next(min * 100, (max * 100) + 1) / 100m;

    /// <summary>Shuffles the list in place (Fisher-Yates, deterministic for a seed).</summary>
    public static void ShuffleList<T>(this Random rng, List<T> items) =>
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items));
}
