namespace Matching.Core.Rules;

/// <summary>
/// The shapes a warning rule can take (their names in <c>rules.json</c>: <see cref="RuleShapeText"/>). A shape is code; a rule is configuration (<see cref="RuleOptions"/>): a new
/// rule of an existing shape (another department, category set, aid or threshold) needs no code.
/// </summary>
public enum RuleShape
{
    /// <summary>A department record matched to a low-income member: optional category, record-flag and missing-aid conditions.</summary>
    MatchedRecord,

    /// <summary>A department record with a valid ID that is not in the low-income database (optionally only when a flag is set).</summary>
    UnmatchedRecord,

    /// <summary>Per-person sum of an amount over the months before the run date reaching a threshold; for members or for strangers.</summary>
    Spending,

    /// <summary>A household's members' spending over the months before the run date reaching a share of its annual income (刚性支出).</summary>
    HouseholdSpending,

    /// <summary>A household flagged 住房困难 in the database, in the rule's categories, not receiving housing aid.</summary>
    Housing,

    /// <summary>The same person in two households of the database, or in categories that exclude each other.</summary>
    DuplicateAid,

    /// <summary>A record whose ID cannot be made valid and that no fallback found: back to the source department.</summary>
    IdInvalid,

    /// <summary>A record whose ID is in the database under another name: back to the source department.</summary>
    IdNameMismatch,

    /// <summary>A household with warnings of several distinct codes (困难情形复杂).</summary>
    ComplexCase,
}

/// <summary>A <see cref="RuleShape"/> as <c>rules.json</c> writes it (<c>matched_record</c> …).</summary>
public static class RuleShapeText
{
    private static readonly string[] Names =
        ["matched_record", "unmatched_record", "spending", "household_spending", "housing", "duplicate_aid", "id_invalid", "id_name_mismatch", "complex_case"];

    /// <summary>Every shape's name, in declaration order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The shape's name in <c>rules.json</c>.</summary>
    public static string Text(this RuleShape shape) => Names[(int)shape];

    /// <summary>Reads a shape's name; false for any other text.</summary>
    public static bool TryParse(string? text, out RuleShape shape)
    {
        var index = Array.IndexOf(Names, text);
        shape = index < 0 ? default : (RuleShape)index;
        return index >= 0;
    }
}
