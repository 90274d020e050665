using Matching.Core.Departments;
using Matching.Ingest.Rejects;

namespace Matching.Ingest.Departments;

/// <summary>What reading a department extract gave.</summary>
/// <param name="Records">Rows to store (including those whose ID is unusable: fallbacks and ID_INVALID need them).</param>
/// <param name="RowsRead">Data rows read (footers and blank rows not counted).</param>
/// <param name="Rejected">Rows not stored, with why.</param>
/// <param name="IdProblems">Stored rows whose ID cannot be made valid as typed, for the department to check.</param>
public sealed record DepartmentReadResult(
    IReadOnlyList<SourceRecord> Records, long RowsRead, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<RejectedRow> IdProblems);
