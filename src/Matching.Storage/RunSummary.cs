namespace Matching.Storage;

/// <summary>A run as <c>matching status</c> shows it.</summary>
public sealed record RunSummary
{
    public long RunId { get; init; }
    public string StartedAt { get; init; } = string.Empty;
    public string? FinishedAt { get; init; }
    public string AsOf { get; init; } = string.Empty;
    public string Operator { get; init; } = string.Empty;

    public RunOutcome Outcome { get; init; }

    public string Batches { get; init; } = string.Empty;
    public long Records { get; init; }
    public string? Error { get; init; }
    public IReadOnlyList<RunCount> Counts { get; init; } = [];
}
