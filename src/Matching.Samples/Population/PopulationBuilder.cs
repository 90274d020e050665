using Matching.Samples.Damage;
using Matching.Samples.Names;

namespace Matching.Samples.Population;

/// <summary>Builds the low-income population for a seed: households, then twins, duplicates and invalid IDs.</summary>
internal static class PopulationBuilder
{
    /// <summary>Twin pairs for 3,000 households.</summary>
    private const int TwinPairs = 20;

    /// <summary>Rows whose ID has a wrong check character, so the importer rejects them.</summary>
    private const int InvalidIds = 5;

    public static SamplePopulation Build(SampleOptions options, IdAllocator ids)
    {
        var rng = new Random(options.Seed);
        var places = new Places(new Random(SampleRandom.Derive(options.Seed, 1)));
        var names = new NameGenerator(rng);
        var factory = new HouseholdFactory(rng, places, ids, names);
        var households = new List<SampleHousehold>(options.Households);
        for (var serial = 1; serial <= options.Households; serial++)
        {
            households.Add(factory.Create(serial));
        }

        var specialRng = new Random(SampleRandom.Derive(options.Seed, 2));
        var special = new SpecialCases(specialRng, ids, new NameGenerator(specialRng), households);
        var pairs = Math.Max(2, (int)Math.Round(TwinPairs * options.Households / 3000.0));
        var twins = special.MakeTwins(pairs);
        special.MakeDuplicateAid();
        special.MakeInvalidIds(InvalidIds);
        ListWithoutSeparator(households, new Random(SampleRandom.Derive(options.Seed, 5)));

        var persons = new List<Person>();
        var seen = new HashSet<Person>();
        foreach (var household in households)
        {
            foreach (var member in household.Members)
            {
                if (seen.Add(member.Person))
                {
                    persons.Add(member.Person);
                }

                member.Person.InDatabase |= member.BadId is null;
            }
        }

        return new SamplePopulation(households, persons, twins, places);
    }

    /// <summary>
    /// Households of a town whose civil-affairs system cannot store the middle dot: their minority members are listed
    /// as 阿依努尔艾山 while departments write 阿依努尔·艾山. A stream of its own, so nothing else changes.
    /// </summary>
    private static void ListWithoutSeparator(List<SampleHousehold> households, Random rng)
    {
        var minority = households.Where(h => NameForms.IsMinority(h.Head.Name)).ToList();
        rng.ShuffleList(minority);
        foreach (var household in minority.Take(Math.Max(1, minority.Count / 4)))
        {
            foreach (var member in household.Members)
            {
                member.ListedName = NameForms.IsMinority(member.Person.Name) ? NameForms.WithoutSeparator(member.Person.Name) : null;
            }
        }
    }
}
