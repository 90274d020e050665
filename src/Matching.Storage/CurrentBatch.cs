namespace Matching.Storage;

/// <summary>
/// A department's current batch (its newest extract that has not been superseded). Status is <c>pending</c> (not
/// yet used by a run) or <c>processed</c>.
/// </summary>
public sealed record CurrentBatch(long BatchId, string Department, string FileName, string Status, string ImportedAt);
