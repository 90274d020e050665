namespace Matching.Samples.Extracts;

/// <summary>A department extract ready to write: its department code, optional title line, header and rows.</summary>
internal sealed record ExtractFile(string Department, string? Title, string[] Header, bool Gb18030, List<ExtractRow> Rows)
{
    public string FileName => Department + ".csv";

    /// <summary>The spreadsheet row number of the first data row: after the title (if any) and the header.</summary>
    public int FirstDataRow => Title is null ? 2 : 3;
}
