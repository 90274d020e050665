namespace Matching.Core.Population;

/// <summary>The stable lower-case codes stored in the database and shown in reports for categories and aid.</summary>
public static class Codes
{
    public static IEnumerable<(AidCategory Category, string Code)> Categories { get; } =
    [
        (AidCategory.Dibao, "dibao"), (AidCategory.Tekun, "tekun"), (AidCategory.Fanpin, "fanpin"),
        (AidCategory.Bianyuan, "bianyuan"), (AidCategory.Gangxing, "gangxing"), (AidCategory.Other, "other"),
    ];

    public static IEnumerable<(AidType Aid, string Code)> Aid { get; } =
    [
        (AidType.Medical, "medical"), (AidType.Education, "education"), (AidType.Employment, "employment"),
        (AidType.Housing, "housing"), (AidType.DisabilitySubsidy, "disability_subsidy"), (AidType.Temporary, "temporary"),
    ];

    public static AidCategory CategoryOf(string code)
    {
        foreach (var (category, c) in Categories)
        {
            if (c == code)
            {
                return category;
            }
        }

        return AidCategory.None;
    }

    public static AidType AidOf(string code)
    {
        foreach (var (aid, c) in Aid)
        {
            if (c == code)
            {
                return aid;
            }
        }

        return AidType.None;
    }
}
