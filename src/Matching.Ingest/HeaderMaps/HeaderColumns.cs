namespace Matching.Ingest.HeaderMaps;

/// <summary>
/// Which header cell names a field. A cell names it when one of its forms (<see cref="HeaderText.Forms"/>: as written,
/// then with its bracketed notes taken off) is one of the field's configured names. The column whose cell names it
/// most literally wins (as written before a note is taken off), then the one naming it by the name listed first; two
/// columns naming it alike (身份证号 and 身份证号*, 家庭年收入（元） and 家庭年收入(万元)) are ambiguous.
/// </summary>
internal static class HeaderColumns
{
    /// <summary>The column that names the field, or -1; and a second column that names it just as well, or -1 (ambiguous).</summary>
    /// <param name="forms">Each header cell's forms, most literal first.</param>
    /// <param name="names">The field's configured names, normalised, in their configured order.</param>
    /// <returns>The column, a tying column, and 0 when the winner's cell names the field as written, 1 when only without its notes.</returns>
    public static (int Column, int Tie, int Rank) Best(IReadOnlyList<string>[] forms, string[] names)
    {
        var (column, tie) = (-1, -1);
        var best = (Form: int.MaxValue, Name: int.MaxValue);
        for (var c = 0; c < forms.Length; c++)
        {
            if (Rank(forms[c], names) is not { } rank)
            {
                continue;
            }

            if (rank.CompareTo(best) < 0)
            {
                (column, tie, best) = (c, -1, rank);
            }
            else if (rank == best && tie < 0)
            {
                tie = c;
            }
        }

        return (column, tie, column < 0 ? -1 : best.Form);
    }

    private static (int Form, int Name)? Rank(IReadOnlyList<string> forms, string[] names)
    {
        for (var f = 0; f < forms.Count; f++)
        {
            var n = Array.IndexOf(names, forms[f]);
            if (n >= 0)
            {
                // As written, or with notes taken off: how many notes does not make one cell more right than another.
                return (Math.Min(f, 1), n);
            }
        }

        return null;
    }
}
