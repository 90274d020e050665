using Matching.Core.Departments;
using Matching.Ingest.Coverage;
using Matching.Storage;

namespace Matching.Cli.Imports;

/// <summary>What <c>matching import</c> did with one file.</summary>
/// <param name="Department">The department code.</param>
/// <param name="Kind">Whether the department sends lists or events.</param>
/// <param name="BatchId">The new batch, or the earlier one the same bytes already are.</param>
/// <param name="Earlier">The earlier batch when the file was skipped as identical, else null.</param>
/// <param name="RowsRead">Data rows read.</param>
/// <param name="Accepted">Rows stored.</param>
/// <param name="Rejected">Rows not stored.</param>
/// <param name="IdProblems">Rows stored whose ID needs checking.</param>
/// <param name="Stored">What the store made of it (events new and known, the batch it replaced); null when skipped.</param>
/// <param name="Report">The reject report written, if any.</param>
internal sealed record DepartmentImportOutcome(
    string Department, DepartmentKind Kind, long BatchId, BatchRecord? Earlier, long RowsRead, long Accepted, long Rejected, long IdProblems,
    DepartmentBatchResult? Stored, string? Report)
{
    /// <summary>Fields the enabled rules need that the file lacks or mostly leaves empty (none when skipped).</summary>
    public IReadOnlyList<RuleGap> Gaps { get; init; } = [];
}
