namespace Matching.Storage;

/// <summary>A stored import batch.</summary>
public sealed record BatchRecord(
    long BatchId, string Kind, string? Department, string FileName, string Sha256, long RowsRead, long RowsAccepted,
    long RowsRejected, string Operator, string ImportedAt);
