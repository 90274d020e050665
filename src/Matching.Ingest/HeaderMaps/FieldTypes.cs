using System.Globalization;

namespace Matching.Ingest.HeaderMaps;

/// <summary>
/// The cell types a header map may declare, and how each is read into its stored form: dates as yyyy-MM-dd
/// (from 2026-01-05, 2026/1/5, 2026.1.5, 20260105 or 2026年1月5日), amounts as invariant decimals (commas and
/// ¥ dropped), flags as 1/0 (是/否, Y/N, 1/0 …). A cell that does not read is the row's reject reason.
/// </summary>
public static class FieldTypes
{
    public const string Text = "text";
    public const string Date = "date";
    public const string Amount = "amount";
    public const string Flag = "flag";

    private static readonly string[] DateFormats =
        ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm", "yyyy/M/d H:mm"];

    private static readonly HashSet<string> Yes = new(["是", "y", "yes", "1", "true", "√", "有"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> No = new(["否", "n", "no", "0", "false", "×", "无"], StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(string type) => type is Text or Date or Amount or Flag;

    /// <summary>Reads <paramref name="raw"/> as <paramref name="type"/>; empty cells read as empty.</summary>
    /// <returns>False with <paramref name="problem"/> set when the cell does not read.</returns>
    public static bool TryRead(string type, string raw, out string value, out string problem)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Trim();
        problem = string.Empty;
        value = text;
        if (text.Length == 0 || type == Text)
        {
            return true;
        }

        switch (type)
        {
            case Date when DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
            case Date:
                problem = "not a date";
                return false;
            case Amount:
                var cleaned = text.Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal)
                    .TrimStart('¥', '￥').TrimEnd('元');
                if (decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                {
                    value = amount.ToString(CultureInfo.InvariantCulture);
                    return true;
                }

                problem = "not an amount";
                return false;
            case Flag when Yes.Contains(text):
                value = "1";
                return true;
            case Flag when No.Contains(text):
                value = "0";
                return true;
            case Flag:
                problem = "not a yes/no value (是/否)";
                return false;
            default:
                return true;
        }
    }
}
