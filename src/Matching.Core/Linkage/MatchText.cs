namespace Matching.Core.Linkage;

/// <summary>The words the match result CSV uses for statuses and methods (CONTRACT.md).</summary>
public static class MatchText
{
    public static string Of(MatchStatus status) => status switch
    {
        MatchStatus.Matched => "matched",
        MatchStatus.Unmatched => "unmatched",
        MatchStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Of(MatchMethod method) => method switch
    {
        MatchMethod.None => string.Empty,
        MatchMethod.Exact => "exact",
        MatchMethod.Normalized => "normalized",
        MatchMethod.Upgraded15 => "upgraded15",
        MatchMethod.Corrected => "corrected",
        MatchMethod.NameBirthdate => "name_birthdate",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>
    /// A stored method word (<see cref="Of(MatchMethod)"/>) in the Chinese a department clerk reads in a workbook's
    /// 匹配方式; empty for none (a warning not about a matched record), an unknown word as it is.
    /// </summary>
    public static string Chinese(string? method) => method switch
    {
        null or "" => string.Empty,
        "exact" => "身份证号一致",
        "normalized" => "身份证号整理格式后一致",
        "upgraded15" => "15位身份证号升级为18位后一致",
        "corrected" => "身份证号纠正录入错误后一致（姓名相符）",
        "name_birthdate" => "按姓名和出生日期确认",
        _ => method,
    };

    /// <summary><see cref="Of(MatchStatus)"/> as UTF-8, for writers that take bytes.</summary>
    public static ReadOnlySpan<byte> Utf8(MatchStatus status) => status switch
    {
        MatchStatus.Matched => "matched"u8,
        MatchStatus.Unmatched => "unmatched"u8,
        MatchStatus.Rejected => "rejected"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary><see cref="Of(MatchMethod)"/> as UTF-8, for writers that take bytes.</summary>
    public static ReadOnlySpan<byte> Utf8(MatchMethod method) => method switch
    {
        MatchMethod.None => [],
        MatchMethod.Exact => "exact"u8,
        MatchMethod.Normalized => "normalized"u8,
        MatchMethod.Upgraded15 => "upgraded15"u8,
        MatchMethod.Corrected => "corrected"u8,
        MatchMethod.NameBirthdate => "name_birthdate"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
