namespace Matching.Export;

/// <summary>
/// How output files are written (the <c>output</c> section of <c>matching.json</c>). Every output is written to a
/// temporary file in its folder, flushed to disk and renamed over its final name (<see cref="AtomicFile"/>).
/// </summary>
public sealed record OutputOptions
{
    /// <value>
    /// Whether an output folder may itself be a symbolic link. Default false: a link planted where the workbooks go
    /// would send full ID numbers somewhere else, so such a folder is refused. Set it where the outbox is a link on
    /// purpose (to another disk, a share).
    /// </value>
    public bool AllowLinkedFolder { get; init; }

    public static OutputOptions Default { get; } = new();
}
