namespace Matching.Core.Population;

/// <summary>
/// What kind of place a household's 镇（街道） is. The housing rule's measure depends on it: in an urban subdistrict
/// (街道), public rental housing or a rent subsidy; in a town (镇) or township (乡), both rural, renovation of unsafe
/// rural housing (policy §住房救助). The one place this is decided, for the rules and the sample generator alike.
/// </summary>
public static class Areas
{
    /// <summary>A town or township (ends in 镇 or 乡); anything else (街道, or an area not given) is read as a subdistrict.</summary>
    public static bool IsTown(string area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return area.EndsWith('镇') || area.EndsWith('乡');
    }

    /// <summary>The kind of the area as the warnings name it: 镇, 乡 or 街道.</summary>
    public static string KindOf(string area) => !IsTown(area) ? "街道" : area.EndsWith('乡') ? "乡" : "镇";
}
