namespace Matching.Storage;

/// <summary>
/// Which low-income snapshot the active population is: its batch (id, file hash, load time) and the schema version it
/// was read under. Every change to who is active comes with a new low-income batch (a failed import rolls back whole,
/// a low-income batch cannot be withdrawn), so an index built under one stamp stays true while the stamp does.
/// </summary>
public sealed record PopulationStamp(long BatchId, string Sha256, string ImportedAt, int SchemaVersion);
