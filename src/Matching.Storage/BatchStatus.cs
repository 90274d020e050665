namespace Matching.Storage;

/// <summary>
/// Where an import batch stands, as stored in <c>import_batch.status</c>. Whether it still counts for a run is
/// <see cref="BatchState"/>, worked out from this and the batches after it.
/// </summary>
public enum BatchStatus
{
    /// <summary><c>loaded</c>: a low-income population snapshot.</summary>
    Loaded,

    /// <summary><c>pending</c>: a department batch no run has used yet.</summary>
    Pending,

    /// <summary><c>processed</c>: a department batch a run has used.</summary>
    Processed,

    /// <summary><c>withdrawn</c>: a batch an operator took back (<c>matching batch withdraw</c>).</summary>
    Withdrawn,
}

/// <summary>A <see cref="BatchStatus"/> as the database stores it (<c>loaded</c>, <c>pending</c> …): the SQL edge.</summary>
internal static class BatchStatusText
{
    public static string Text(this BatchStatus status) => status switch
    {
        BatchStatus.Loaded => "loaded",
        BatchStatus.Pending => "pending",
        BatchStatus.Processed => "processed",
        BatchStatus.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
