using Matching.Samples.Extracts;

namespace Matching.Samples.Damage;

/// <summary>
/// Chooses which rows of a shuffled extract get which ID damage: about a quarter of the rows, every kind at
/// least once, each kind only on rows it can apply to (an x only where the check character is X, …).
/// </summary>
internal static class DamagePlanner
{
    // Restrictive kinds first, so that they find their few eligible rows before the common kinds take them.
    internal static readonly (DamageKind Kind, int Weight)[] Mix =
    [
        (DamageKind.LowercaseX, 5),
        (DamageKind.Id15, 7),
        (DamageKind.TruncatedZeros, 6),
        (DamageKind.TrailingDot0, 8),
        (DamageKind.Spaces, 18),
        (DamageKind.Apostrophe, 12),
        (DamageKind.FullWidth, 8),
        (DamageKind.Scientific, 8),
        (DamageKind.Substitution, 10),
        (DamageKind.Swap, 7),
        (DamageKind.Empty, 6),
    ];

    public static void Plan(List<ExtractRow> rows, Random rng, double share)
    {
        var damaged = (int)Math.Round(rows.Count * share);
        var totalWeight = 0;
        foreach (var (_, weight) in Mix)
        {
            totalWeight += weight;
        }

        var candidates = new List<ExtractRow>();
        foreach (var (kind, weight) in Mix)
        {
            var quota = Math.Max(1, (int)Math.Round(damaged * (double)weight / totalWeight));
            candidates.Clear();
            foreach (var row in rows)
            {
                if (row.Damage == DamageKind.None && IdDamage.Applies(kind, row.Subject.Id, row.Subject.IdText))
                {
                    candidates.Add(row);
                }
            }

            // A partial Fisher-Yates: the first quota candidates after it are a uniform random choice.
            for (var i = 0; i < quota && i < candidates.Count; i++)
            {
                var j = rng.Next(i, candidates.Count);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
                candidates[i].Damage = kind;
            }
        }
    }
}
