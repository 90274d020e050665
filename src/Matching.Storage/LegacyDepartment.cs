using Matching.Core.Departments;

namespace Matching.Storage;

/// <summary>
/// What the upgrade to schema v5 needs of a department to rewrite its batches stored before v5 (fields as JSON):
/// its kind, its typed fields, and, for a ledger, how an event is keyed.
/// </summary>
/// <param name="Kind">Snapshot or ledger.</param>
/// <param name="Layout">The typed fields, by slot.</param>
/// <param name="KeyOf">A ledger's event key of a record (null for a snapshot).</param>
public sealed record LegacyDepartment(DepartmentKind Kind, RecordLayout Layout, Func<DepartmentRecord, EventKey>? KeyOf);
