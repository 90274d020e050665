namespace Matching.Storage;

/// <summary>The record of one imported file: what, from whom, when, and its fingerprint.</summary>
public sealed record BatchInfo
{
    public required string Kind { get; init; }

    public string? Department { get; init; }

    public required string FileName { get; init; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex: the same bytes imported twice are recognised.</summary>
    public required string Sha256 { get; init; }

    public required long SizeBytes { get; init; }

    /// <summary>The OS user who ran the import.</summary>
    public required string Operator { get; init; }

    public required DateTimeOffset ImportedAt { get; init; }

    /// <summary>Where the batch's reject report was written, if it has one.</summary>
    public string? RejectReport { get; init; }

    /// <summary>A department batch: the typed fields its records are stored with (<see cref="Core.Departments.RecordLayout.Describe"/>).</summary>
    public string? Layout { get; init; }

    /// <summary>
    /// What the file could not give the warning rules (fields they need that it lacks or leaves mostly empty), as the
    /// import found it, in the caller's stored form (JSON); null for none. Stored as it is, shown by <c>run</c> and <c>status</c>.
    /// </summary>
    public string? RuleGaps { get; init; }
}
