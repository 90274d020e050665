namespace Matching.Testing;

/// <summary>Finds folders of the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the first folder upward holding Matching.sln.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Matching.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Matching.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The committed sample data.</summary>
    public static string SampleData => Path.Combine(Root, "sample-data");
}
