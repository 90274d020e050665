using System.Text;
using Matching.Samples.Names;

namespace Matching.Samples.Benchmark;

/// <summary>
/// Names of the benchmark data as small codes (surname index, given-name index) and their UTF-8 bytes, so that a
/// million names cost no strings: a one-character surname, weighted as <see cref="NameData"/> weighs it, and a
/// one- or two-character given name in the fashion of the birth decade (2-3 characters in all).
/// </summary>
internal static class BenchmarkNames
{
    /// <summary>Longest name in UTF-8: three CJK characters of three bytes.</summary>
    public const int MaxBytes = 9;

    public const int GivenBits = 8;

    private static readonly byte[][] Surnames;
    private static readonly byte[][] Given;

    /// <summary>Surname index by a uniform draw below the total weight.</summary>
    private static readonly byte[] SurnameDraw;

    /// <summary>(start, count) in <see cref="Given"/> of the six pools: old, middle-aged, young × male, female.</summary>
    private static readonly (int Start, int Count)[] Pools;

    static BenchmarkNames()
    {
        var surnames = new List<byte[]>();
        var draw = new List<byte>();
        for (var i = 0; i < NameData.Surnames.Length; i++)
        {
            if (NameData.Surnames[i].Length != 1)
            {
                continue;
            }

            for (var w = 0; w < NameData.SurnameWeights[i]; w++)
            {
                draw.Add((byte)surnames.Count);
            }

            surnames.Add(Encoding.UTF8.GetBytes(NameData.Surnames[i]));
        }

        Surnames = [.. surnames];
        SurnameDraw = [.. draw];

        string[][] pools = [NameData.MaleOld, NameData.FemaleOld, NameData.MaleMid, NameData.FemaleMid, NameData.MaleYoung, NameData.FemaleYoung];
        var given = new List<byte[]>();
        Pools = new (int, int)[pools.Length];
        for (var p = 0; p < pools.Length; p++)
        {
            Pools[p] = (given.Count, pools[p].Length);
            given.AddRange(pools[p].Select(Encoding.UTF8.GetBytes));
        }

        Given = [.. given];
        if (Given.Length >= 1 << GivenBits)
        {
            throw new InvalidOperationException("Too many given names for the name code.");
        }
    }

    /// <summary>A surname index.</summary>
    public static int Surname(FastRandom rng) => SurnameDraw[rng.Next(SurnameDraw.Length)];

    /// <summary>A given-name index for someone born in <paramref name="year"/>.</summary>
    public static int GivenName(FastRandom rng, bool male, int year)
    {
        var era = year < 1965 ? 0 : year < 1995 ? 2 : 4;
        var (start, count) = Pools[era + (male ? 0 : 1)];
        return start + rng.Next(count);
    }

    /// <summary>The code of a name: given index in the low bits, surname index above.</summary>
    public static int Code(int surname, int given) => (surname << GivenBits) | given;

    public static int SurnameOf(int code) => code >> GivenBits;

    /// <summary>Writes the UTF-8 bytes of a name code; returns their length.</summary>
    public static int Write(int code, Span<byte> dest)
    {
        var surname = Surnames[code >> GivenBits];
        var given = Given[code & ((1 << GivenBits) - 1)];
        surname.CopyTo(dest);
        given.CopyTo(dest[surname.Length..]);
        return surname.Length + given.Length;
    }

    /// <summary>The name of a code as text (for the few damaged rows that need a string).</summary>
    public static string Text(int code)
    {
        Span<byte> bytes = stackalloc byte[MaxBytes];
        return Encoding.UTF8.GetString(bytes[..Write(code, bytes)]);
    }
}
