using Matching.Samples.Names;
using Matching.Samples.Population;

namespace Matching.Samples.Evaluation;

/// <summary>
/// The low-income population of an evaluation set: the sample's households, with many more twins (about one
/// household in a hundred) and minority names (one household in fifty, against the sample's one in 250: enough
/// rows for every way of writing their separator), and no deliberately broken rows, so that every person in
/// lowincome.csv imports.
/// </summary>
internal static class EvaluationPopulation
{
    /// <summary>Twin pairs per household.</summary>
    public const double TwinShare = 0.01;

    /// <summary>Households whose members carry minority names (本名·父名).</summary>
    public const double MinorityShare = 0.02;

    public static SamplePopulation Build(EvaluationOptions options, IdAllocator ids)
    {
        var rng = new Random(SampleRandom.Derive(options.Seed, 101));
        var places = new Places(new Random(SampleRandom.Derive(options.Seed, 102)));
        var factory = new HouseholdFactory(rng, places, ids, new NameGenerator(rng));
        var households = new List<SampleHousehold>(options.Households);
        for (var serial = 1; serial <= options.Households; serial++)
        {
            households.Add(factory.Create(serial));
        }

        var minorityRng = new Random(SampleRandom.Derive(options.Seed, 105));
        GiveMinorityNames(households, (int)Math.Round(options.Households * MinorityShare), minorityRng);

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

    /// <summary>
    /// Renames every member of <paramref name="count"/> households drawn at random to a minority name, as
    /// <see cref="HouseholdFactory"/> names a minority household: children and grandchildren carry the father's own
    /// name after the dot.
    /// </summary>
    private static void GiveMinorityNames(List<SampleHousehold> households, int count, Random rng)
    {
        var names = new NameGenerator(rng);
        var candidates = households.Where(h => !NameVariants.IsMinority(h.Head.Name)).ToList();
        rng.ShuffleList(candidates);
        foreach (var household in candidates.Take(count))
        {
            string? father = null;
            foreach (var member in household.Members.Where(m => m.Relation is "户主" or "配偶"))
            {
                member.Person.Name = names.Minority(member.Person.IsMale);
                father = member.Person.IsMale ? NameGenerator.OwnPart(member.Person.Name) : father;
            }

            foreach (var member in household.Members.Where(m => m.Relation is not ("户主" or "配偶")))
            {
                var child = member.Relation is "子女" or "孙子女";
                member.Person.Name = names.Minority(member.Person.IsMale, child ? father : null);
            }
        }
    }
}
