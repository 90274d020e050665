namespace Matching.Samples;

/// <summary>What <see cref="EvaluationSet.Write"/> wrote.</summary>
/// <param name="OutputDirectory">The output directory, as given.</param>
/// <param name="Households">Households (户) in lowincome.csv.</param>
/// <param name="Persons">Persons (rows) in lowincome.csv.</param>
/// <param name="TwinPairs">Twin pairs in the population (same region and birth date, sequences one apart).</param>
/// <param name="Rows">Rows of labelled.csv.</param>
/// <param name="LowIncomeRows">Rows of labelled.csv whose person is in the population (a truth_id).</param>
/// <param name="RowsByDamage">Rows of labelled.csv by damage label, in the order of <see cref="EvaluationSet.DamageLabels"/>.</param>
/// <param name="Files">lowincome.csv, then labelled.csv.</param>
public sealed record EvaluationSummary(
    string OutputDirectory,
    int Households,
    int Persons,
    int TwinPairs,
    int Rows,
    int LowIncomeRows,
    IReadOnlyList<KeyValuePair<string, int>> RowsByDamage,
    IReadOnlyList<SampleFile> Files)
{
    /// <summary>Rows of labelled.csv that are strangers (empty truth_id).</summary>
    public int StrangerRows => Rows - LowIncomeRows;

    /// <summary>Rows with a given damage label; 0 when there is none.</summary>
    public int RowsWith(string damage)
    {
        foreach (var (label, count) in RowsByDamage)
        {
            if (string.Equals(label, damage, StringComparison.Ordinal))
            {
                return count;
            }
        }

        return 0;
    }
}
