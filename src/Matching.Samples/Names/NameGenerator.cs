namespace Matching.Samples.Names;

/// <summary>Synthetic personal names (姓名): never a real person's on purpose, plausible for the birth decade.</summary>
internal sealed class NameGenerator(Random rng)
{
    public string Surname() => NameData.Surnames[rng.Weighted(NameData.SurnameWeights)];

    /// <summary>A given name of one or two characters, in the fashion of <paramref name="birthYear"/>.</summary>
    public string Given(bool male, int birthYear)
    {
        var pool = (birthYear, male) switch
        {
            ( < 1965, true) => NameData.MaleOld,
            ( < 1965, false) => NameData.FemaleOld,
            ( < 1995, true) => NameData.MaleMid,
            ( < 1995, false) => NameData.FemaleMid,
            (_, true) => NameData.MaleYoung,
            _ => NameData.FemaleYoung,
        };
        return rng.Pick(pool);
    }

    /// <summary>A full name; <paramref name="surname"/> given to keep a family's surname.</summary>
    public string Full(bool male, int birthYear, string? surname = null) =>
        string.Concat(surname ?? Surname(), Given(male, birthYear));

    /// <summary>A minority name 本名·父名: the father's own name (his part before the dot) follows the dot.</summary>
    public string Minority(bool male, string? fatherGiven = null) =>
        string.Concat(MinorityGiven(male), NameData.MiddleDot, fatherGiven ?? MinorityGiven(male: true));

    /// <summary>The part of a minority name before the dot, or null for an ordinary name.</summary>
    public static string? OwnPart(string name)
    {
        var dot = name.IndexOf(NameData.MiddleDot, StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : null;
    }

    /// <summary>The surname of an ordinary name (two characters for 欧阳, 司马 …); null for a minority name.</summary>
    public static string? SurnameOf(string name)
    {
        if (OwnPart(name) is not null)
        {
            return null;
        }

        foreach (var surname in NameData.Surnames)
        {
            if (surname.Length == 2 && name.StartsWith(surname, StringComparison.Ordinal))
            {
                return surname;
            }
        }

        return name[..1];
    }

    private string MinorityGiven(bool male) => rng.Pick(male ? NameData.MinorityMale : NameData.MinorityFemale);
}
