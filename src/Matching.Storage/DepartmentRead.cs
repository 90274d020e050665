namespace Matching.Storage;

/// <summary>What reading a department file into a batch gave besides the records written.</summary>
/// <param name="RowsRead">Data rows read.</param>
/// <param name="Rejected">Rows refused (not stored).</param>
/// <param name="RejectReport">The reject report written, if any.</param>
public sealed record DepartmentRead(long RowsRead, long Rejected, string? RejectReport)
{
    /// <summary>What the file could not give the warning rules, found as it was read (<see cref="BatchInfo.RuleGaps"/>).</summary>
    public string? RuleGaps { get; init; }
}
