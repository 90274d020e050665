using Matching.Core.Identity;

namespace Matching.Samples.Population;

/// <summary>A synthetic person: a low-income household member or a stranger known only to a department.</summary>
internal sealed class Person
{
    private IdNumber _id;

    public Person(string name, IdNumber id)
    {
        Name = name;
        Id = id;
    }

    public string Name { get; set; }

    public IdNumber Id
    {
        get => _id;
        set
        {
            _id = value;
            IdText = value.Value;
        }
    }

    /// <summary>The canonical 18 characters, kept so that writing rows does not rebuild them.</summary>
    public string IdText { get; private set; } = string.Empty;

    public DateOnly Birth => Id.BirthDate;

    public bool IsMale => Id.IsMale;

    public int Age => SampleDates.Age(Birth);

    /// <summary>The household the person first belongs to; null for strangers.</summary>
    public SampleHousehold? Household { get; set; }

    /// <summary>是否重病 in the low-income database.</summary>
    public bool SeriousIllness { get; set; }

    /// <summary>是否重度残疾 in the low-income database.</summary>
    public bool SevereDisability { get; set; }

    /// <summary>True when the person is in lowincome.csv under a valid ID, so the importer keeps them.</summary>
    public bool InDatabase { get; set; }

    /// <summary>The twin born the same day in the same place (sequence numbers one apart), if any.</summary>
    public Person? Twin { get; set; }

    /// <summary>Listed in two households or under two exclusive categories: kept out of ID damage and twins.</summary>
    public bool IsSpecial { get; set; }

    public override string ToString() => Id.Masked;
}
