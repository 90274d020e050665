namespace Matching.Samples.Population;

/// <summary>The generated low-income population, with the deliberate special cases the extracts and tests use.</summary>
internal sealed class SamplePopulation(
    List<SampleHousehold> households, List<Person> persons, List<(Person A, Person B)> twins, Places places)
{
    /// <summary>Households in the order lowincome.csv lists them.</summary>
    public List<SampleHousehold> Households { get; } = households;

    /// <summary>Distinct persons, in the order of their first row.</summary>
    public List<Person> Persons { get; } = persons;

    /// <summary>Twin pairs: two children of one household, same birth date and region, sequences one apart.</summary>
    public List<(Person A, Person B)> Twins { get; } = twins;

    public Places Places { get; } = places;

    /// <summary>Persons the importer keeps (a valid ID on at least one row): the ones extracts may match.</summary>
    public List<Person> Active { get; } = persons.Where(p => p.InDatabase).ToList();

    public int RowCount => Households.Sum(h => h.Members.Count);
}
