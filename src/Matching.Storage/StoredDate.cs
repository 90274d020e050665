using System.Globalization;

namespace Matching.Storage;

/// <summary>The one way dates are stored: ISO 8601 text (<c>yyyy-MM-dd</c>) on every engine, which sorts as dates do.</summary>
public static class StoredDate
{
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
