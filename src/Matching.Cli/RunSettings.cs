namespace Matching.Cli;

/// <summary>Settings of <c>matching run</c> (<c>run:*</c> in matching.json).</summary>
internal sealed record RunSettings
{
    /// <value>How long a run waits for another to release the run lock, in seconds. Default 60.</value>
    public int LockWaitSeconds { get; init; } = 60;

    /// <value>How long the run lock lasts unless its holder renews it (a killed run's lock frees after this), in seconds. Default 300.</value>
    public int LockTtlSeconds { get; init; } = 300;

    public IEnumerable<string> Problems()
    {
        if (LockWaitSeconds is < 0 or > 86_400)
        {
            yield return "run:lockWaitSeconds must be 0 to 86400";
        }

        if (LockTtlSeconds is < 10 or > 86_400)
        {
            yield return "run:lockTtlSeconds must be 10 to 86400";
        }
    }
}
