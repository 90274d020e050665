namespace Matching.Ingest.Tables;

/// <summary>Bounds that keep a hostile or broken file from exhausting the machine.</summary>
public sealed record IngestLimits
{
    /// <value>Largest file accepted, in bytes. Default 2 GiB.</value>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <value>Longest cell accepted, in characters. Default 4,096.</value>
    public int MaxCellChars { get; init; } = 4096;

    /// <value>Most columns a header may have. Default 512.</value>
    public int MaxColumns { get; init; } = 512;

    /// <value>How many rows from the top are searched for the header row. Default 20.</value>
    public int HeaderScanRows { get; init; } = 20;

    public static IngestLimits Default { get; } = new();
}
