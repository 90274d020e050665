using Matching.Core.Identity;
using Matching.Core.Matching;

namespace Matching.Core.Rules;

/// <summary>A department record as the rules see it: where it came from, what it says, and how it matched.</summary>
/// <param name="Department">Department code (<c>education</c> …).</param>
/// <param name="BatchId">The import batch it belongs to.</param>
/// <param name="SourceRow">The row number a spreadsheet shows.</param>
/// <param name="RawId">The ID cell as typed.</param>
/// <param name="Name">The name cell.</param>
/// <param name="Match">How it matched the low-income population of the run.</param>
/// <param name="Fields">The department's other fields in stored form (amounts invariant, dates yyyy-MM-dd, flags 1/0).</param>
public sealed record RuleRecord(
    string Department, long BatchId, long SourceRow, string RawId, string Name, MatchResult Match,
    IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The ID as the warning shows it: canonical where the cell reads as a valid ID, else the cell trimmed.</summary>
    public string IdText => Match.Parsed.IsValid ? Match.Parsed.Id.Value : RawId.Trim();

    /// <summary>The ID named a database member whose name disagrees.</summary>
    public bool IsNameMismatch => Match.Reason?.StartsWith(MatchResult.NameMismatch, StringComparison.Ordinal) == true;

    /// <summary>A valid ID that is no low-income person (not a name mismatch): someone the database does not cover.</summary>
    public bool IsStranger => Match.Status == MatchStatus.Unmatched && Match.Parsed.IsValid && !IsNameMismatch;

    /// <summary>Whether the record meets the rule's record conditions: its flag set, its listed fields among the listed values.</summary>
    public bool Meets(RuleOptions rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!Flag(rule.RecordFlag))
        {
            return false;
        }

        foreach (var (field, values) in rule.RecordValues)
        {
            if (!Fields.TryGetValue(field, out var value) || !values.Contains(value.Trim(), StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public bool Flag(string field) => field.Length == 0 || (Fields.TryGetValue(field, out var value) && value == "1");
}
