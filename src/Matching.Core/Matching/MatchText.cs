namespace Matching.Core.Matching;

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
}
