using Matching.Cli.Worker;
using Matching.Testing;

namespace Matching.Cli.Tests.Worker;

public sealed class StrayFilesTests
{
    [Fact]
    public void New_FilesOutsideDepartmentFolders_EachReportedOnceUntilGone()
    {
        using var temp = new TempFolder("matching-strays-");
        var drop = Path.Combine(temp.Root, "drop");
        Directory.CreateDirectory(Path.Combine(drop, "education"));
        Directory.CreateDirectory(Path.Combine(drop, "foo"));
        File.WriteAllText(Path.Combine(drop, "education", "taken.csv"), "x");
        File.WriteAllText(Path.Combine(drop, "loose.csv"), "x");
        File.WriteAllText(Path.Combine(drop, "foo", "x.csv"), "x");
        var strays = new StrayFiles(drop);

        var first = strays.New(["education"]);
        var second = strays.New(["education"]);
        File.Delete(Path.Combine(drop, "loose.csv"));
        strays.New(["education"]);
        File.WriteAllText(Path.Combine(drop, "loose.csv"), "again");
        var third = strays.New(["education"]);

        Assert.Equal([Path.Combine(drop, "foo", "x.csv"), Path.Combine(drop, "loose.csv")], first);
        Assert.Empty(second);
        Assert.Equal([Path.Combine(drop, "loose.csv")], third);
    }
}
