namespace Matching.Samples;

/// <summary>One file that <see cref="SampleGenerator"/> wrote.</summary>
/// <param name="RelativePath">Path under the output directory, with forward slashes: <c>truth/education.truth.csv</c>.</param>
/// <param name="Rows">Data rows (title and header lines not counted).</param>
/// <param name="Bytes">Size of the file.</param>
public sealed record SampleFile(string RelativePath, int Rows, long Bytes);
