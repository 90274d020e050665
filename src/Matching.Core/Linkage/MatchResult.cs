using Matching.Core.Identity;

namespace Matching.Core.Linkage;

/// <summary>The match of one source row against the low-income population.</summary>
/// <param name="Status">matched, unmatched or rejected.</param>
/// <param name="Method">How it matched; <see cref="MatchMethod.None"/> unless matched.</param>
/// <param name="Person">Index into the <see cref="Population.PopulationIndex"/>, or -1.</param>
/// <param name="Confidence">0 to 1: how sure the matcher is that this person is the one the row means.</param>
/// <param name="Reason">Why, where not exact; IDs in it are masked. Null for a plain exact match.</param>
/// <param name="Parsed">What the row's ID cell was.</param>
/// <param name="Miss">Why the row is not matched; <see cref="MatchMiss.None"/> when it is. Decide on this, never on
/// <paramref name="Reason"/>'s text.</param>
public readonly record struct MatchResult(
    MatchStatus Status, MatchMethod Method, int Person, double Confidence, string? Reason, IdParseResult Parsed, MatchMiss Miss = MatchMiss.None)
{
    public bool IsMatched => Status == MatchStatus.Matched;

    /// <summary>The start of <see cref="Reason"/> for an ID found under another name (CONTRACT.md: <c>name_mismatch</c>).</summary>
    public const string NameMismatch = "name_mismatch";
}

/// <summary>Why a row is not matched (<see cref="MatchResult.Miss"/>); the text of the CSV's <c>reason</c> says it for people.</summary>
public enum MatchMiss : byte
{
    /// <summary>Matched.</summary>
    None,

    /// <summary>A valid ID that is no one in the low-income database.</summary>
    NotInDatabase,

    /// <summary>A valid ID in the database under another name (raises ID_NAME_MISMATCH).</summary>
    NameMismatch,

    /// <summary>Several persons fit (twins one slip apart, two readings, a name shared in a birth-date block).</summary>
    Ambiguous,

    /// <summary>One person fits a repaired ID, but the row has no name to confirm it.</summary>
    NoNameToConfirm,

    /// <summary>One person fits a repaired ID, but the names disagree.</summary>
    NameDisagrees,

    /// <summary>No usable ID, and no repair or fallback led to anyone (status rejected).</summary>
    Unusable,
}
