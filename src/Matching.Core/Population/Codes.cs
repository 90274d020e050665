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

    // Six flags each: every combination's text is made once, so storing a million members builds no strings.
    private static readonly string[] CategoryTexts = [.. Enumerable.Range(0, 64).Select(i => Join(Categories, (AidCategory)i))];
    private static readonly string[] AidTexts = [.. Enumerable.Range(0, 64).Select(i => Join(Aid, (AidType)i))];

    /// <summary>Categories as stored: their codes, comma-separated, in a fixed order (<c>dibao,tekun</c>).</summary>
    public static string CategoryText(AidCategory categories) => CategoryTexts[(int)categories & 63];

    /// <summary>Aid as stored: its codes, comma-separated, in a fixed order (<c>medical,housing</c>).</summary>
    public static string AidText(AidType aid) => AidTexts[(int)aid & 63];

    public static AidCategory ParseCategories(string text) => Parse(Categories, text);

    public static AidType ParseAid(string text) => Parse(Aid, text);

    private static string Join<T>(IEnumerable<(T Flag, string Code)> codes, T value)
        where T : struct, Enum
    {
        var bits = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        if (bits == 0)
        {
            return string.Empty;
        }

        var parts = new List<string>(2);
        foreach (var (flag, code) in codes)
        {
            if ((bits & Convert.ToInt32(flag, System.Globalization.CultureInfo.InvariantCulture)) != 0)
            {
                parts.Add(code);
            }
        }

        return string.Join(',', parts);
    }

    private static T Parse<T>(IEnumerable<(T Flag, string Code)> codes, string text)
        where T : struct, Enum
    {
        var bits = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var (flag, code) in codes)
            {
                if (code == part)
                {
                    bits |= Convert.ToInt32(flag, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return (T)Enum.ToObject(typeof(T), bits);
    }
}
