namespace Matching.Core.Identity;

/// <summary>Reads a birth-date cell (出生日期) as departments type it: 1980-01-05, 1980/1/5, 19800105, 1980年1月5日.</summary>
public static class BirthDateText
{
    /// <summary>The date as yyyymmdd, when the text is a real date in the ID rules' range.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int yyyymmdd)
    {
        yyyymmdd = 0;
        Span<int> parts = stackalloc int[3];
        Span<int> lengths = stackalloc int[3];
        var count = 0;
        var inNumber = false;
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                if (!inNumber)
                {
                    if (count == 3)
                    {
                        return false;
                    }

                    inNumber = true;
                    count++;
                }

                parts[count - 1] = (parts[count - 1] * 10) + (c - '0');
                if (++lengths[count - 1] > 8)
                {
                    return false;
                }
            }
            else
            {
                inNumber = false;
            }
        }

        int year, month, day;
        if (count == 1 && lengths[0] == 8)
        {
            (year, month, day) = (parts[0] / 10000, parts[0] / 100 % 100, parts[0] % 100);
        }
        else if (count == 3 && lengths[0] == 4)
        {
            (year, month, day) = (parts[0], parts[1], parts[2]);
        }
        else
        {
            return false;
        }

        if (year is < IdRules.MinBirthYear or > IdRules.MaxBirthYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        yyyymmdd = (year * 10000) + (month * 100) + day;
        return true;
    }
}
