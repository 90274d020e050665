using System.Globalization;

namespace Matching.Storage;

/// <summary>The one way dates are stored: ISO 8601 text (<c>yyyy-MM-dd</c>) on every engine, which sorts as dates do.</summary>
public static class StoredDate
{
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>A stored date from its UTF-8 bytes (as SQLite holds it), with no string made on the way.</summary>
    public static DateOnly? Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length != 10)
        {
            return null;
        }

        Span<char> text = stackalloc char[10];
        for (var i = 0; i < 10; i++)
        {
            text[i] = (char)utf8[i];
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}
