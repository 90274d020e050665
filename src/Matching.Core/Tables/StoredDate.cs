using System.Globalization;

namespace Matching.Core.Tables;

/// <summary>
/// The one way dates are stored and handed between the parts: ISO 8601 text (<c>yyyy-MM-dd</c>) on every engine, which
/// sorts as dates do. Storage writes and reads it; the workbooks read the dates of stored warnings with it.
/// </summary>
public static class StoredDate
{
    /// <summary>
    /// <c>yyyy-MM-dd</c>, written digit by digit: an import stores a date per bill, and the culture's formatting was a
    /// tenth of the parsing thread of a month of bills.
    /// </summary>
    public static string Format(DateOnly date) => string.Create(10, date, static (text, date) =>
    {
        Write(text[..4], date.Year);
        text[4] = '-';
        Write(text.Slice(5, 2), date.Month);
        text[7] = '-';
        Write(text.Slice(8, 2), date.Day);
    });

    private static void Write(Span<char> digits, int value)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>A stored date from its UTF-8 bytes (as SQLite holds it), with no string made on the way.</summary>
    public static DateOnly? Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length != 10)
        {
            return null;
        }

        // Read by hand: the run parses a date from millions of stored rows, and TryParseExact's culture machinery was 1.5 s of it.
        if (utf8[4] != (byte)'-' || utf8[7] != (byte)'-'
            || !Digits(utf8[..4], out var year) || !Digits(utf8.Slice(5, 2), out var month) || !Digits(utf8.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day);
    }

    private static bool Digits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (var b in utf8)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
