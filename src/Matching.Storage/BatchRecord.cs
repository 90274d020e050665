using Matching.Core.Departments;

namespace Matching.Storage;

/// <summary>A stored import batch: what was imported, what came of it, and whether it still counts.</summary>
public sealed record BatchRecord
{
    public long BatchId { get; init; }

    /// <summary><c>lowincome</c> or <c>department</c>.</summary>
    public string Kind { get; init; } = string.Empty;

    public string? Department { get; init; }

    public string FileName { get; init; } = string.Empty;

    public string Sha256 { get; init; } = string.Empty;

    public long RowsRead { get; init; }

    public long RowsAccepted { get; init; }

    public long RowsRejected { get; init; }

    /// <summary>Accepted rows that identify someone (a usable ID or a fallback).</summary>
    public long RowsUsable { get; init; }

    /// <summary>Ledger: events this batch brought that no counting batch had; null for a snapshot.</summary>
    public long? NewEvents { get; init; }

    /// <summary>Ledger: events this batch sent again (they count once, by an earlier row).</summary>
    public long? KnownEvents { get; init; }

    /// <summary>Pending (no run has used it yet), processed or withdrawn; loaded for the population.</summary>
    public BatchStatus Status { get; init; }

    public string Operator { get; init; } = string.Empty;

    /// <summary>ISO 8601, UTC.</summary>
    public string ImportedAt { get; init; } = string.Empty;

    /// <summary>The typed fields its rows were stored with (<see cref="Core.Departments.RecordLayout.Describe"/>).</summary>
    public string? Layout { get; init; }

    public string? RejectReport { get; init; }

    /// <summary>What the file could not give the warning rules, as stored at import (<see cref="BatchInfo.RuleGaps"/>); null for none.</summary>
    public string? RuleGaps { get; init; }

    public string? WithdrawnAt { get; init; }

    public string? WithdrawnBy { get; init; }

    public string? WithdrawReason { get; init; }

    /// <summary>When <c>matching purge</c> deleted its stored rows (past retention), ISO 8601 UTC; null while they are kept.</summary>
    public string? PurgedAt { get; init; }

    /// <summary>Where the batch stands: current, superseded, counting or withdrawn (worked out from its department's kind).</summary>
    public BatchState State { get; init; }

    /// <summary>Whether a run has yet to use it.</summary>
    public bool IsPending => Status == BatchStatus.Pending;

    public bool IsLowIncome => Kind == SourceCodes.LowIncome;
}
