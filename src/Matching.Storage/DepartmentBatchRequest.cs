using Matching.Core.Departments;

namespace Matching.Storage;

/// <summary>What a department import asks of the store.</summary>
/// <param name="Batch">The file being imported.</param>
/// <param name="Kind">Whether the department sends lists (snapshot) or events (ledger).</param>
/// <param name="Layout">The typed fields its records carry.</param>
/// <param name="MinShareOfCurrent">A snapshot with fewer accepted (or usable) rows than this share of the current one's is refused.</param>
/// <param name="AcceptShrink">The operator took a short snapshot knowingly (<c>--accept-shrink</c>).</param>
public sealed record DepartmentBatchRequest(BatchInfo Batch, DepartmentKind Kind, RecordLayout Layout, double MinShareOfCurrent, bool AcceptShrink);
