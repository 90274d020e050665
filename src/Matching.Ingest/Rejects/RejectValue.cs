namespace Matching.Ingest.Rejects;

/// <summary>
/// Masks a cell value for a reject report that goes back to a department: the clerk finds the cell by row and
/// column, so the value only needs to be recognisable. Anything with a run of digits is masked as an ID
/// (419001********123X); other text keeps its first character (a shifted column may have put a name there: 张*).
/// </summary>
public static class RejectValue
{
    public static string Mask(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var value = raw.Trim();
        if (value.Length <= 1)
        {
            return value;
        }

        var digits = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c) || c is >= '０' and <= '９')
            {
                digits++;
            }
        }

        return digits >= 6 ? Core.Identity.IdNumber.Mask(value) : string.Concat(value.AsSpan(0, 1), new string('*', Math.Min(value.Length - 1, 8)));
    }
}
