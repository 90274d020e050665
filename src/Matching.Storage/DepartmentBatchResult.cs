namespace Matching.Storage;

/// <summary>What a department import stored.</summary>
/// <param name="BatchId">The new batch.</param>
/// <param name="Accepted">Rows stored.</param>
/// <param name="Usable">Rows stored that identify someone.</param>
/// <param name="NewEvents">Ledger: events not seen before; null for a snapshot.</param>
/// <param name="KnownEvents">Ledger: events sent again (they count once, by the earlier row); null for a snapshot.</param>
/// <param name="Replaced">Snapshot: the batch that was current and is now superseded, if any.</param>
public sealed record DepartmentBatchResult(long BatchId, long Accepted, long Usable, long? NewEvents, long? KnownEvents, long? Replaced);
