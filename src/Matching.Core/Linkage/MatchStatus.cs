namespace Matching.Core.Linkage;

/// <summary>The outcome of matching one source row (CONTRACT: <c>status</c>).</summary>
public enum MatchStatus : byte
{
    /// <summary>The row is a low-income person.</summary>
    Matched,

    /// <summary>The row has a usable ID but is no low-income person, or the evidence was not enough to decide.</summary>
    Unmatched,

    /// <summary>No usable ID and no fallback found the person.</summary>
    Rejected,
}
