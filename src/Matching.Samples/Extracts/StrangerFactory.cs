using Matching.Samples.Names;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>
/// Synthetic persons known to a department but not in the low-income database: same region codes, IDs unique
/// across the whole sample, so a stranger can never match a member by accident.
/// </summary>
internal sealed class StrangerFactory(IdAllocator ids)
{
    private static readonly DateOnly LastOldStyle = new(1999, 12, 31);

    /// <summary>A stranger aged <paramref name="minAge"/> to <paramref name="maxAge"/>.</summary>
    /// <param name="rng">The random source of the calling extract.</param>
    /// <param name="minAge">Youngest age on the reference date.</param>
    /// <param name="maxAge">Oldest age on the reference date.</param>
    /// <param name="oldRegion">Force the old code 410881 and a birth before 2000, so the 15-digit form exists.</param>
    public Person Create(Random rng, int minAge, int maxAge, bool oldRegion = false)
    {
        var birth = SampleDates.BirthForAge(rng, minAge, maxAge);
        if (oldRegion && birth > LastOldStyle)
        {
            birth = LastOldStyle.AddDays(-rng.Next(365 * 5));
        }

        var male = rng.Chance(0.5);
        var region = oldRegion ? IdAllocator.JiyuanOld : IdAllocator.RegionFor(rng, birth);
        var id = ids.Allocate(rng, region, birth, male);
        var names = new NameGenerator(rng);
        var name = rng.Chance(0.004) ? names.Minority(male) : names.Full(male, birth.Year);
        return new Person(name, id);
    }

    /// <summary>A patient's age: mostly middle-aged and old, some children and young adults.</summary>
    public Person CreatePatient(Random rng) =>
        rng.Chance(0.7) ? Create(rng, 40, 92) : Create(rng, 0, 39);
}
