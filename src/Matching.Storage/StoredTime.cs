using System.Globalization;

namespace Matching.Storage;

/// <summary>
/// The one way instants are stored: UTC as ISO 8601 text to the millisecond (<c>2026-12-04T14:21:23.318Z</c>), fixed
/// width, so that text order is time order on every engine. Reading is tolerant: rows written before this format was
/// the only one (<c>…:23.3184311Z</c> from "O", <c>…:23Z</c> without fractions) read as the same instant.
/// </summary>
public static class StoredTime
{
    public const string Pattern = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>A stored instant, in any format this program ever wrote; null for none or text that is no time.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
}
