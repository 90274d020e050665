namespace Matching.Core.Rules;

/// <summary>
/// The shapes a warning rule can take. A shape is code; a rule is configuration (<see cref="RuleOptions"/>): a new
/// rule of an existing shape (another department, category set, aid or threshold) needs no code.
/// </summary>
public static class RuleShape
{
    /// <summary>A department record matched to a low-income member: optional category, record-flag and missing-aid conditions.</summary>
    public const string MatchedRecord = "matched_record";

    /// <summary>A department record with a valid ID that is not in the low-income database (optionally only when a flag is set).</summary>
    public const string UnmatchedRecord = "unmatched_record";

    /// <summary>Per-person sum of an amount over the months before the run date reaching a threshold; for members or for strangers.</summary>
    public const string Spending = "spending";

    /// <summary>A household's members' spending over the months before the run date reaching a share of its annual income (刚性支出).</summary>
    public const string HouseholdSpending = "household_spending";

    /// <summary>A household flagged 住房困难 in the database, in the rule's categories, not receiving housing aid.</summary>
    public const string Housing = "housing";

    /// <summary>The same person in two households of the database, or in categories that exclude each other.</summary>
    public const string DuplicateAid = "duplicate_aid";

    /// <summary>A record whose ID cannot be made valid and that no fallback found: back to the source department.</summary>
    public const string IdInvalid = "id_invalid";

    /// <summary>A record whose ID is in the database under another name: back to the source department.</summary>
    public const string IdNameMismatch = "id_name_mismatch";

    /// <summary>A household with warnings of several distinct codes (困难情形复杂).</summary>
    public const string ComplexCase = "complex_case";

    public static IReadOnlyList<string> All { get; } =
        [MatchedRecord, UnmatchedRecord, Spending, HouseholdSpending, Housing, DuplicateAid, IdInvalid, IdNameMismatch, ComplexCase];
}
