using System.Numerics;
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
    public static DateOnly? Parse(ReadOnlySpan<byte> utf8) => TryParse(utf8, out var date) ? date : null;

    /// <summary>
    /// <c>yyyy-MM-dd</c> read by hand, as bytes or characters: the run parses a date from millions of stored rows and
    /// an import from most cells of a date column, and TryParseExact's culture machinery was 1.5 s of the one and the
    /// costliest part of the other. Exactly the texts that format reads, and the same dates.
    /// </summary>
    public static bool TryParse<T>(ReadOnlySpan<T> text, out DateOnly date)
        where T : unmanaged, IBinaryInteger<T>
    {
        date = default;
        if (text.Length != 10 || int.CreateTruncating(text[4]) != '-' || int.CreateTruncating(text[7]) != '-'
            || !Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool Digits<T>(ReadOnlySpan<T> text, out int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = int.CreateTruncating(c) - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
