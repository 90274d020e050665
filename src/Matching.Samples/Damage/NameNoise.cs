namespace Matching.Samples.Damage;

/// <summary>
/// Harmless noise in a name cell, as departments type names: a space padding a two-character name (王 芳),
/// a full-width space, a trailing space. Name comparison ignores all of it.
/// </summary>
internal static class NameNoise
{
    public static string Apply(string name, Random rng) => rng.Next(4) switch
    {
        0 when name.Length == 2 => string.Concat(name.AsSpan(0, 1), " ", name.AsSpan(1)),
        1 when name.Length >= 2 => string.Concat(name.AsSpan(0, 1), "\u3000", name.AsSpan(1)),
        2 => name + " ",
        _ => " " + name,
    };
}
