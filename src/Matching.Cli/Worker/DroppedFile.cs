namespace Matching.Cli.Worker;

/// <summary>A stable file found in <c>&lt;drop&gt;/&lt;department&gt;/</c>, as it was when it was found.</summary>
/// <param name="Department">The drop sub-folder it was found in.</param>
/// <param name="Path">Its full path.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="LastWriteUtc">Its modification time (UTC).</param>
internal sealed record DroppedFile(string Department, string Path, long Size, DateTimeOffset LastWriteUtc)
{
    /// <summary>The file name with its extension, e.g. <c>教育 名单 2026.csv</c>.</summary>
    public string Name => System.IO.Path.GetFileName(Path);
}
