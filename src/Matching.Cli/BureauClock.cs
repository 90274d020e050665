using System.Globalization;
using Matching.Storage;

namespace Matching.Cli;

/// <summary>
/// The one clock for people: every time the program shows a person (<c>status</c>, <c>show</c>, <c>batch list</c>,
/// import messages) is the bureau's wall clock, <c>2026-12-04 22:29</c>, in <c>worker:timeZone</c> of
/// <c>matching.json</c> (default Asia/Shanghai), whatever the server's own zone. Logs carry the offset
/// (<see cref="ShowWithOffset"/>); storage keeps UTC (<see cref="StoredTime"/>).
/// </summary>
internal sealed class BureauClock(TimeZoneInfo zone)
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The system's zone of an IANA or Windows id; null for none (a setting's problem to report).</summary>
    public static TimeZoneInfo? FindZone(string? id) => TimeZoneInfo.TryFindSystemTimeZoneById(id ?? string.Empty, out var zone) ? zone : null;

    /// <summary><c>2026-12-04 22:29</c>: an instant on the bureau's clock, to the minute.</summary>
    public string Show(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A stored UTC time (<see cref="StoredTime"/>) on the bureau's clock; text that is no time as it is; empty for none.</summary>
    public string Show(string? stored) => StoredTime.Parse(stored) is { } at ? Show(at) : stored ?? string.Empty;

    /// <summary><c>2026-12-04 22:29:05 +08:00</c>: for log lines, which a reader may compare with other machines' logs.</summary>
    public string ShowWithOffset(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>Today's date on the clock's local zone (the bureau's: the command line and the worker set it).</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(time.GetLocalNow().DateTime);
    }

    /// <summary>The bureau's date of an instant.</summary>
    public DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(Local(at).DateTime);

    private DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);
}
