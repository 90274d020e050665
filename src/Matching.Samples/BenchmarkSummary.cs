namespace Matching.Samples;

/// <summary>What <see cref="BenchmarkData.Write"/> wrote.</summary>
/// <param name="OutputDirectory">The output directory, as given.</param>
/// <param name="Households">Households (户) in lowincome.csv.</param>
/// <param name="Persons">Persons (rows) in lowincome.csv, each with a distinct valid ID.</param>
/// <param name="Rows">Rows of extract.csv.</param>
/// <param name="PresentRows">Rows of extract.csv whose person is in lowincome.csv (damaged or not).</param>
/// <param name="DamagedRows">Rows of extract.csv whose ID cell is damaged (name_mismatch included).</param>
/// <param name="RowsByDamage">Rows of extract.csv by damage label (none first), kinds that occur only.</param>
/// <param name="Files">lowincome.csv, then extract.csv.</param>
/// <param name="Elapsed">Wall time of the whole write.</param>
public sealed record BenchmarkSummary(
    string OutputDirectory,
    int Households,
    int Persons,
    int Rows,
    int PresentRows,
    int DamagedRows,
    IReadOnlyList<KeyValuePair<string, int>> RowsByDamage,
    IReadOnlyList<SampleFile> Files,
    TimeSpan Elapsed)
{
    /// <summary>Total size of the files written.</summary>
    public long TotalBytes => Files.Sum(f => f.Bytes);

    /// <summary>Rows with a given damage label; 0 when there is none.</summary>
    public int RowsWith(string damage) =>
        RowsByDamage.FirstOrDefault(p => string.Equals(p.Key, damage, StringComparison.Ordinal)).Value;
}
