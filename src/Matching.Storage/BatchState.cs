namespace Matching.Storage;

/// <summary>Where a batch stands (CONTRACT.md, <c>matching batch list</c>).</summary>
public enum BatchState
{
    /// <summary>A snapshot department's (or the population's) newest batch not withdrawn: what runs use.</summary>
    Current,

    /// <summary>An older snapshot: history, not used. Becomes current again when every newer one is withdrawn.</summary>
    Superseded,

    /// <summary>A ledger batch: its events count (each event once), whatever came after it.</summary>
    Counting,

    /// <summary>Taken back by an operator: counts for nothing; kept, with who, when and why.</summary>
    Withdrawn,
}
