namespace Matching.Samples.Population;

/// <summary>One row of lowincome.csv: a person in a household, with the relation to its head (与户主关系).</summary>
internal sealed class SampleMember(Person person, string relation)
{
    public Person Person { get; } = person;

    /// <summary>户主, 配偶, 子女, 父母, 孙子女 or 其他.</summary>
    public string Relation { get; } = relation;

    /// <summary>An invalid ID written instead of the person's own (wrong check character), so the importer rejects the row.</summary>
    public string? BadId { get; set; }

    /// <summary>The name as the civil-affairs system lists it, where it differs from the person's (a minority name without its dot).</summary>
    public string? ListedName { get; set; }
}
