using Matching.Cli.Localization;
namespace Matching.Cli.Worker;

/// <summary>
/// Where departments drop their extracts and where the worker moves them (<c>folders</c> in <c>jobs/worker.json</c>).
/// Relative paths resolve against the current directory. Keep all three on one volume: a move is then a rename,
/// which cannot leave half a file behind.
/// </summary>
internal sealed record DropFolderOptions
{
    public const int MaxStableSeconds = 3600;

    /// <value>Files arrive in <c>&lt;drop&gt;/&lt;department&gt;/</c>. Default <c>drop</c>.</value>
    public string Drop { get; init; } = "drop";

    /// <value>Processed files: <c>&lt;archive&gt;/&lt;department&gt;/&lt;yyyy-MM-dd&gt;/&lt;name&gt;</c>. Default <c>archive</c>.</value>
    public string Archive { get; init; } = "archive";

    /// <value>Refused files: <c>&lt;rejected&gt;/&lt;department&gt;/&lt;name&gt;</c> and <c>&lt;name&gt;.error.txt</c>. Default <c>rejected</c>.</value>
    public string Rejected { get; init; } = "rejected";

    /// <value>How long a file's size and modification time must stay unchanged before it is taken, in seconds. Default 60.</value>
    public int StableSeconds { get; init; } = 60;

    /// <summary>Every bad setting, named as in the worker's JSON; empty when all are fine.</summary>
    public IEnumerable<string> Problems()
    {
        var folders = new[] { ("drop", Drop), ("archive", Archive), ("rejected", Rejected) };
        var usable = new List<(string Name, string Full)>();
        foreach (var (name, value) in folders)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return Text.Format("FoldersEmpty", name);
            }
            else if (value.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                yield return Text.Format("FoldersBadChar", name);
            }
            else
            {
                usable.Add((name, Path.TrimEndingDirectorySeparator(Path.GetFullPath(value))));
            }
        }

        // Rejected (or archived) files landing back in the drop folder would be taken again at every run.
        // Ignoring case errs on the safe side: Windows and macOS folders are case-insensitive.
        for (var i = 0; i < usable.Count; i++)
        {
            for (var j = i + 1; j < usable.Count; j++)
            {
                if (string.Equals(usable[i].Full, usable[j].Full, StringComparison.OrdinalIgnoreCase))
                {
                    yield return Text.Format("FoldersSame", usable[i].Name, usable[j].Name);
                }
            }
        }

        if (StableSeconds is < 0 or > MaxStableSeconds)
        {
            yield return Text.Format("FoldersStableRange", MaxStableSeconds);
        }
    }
}
