namespace Matching.Core.Population;

/// <summary>
/// Which persons a file's rows can touch when matched: ID keys (as typed, or one-slip corrections), 14-digit blocks
/// (region and birth date that survived) and birth dates (from a birth-date column). Gathered from the file without
/// the population (<see cref="Linkage.Matcher.Gather"/>), then answered by the database in one set-based query, so
/// that a population too large for memory is never loaded whole: an index of just these persons matches every row
/// exactly as the whole population would.
/// </summary>
public sealed class PopulationNeeds
{
    /// <summary>ID keys to look up (<see cref="Identity.IdNumber.Key"/>).</summary>
    public HashSet<long> Keys { get; } = [];

    /// <summary>Blocks by the first 14 digits of the ID (region and birth date): the key divided by 1,000.</summary>
    public HashSet<long> Prefixes { get; } = [];

    /// <summary>Birth dates as yyyymmdd: everyone born on one.</summary>
    public HashSet<int> BirthDates { get; } = [];

    /// <summary>How many look-ups of each kind, for a progress line.</summary>
    public override string ToString() => $"{Keys.Count} keys, {Prefixes.Count} blocks, {BirthDates.Count} birth dates";
}
