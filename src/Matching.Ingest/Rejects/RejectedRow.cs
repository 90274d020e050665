using Matching.Core.Identity;

namespace Matching.Ingest.Rejects;

/// <summary>One row that was not loaded: where it is, which column, the value (masked) and why.</summary>
public sealed record RejectedRow(long SourceRow, string Column, string MaskedValue, RejectReason Reason, string Detail)
{
    /// <value>For an ID problem, what is wrong with the ID (its words in Chinese come from <c>RuleText.IdProblem</c>).</value>
    public IdKind IdKind { get; init; }
}
