namespace Matching.Samples.Benchmark;

/// <summary>
/// SplitMix64: a small, fast random source for the benchmark data (millions of draws), deterministic for a seed
/// on every platform and .NET version. Not for anything but synthetic data.
/// </summary>
internal sealed class FastRandom(int seed, int salt)
{
    private ulong _state = unchecked(((ulong)(uint)seed << 32) ^ (uint)SampleRandom.Derive(seed, salt) ^ 0x2545F4914F6CDD1DUL);

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>0 to <paramref name="max"/> − 1 (Lemire's multiply-shift; the bias is below 2^-32).</summary>
    public int Next(int max) => (int)(((NextUInt64() >> 32) * (ulong)(uint)max) >> 32);

    /// <summary><paramref name="min"/> to <paramref name="max"/> − 1.</summary>
    public int Next(int min, int max) => min + Next(max - min);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;
}
