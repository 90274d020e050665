using Matching.Core.Identity;

namespace Matching.Core.Matching;

/// <summary>The match of one source row against the low-income population.</summary>
/// <param name="Status">matched, unmatched or rejected.</param>
/// <param name="Method">How it matched; <see cref="MatchMethod.None"/> unless matched.</param>
/// <param name="Person">Index into the <see cref="Population.PopulationIndex"/>, or -1.</param>
/// <param name="Confidence">0 to 1: how sure the matcher is that this person is the one the row means.</param>
/// <param name="Reason">Why, where not exact; IDs in it are masked. Null for a plain exact match.</param>
/// <param name="Parsed">What the row's ID cell was.</param>
public readonly record struct MatchResult(
    MatchStatus Status, MatchMethod Method, int Person, double Confidence, string? Reason, IdParseResult Parsed)
{
    public bool IsMatched => Status == MatchStatus.Matched;

    /// <summary>The reason prefix for an ID found under another name (raises ID_NAME_MISMATCH).</summary>
    public const string NameMismatch = "name_mismatch";
}
