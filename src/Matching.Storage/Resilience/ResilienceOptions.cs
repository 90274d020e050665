using System.Globalization;
using Matching.Storage.Localization;

namespace Matching.Storage.Resilience;

/// <summary>
/// How Storage rides out transient faults (<see cref="Transient"/>): retries with exponential backoff and jitter
/// around opening the database, committing a batch and moving a file; a timeout per database attempt; a circuit
/// breaker that stops calling a database that keeps failing. Named <c>resilience:*</c> in messages.
/// </summary>
public sealed record ResilienceOptions
{
    /// <value>Retries after a failed attempt to open the database or commit one transaction; 0 turns retrying off. Default 3 (4 attempts).</value>
    public int DatabaseRetries { get; init; } = 3;

    /// <value>Delay before the first database retry, in milliseconds; each next one about doubles, with jitter. Default 200.</value>
    public int DatabaseDelayMilliseconds { get; init; } = 200;

    /// <value>
    /// Longest one attempt to open (and prepare) a connection may take, in seconds. It includes SQLite's own wait for a
    /// lock (<c>Default Timeout</c>, 30 s unless the connection string says otherwise), so keep it above that. Default 60.
    /// </value>
    public int OpenTimeoutSeconds { get; init; } = 60;

    /// <value>Longest one attempt at a whole transaction may take, in seconds: a 20-million-row import included. Default 3600.</value>
    public int CommitTimeoutSeconds { get; init; } = 3600;

    /// <value>Share of database attempts failing transiently within the sampling window that opens the circuit, above 0 up to 1. Default 0.5.</value>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <value>Fewest database attempts within the sampling window before the circuit may open. Default 8: two operations that used up their retries.</value>
    public int BreakerMinimumThroughput { get; init; } = 8;

    /// <value>The window the failure ratio is measured over, in seconds. Default 60.</value>
    public int BreakerSamplingSeconds { get; init; } = 60;

    /// <value>How long an open circuit refuses database calls at once, in seconds. Default 30.</value>
    public int BreakerBreakSeconds { get; init; } = 30;

    /// <value>Retries after a failed file move (a scanner or a copy still holding the file); 0 turns retrying off. Default 4.</value>
    public int FileRetries { get; init; } = 4;

    /// <value>Delay before the first file-move retry, in milliseconds; each next one about doubles, with jitter. Default 500.</value>
    public int FileDelayMilliseconds { get; init; } = 500;

    /// <summary>Every setting that is out of range, named as in settings; empty when all are fine.</summary>
    public IEnumerable<string> Problems()
    {
        if (DatabaseRetries is < 0 or > 10)
        {
            yield return Text.Get("ResDatabaseRetries");
        }

        if (DatabaseDelayMilliseconds is < 0 or > 60_000)
        {
            yield return Text.Get("ResDatabaseDelay");
        }

        if (OpenTimeoutSeconds is < 1 or > 3600)
        {
            yield return Text.Get("ResOpenTimeout");
        }

        if (CommitTimeoutSeconds is < 1 or > 86_400)
        {
            yield return Text.Get("ResCommitTimeout");
        }

        if (!(BreakerFailureRatio is > 0 and <= 1))
        {
            yield return Text.Format("ResBreakerRatio", BreakerFailureRatio);
        }

        if (BreakerMinimumThroughput is < 2 or > 10_000)
        {
            yield return Text.Get("ResBreakerThroughput");
        }

        if (BreakerSamplingSeconds is < 1 or > 86_400)
        {
            yield return Text.Get("ResBreakerSampling");
        }

        if (BreakerBreakSeconds is < 1 or > 86_400)
        {
            yield return Text.Get("ResBreakerBreak");
        }

        if (FileRetries is < 0 or > 10)
        {
            yield return Text.Get("ResFileRetries");
        }

        if (FileDelayMilliseconds is < 0 or > 60_000)
        {
            yield return Text.Get("ResFileDelay");
        }
    }
}
