namespace Matching.Cli.Worker;

/// <summary>
/// Files the intake never takes: directly in the drop folder, or in a folder of it that is no department's
/// (<c>drop/foo/x.csv</c>, a misspelt <c>drop/educaton/</c>). Each is reported once per worker (the caller logs it)
/// and left where it is: nothing guesses which department a file belongs to.
/// </summary>
internal sealed class StrayFiles(string dropRoot)
{
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>The stray files not reported before, in name order.</summary>
    public IReadOnlyList<string> New(IEnumerable<string> departments)
    {
        var root = new DirectoryInfo(Path.GetFullPath(dropRoot));
        if (!root.Exists)
        {
            return [];
        }

        var known = departments.ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var entry in root.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry is DirectoryInfo folder)
            {
                if (!known.Contains(folder.Name))
                {
                    found.AddRange(folder.EnumerateFiles().Select(f => f.FullName).Order(StringComparer.Ordinal));
                }
            }
            else if (!entry.Name.StartsWith('.'))
            {
                found.Add(entry.FullName);
            }
        }

        // Forget files gone since (moved away by the operator): one dropped again later is reported again.
        _reported.IntersectWith(found);
        return [.. found.Where(_reported.Add)];
    }
}
