namespace Matching.Storage;

/// <summary>
/// What a purge deleted (or, in a dry run, would delete): the stored rows of whole batches past retention (lists
/// superseded or withdrawn, ledger batches withdrawn), ledger events older than their department's retention, and
/// access-audit records.
/// </summary>
public sealed record PurgeCounts(int Batches, long SourceRecords, long LedgerEvents, long AuditRecords);
