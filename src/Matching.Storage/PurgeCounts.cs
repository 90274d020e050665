namespace Matching.Storage;

/// <summary>What a purge deleted (or, in a dry run, would delete): stored rows of how many batches, and audit records.</summary>
public sealed record PurgeCounts(int Batches, long SourceRecords, long AuditRecords);
