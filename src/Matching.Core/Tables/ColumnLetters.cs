namespace Matching.Core.Tables;

/// <summary>
/// A spreadsheet column's letters (列标: A, B, … Z, AA … XFD) from its number, counted from 1 as Excel counts them
/// (A = 1, XFD = 16,384). One helper for both ends: reject reports name the column of a file read, workbooks the
/// ranges they set.
/// </summary>
public static class ColumnLetters
{
    /// <summary>Excel's last column, XFD.</summary>
    public const int MaxExcel = 16_384;

    /// <summary>
    /// The letters of column <paramref name="number"/>, 1-based: 1 → A, 26 → Z, 27 → AA. Past XFD the scheme goes
    /// on (16,385 → XFE): a CSV file can be wider than a sheet, and its columns are still named.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is below 1.</exception>
    public static string Of(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);

        // Bijective base 26 (no zero digit), least significant letter last; int.MaxValue takes 7 letters.
        Span<char> letters = stackalloc char[7];
        var at = letters.Length;
        for (var n = number; n > 0; n = (n - 1) / 26)
        {
            letters[--at] = (char)('A' + ((n - 1) % 26));
        }

        return new string(letters[at..]);
    }
}
