using Matching.Core.Departments;
using Matching.Core.Identity;

namespace Matching.Storage;

/// <summary>
/// A department record read back for a run (<see cref="BatchStore.ReadRecordsAsync"/>): one object reused row
/// after row, valid until the next one is read.
/// </summary>
public sealed class StoredRecord
{
    public long SourceRow { get; internal set; }

    /// <summary>What the ID cell was when imported.</summary>
    public IdKind IdKind { get; internal set; }

    /// <summary>The canonical ID's key, when the cell read as a valid ID.</summary>
    public long? IdKey { get; internal set; }

    /// <summary>The ID cell as typed, when it was not canonical as it stood; null for an exact ID (rebuild it from <see cref="IdKey"/>).</summary>
    public string? RawId { get; internal set; }

    public string Name { get; internal set; } = string.Empty;

    /// <summary>The birth date cell as typed, or empty.</summary>
    public string BirthDate { get; internal set; } = string.Empty;

    /// <summary>The typed fields, laid out by the layout the caller asked for.</summary>
    public RecordValues Values { get; } = new();
}
