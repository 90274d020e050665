namespace Matching.Ingest.Coverage;

/// <summary>Why a rule lacks a field in an imported file.</summary>
public enum RuleGapKind
{
    /// <summary>The file has no column for it.</summary>
    ColumnMissing,

    /// <summary>Its column is empty in more than <c>ingest:maxEmptyShare</c> of the cells counted.</summary>
    MostlyEmpty,
}
