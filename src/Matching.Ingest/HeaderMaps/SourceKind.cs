namespace Matching.Ingest.HeaderMaps;

/// <summary>What a header map describes (its <c>"kind"</c>).</summary>
public enum SourceKind
{
    /// <summary>A department that sends its whole current list each time (<c>"snapshot"</c>, the default).</summary>
    Snapshot,

    /// <summary>A department that sends events that add up across files (<c>"ledger"</c>).</summary>
    Ledger,

    /// <summary>The civil-affairs low-income population export (<c>"population"</c>).</summary>
    Population,

    /// <summary>A labelled file for <c>matching evaluate</c> (<c>"evaluation"</c>).</summary>
    Evaluation,
}
