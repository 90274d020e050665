namespace Matching.Core.Identity;

/// <summary>The structural rules of GB 11643-1999: province code, birth date, check character.</summary>
public static class IdRules
{
    /// <summary>Earliest birth year accepted: older dates in a register are typing errors.</summary>
    public const int MinBirthYear = 1880;

    /// <summary>Latest birth year accepted (the core has no clock; future dates are left to the rules).</summary>
    public const int MaxBirthYear = 2099;

    // Province-level codes of GB/T 2260 (11 Beijing … 65 Xinjiang; 71 Taiwan, 81 Hong Kong, 82 Macao,
    // 83 residence permits for Taiwan residents).
    private static readonly bool[] Provinces = BuildProvinces();

    public static bool HasKnownProvince(ReadOnlySpan<char> id)
    {
        if (id.Length < 2 || !char.IsAsciiDigit(id[0]) || !char.IsAsciiDigit(id[1]))
        {
            return false;
        }

        return Provinces[((id[0] - '0') * 10) + (id[1] - '0')];
    }

    /// <summary>True when 8 ASCII digits YYYYMMDD are a real calendar date in the accepted range.</summary>
    public static bool HasValidBirthDate(ReadOnlySpan<char> yyyymmdd)
    {
        if (yyyymmdd.Length != 8 || !AllDigits(yyyymmdd))
        {
            return false;
        }

        var year = Number(yyyymmdd[..4]);
        var month = Number(yyyymmdd[4..6]);
        var day = Number(yyyymmdd[6..8]);
        return year is >= MinBirthYear and <= MaxBirthYear
            && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary>A canonical 18-character ID: 17 digits, known province, real birth date, right check character.</summary>
    public static bool IsValid18(ReadOnlySpan<char> id) =>
        id.Length == IdNumber.Length
        && AllDigits(id[..17])
        && HasKnownProvince(id)
        && HasValidBirthDate(id[6..14])
        && IdNumber.CheckChar(id) == id[17];

    public static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }

    private static bool[] BuildProvinces()
    {
        var table = new bool[100];
        int[] codes = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
            50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83];
        foreach (var code in codes)
        {
            table[code] = true;
        }

        return table;
    }
}
