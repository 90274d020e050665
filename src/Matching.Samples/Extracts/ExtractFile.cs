namespace Matching.Samples.Extracts;

/// <summary>A department extract ready to write: its department code, optional title line, header and rows.</summary>
internal sealed record ExtractFile(string Department, string? Title, string[] Header, bool Gb18030, List<ExtractRow> Rows)
{
    /// <summary>The file's name without <c>.csv</c>: the department code, or for one of a ledger's monthly files <c>medical-bills-2026-11</c>.</summary>
    public string Stem { get; init; } = Department;

    public string FileName => Stem + ".csv";

    /// <summary>The spreadsheet row number of the first data row: after the title (if any) and the header.</summary>
    public int FirstDataRow => Title is null ? 2 : 3;
}
