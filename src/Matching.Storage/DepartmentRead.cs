namespace Matching.Storage;

/// <summary>What reading a department file into a batch gave besides the records written.</summary>
/// <param name="RowsRead">Data rows read.</param>
/// <param name="Rejected">Rows refused (not stored).</param>
/// <param name="RejectReport">The reject report written, if any.</param>
public sealed record DepartmentRead(long RowsRead, long Rejected, string? RejectReport);
