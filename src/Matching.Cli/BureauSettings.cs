namespace Matching.Cli;

/// <summary>
/// <c>worker</c> in <c>matching.json</c>: what the bureau's people and its worker share. The time zone is the
/// bureau's: times shown to a person, the run date, and the schedule's cron (unless <c>jobs/worker.json</c> names
/// another zone).
/// </summary>
internal sealed record BureauSettings
{
    /// <value>IANA or Windows time zone of the bureau. Default <c>Asia/Shanghai</c>.</value>
    public string TimeZone { get; init; } = BureauClock.DefaultTimeZone;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<string> Problems()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? string.Empty, out _))
        {
            yield return $"worker:timeZone '{TimeZone}' is not a known time zone (e.g. Asia/Shanghai, or China Standard Time on Windows)";
        }
    }
}
