using Matching.Core.Population;
using Matching.Ingest.Coverage;
using Matching.Ingest.Rejects;

namespace Matching.Ingest.LowIncome;

/// <summary>What reading a low-income export gave: the snapshot to load, and the rows refused.</summary>
public sealed record LowIncomeReadResult(LowIncomeSnapshot Snapshot, long RowsRead, IReadOnlyList<RejectedRow> Rejected)
{
    /// <summary>How often the cells the rules need were empty (<see cref="RuleCoverage.Check"/> weighs it).</summary>
    public FieldFill Fill { get; init; } = FieldFill.None;
}
