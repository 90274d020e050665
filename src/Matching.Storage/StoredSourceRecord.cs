namespace Matching.Storage;

/// <summary>A source record read back from a batch.</summary>
public sealed record StoredSourceRecord(
    long SourceRow, string IdKind, long? IdKey, string? RawId, string Name, IReadOnlyDictionary<string, string> Fields);
