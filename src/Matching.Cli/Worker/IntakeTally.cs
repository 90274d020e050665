namespace Matching.Cli.Worker;

/// <summary>What one intake took: the nightly result's first half (files, rows, where the reject reports went).</summary>
internal sealed class IntakeTally
{
    public int Files { get; set; }

    public int Imported { get; set; }

    public int Identical { get; set; }

    public int Refused { get; set; }

    public long RowsRead { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    /// <summary>The reject reports written, full paths.</summary>
    public List<string> Reports { get; } = [];
}
