using Matching.Cli.Localization;
namespace Matching.Cli;

/// <summary>
/// <c>worker</c> in <c>matching.json</c>: what the bureau's people and its worker share. The time zone is the
/// bureau's: times shown to a person, the run date, and the schedule's cron (unless <c>jobs/worker.json</c> names
/// another zone).
/// </summary>
internal sealed record BureauSettings
{
    /// <value>IANA or Windows time zone of the bureau. Default <c>Asia/Shanghai</c>.</value>
    public string TimeZone
    {
        get;
        init
        {
            field = value;
            _zone = BureauClock.FindZone(value);
        }
    } = BureauClock.DefaultTimeZone;

    // Looked up once, as the setting is bound, not on every read; null for a name no zone has.
    private readonly TimeZoneInfo? _zone = BureauClock.FindZone(BureauClock.DefaultTimeZone);

    /// <summary>The zone of <see cref="TimeZone"/>; for a name no zone has, the lookup's own exception, as ever.</summary>
    public TimeZoneInfo Zone => _zone ?? TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<string> Problems()
    {
        if (_zone is null)
        {
            yield return Text.Format("ErrTimeZone", TimeZone);
        }
    }
}
