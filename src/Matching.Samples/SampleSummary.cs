namespace Matching.Samples;

/// <summary>What <see cref="SampleGenerator.Write"/> wrote.</summary>
/// <param name="OutputDirectory">The output directory, as given.</param>
/// <param name="Households">Households (户) in <c>lowincome.csv</c>.</param>
/// <param name="Persons">
/// Distinct persons in <c>lowincome.csv</c>; fewer than its rows, because a few persons deliberately sit in two
/// households (duplicate aid).
/// </param>
/// <param name="Files">Every file written, in the order written: each data file, then its truth file.</param>
public sealed record SampleSummary(string OutputDirectory, int Households, int Persons, IReadOnlyList<SampleFile> Files)
{
    /// <summary>Data rows of one file, by relative path (<c>education.csv</c>); 0 when there is none.</summary>
    public int RowsOf(string relativePath)
    {
        foreach (var file in Files)
        {
            if (string.Equals(file.RelativePath, relativePath, StringComparison.Ordinal))
            {
                return file.Rows;
            }
        }

        return 0;
    }

    /// <summary>Total size of all files written.</summary>
    public long TotalBytes
    {
        get
        {
            long total = 0;
            foreach (var file in Files)
            {
                total += file.Bytes;
            }

            return total;
        }
    }
}
