namespace Matching.Cli.Worker;

/// <summary>
/// The worker's clock: the given clock's instants, read in the schedule's time zone, so that archive folders, the
/// run date and the outbox date are all the bureau's date (Asia/Shanghai) whatever the server's zone.
/// </summary>
internal sealed class ZonedTimeProvider(TimeProvider inner, TimeZoneInfo zone) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => zone;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
