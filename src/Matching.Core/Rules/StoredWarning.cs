namespace Matching.Core.Rules;

/// <summary>A warning as stored, with its place in the aid chain (status, first date, disposition).</summary>
public sealed record StoredWarning
{
    public long WarningId { get; init; }
    public string Code { get; init; } = string.Empty;
    public string Subject { get; init; } = string.Empty;
    public string Receiver { get; init; } = string.Empty;
    public string Label { get; init; } = string.Empty;
    public string Measure { get; init; } = string.Empty;
    public string IdText { get; init; } = string.Empty;
    public string Name { get; init; } = string.Empty;
    public string HouseholdId { get; init; } = string.Empty;
    public string Subdistrict { get; init; } = string.Empty;
    public string Village { get; init; } = string.Empty;
    public string Categories { get; init; } = string.Empty;
    public string Department { get; init; } = string.Empty;
    public string Method { get; init; } = string.Empty;
    public string Detail { get; init; } = string.Empty;
    public long? SourceRow { get; init; }
    public WarningStatus Status { get; init; }

    /// <summary>首次预警日期, yyyy-MM-dd.</summary>
    public string FirstDate { get; init; } = string.Empty;

    public string? ResolvedDate { get; init; }
    public string? Disposition { get; init; }
    public string? DispositionDate { get; init; }
}
