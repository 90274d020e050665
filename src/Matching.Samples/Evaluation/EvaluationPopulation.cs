using Matching.Samples.Names;
using Matching.Samples.Population;

namespace Matching.Samples.Evaluation;

/// <summary>
/// The low-income population of an evaluation set: the sample's households, with many more twins (about one
/// household in a hundred) and no deliberately broken rows, so that every person in lowincome.csv imports.
/// </summary>
internal static class EvaluationPopulation
{
    /// <summary>Twin pairs per household.</summary>
    public const double TwinShare = 0.01;

    public static SamplePopulation Build(EvaluationOptions options, IdAllocator ids)
    {
        var rng = new Random(SampleRandom.Derive(options.Seed, 101));
        var places = new Places(new Random(SampleRandom.Derive(options.Seed, 102)));
        var factory = new HouseholdFactory(rng, places, ids, new NameGenerator(rng));
        var households = new List<Household>(options.Households);
        for (var serial = 1; serial <= options.Households; serial++)
        {
            households.Add(factory.Create(serial));
        }

        var specialRng = new Random(SampleRandom.Derive(options.Seed, 103));
        var special = new SpecialCases(specialRng, ids, new NameGenerator(specialRng), households);
        var twins = special.MakeTwins(Math.Max(1, (int)Math.Round(options.Households * TwinShare)));

        var persons = new List<Person>();
        foreach (var household in households)
        {
            foreach (var member in household.Members)
            {
                member.Person.InDatabase = true;
                persons.Add(member.Person);
            }
        }

        return new SamplePopulation(households, persons, twins, places);
    }
}
