namespace Matching.Samples;

/// <summary>
/// The fixed "today" of the sample data, so that a seed gives the same files on any day: ages, school grades,
/// registration and visit dates are all relative to 2026-11-28.
/// </summary>
internal static class SampleDates
{
    public static readonly DateOnly Reference = new(2026, 11, 28);

    /// <summary>Start of the twelve months before <see cref="Reference"/> (the spending-surge window).</summary>
    public static readonly DateOnly YearAgo = Reference.AddYears(-1).AddDays(1);

    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        return on < birth.AddYears(age) ? age - 1 : age;
    }

    public static int Age(DateOnly birth) => AgeOn(birth, Reference);

    /// <summary>A birth date of someone aged <paramref name="minAge"/> to <paramref name="maxAge"/> on the reference date.</summary>
    public static DateOnly BirthForAge(Random rng, int minAge, int maxAge)
    {
        var earliest = Reference.AddYears(-(maxAge + 1)).AddDays(1);
        var latest = Reference.AddYears(-minAge);
        return rng.Date(earliest, latest);
    }

    /// <summary>A birth date <paramref name="minYears"/> to <paramref name="maxYears"/> after <paramref name="parent"/>, never after today.</summary>
    public static DateOnly BirthAfter(Random rng, DateOnly parent, int minYears, int maxYears)
    {
        var earliest = parent.AddYears(minYears);
        var latest = parent.AddYears(maxYears);
        if (latest > Reference)
        {
            latest = Reference;
        }

        return earliest >= latest ? latest : rng.Date(earliest, latest);
    }
}
