using System.Text;
using Matching.Cli.Worker;
using Matching.Testing;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Retry;

namespace Matching.Cli.Tests.Worker;

public sealed class DropFolderTests : IDisposable
{
    private const string Department = "education";

    // 2026-03-01 17:30 UTC is already 2026-03-02 in Beijing: the archive's date folder must follow local time.
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 17, 30, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "UTC+08", "UTC+08");

    private readonly TempFolder _temp = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly DropFolderOptions _options;

    public DropFolderTests()
    {
        _clock.SetLocalTimeZone(Beijing);
        _options = new DropFolderOptions
        {
            Drop = _temp.PathOf("drop"),
            Archive = _temp.PathOf("archive"),
            Rejected = _temp.PathOf("rejected"),
            StableSeconds = 60,
        };
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void StableFiles_FileJustWritten_NotReturnedUntilStableSecondsPass()
    {
        var path = Drop("a.csv", "姓名,身份证号\n", ageSeconds: 0);
        var drop = Folder();

        Assert.Empty(drop.StableFiles(Department));
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(drop.StableFiles(Department));
        _clock.Advance(TimeSpan.FromSeconds(1));

        var file = Assert.Single(drop.StableFiles(Department));
        Assert.Equal(new DroppedFile(Department, path, new FileInfo(path).Length, Start), file);
    }

    [Fact]
    public void StableFiles_FileAppendedAfterFirstSeen_NotReturnedUntilStableAgain()
    {
        var path = Drop("a.csv", "姓名,身份证号\n", ageSeconds: 0);
        var drop = Folder();
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(drop.StableFiles(Department));

        File.AppendAllText(path, "张三,1\n");
        File.SetLastWriteTimeUtc(path, _clock.GetUtcNow().UtcDateTime);
        _clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Empty(drop.StableFiles(Department)); // 70 s after the first write, 40 s after the last

        _clock.Advance(TimeSpan.FromSeconds(20));
        var file = Assert.Single(drop.StableFiles(Department));
        Assert.Equal(new FileInfo(path).Length, file.Size);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(-60), file.LastWriteUtc);
    }

    // Windows enforces FileShare for every program. On Linux .NET takes an advisory flock for FileShare, which
    // another FileStream sees (in this process too, as here) but a plain writer such as cp or Samba does not:
    // there the modification-time rule is what holds a file back.
    [Fact]
    public void StableFiles_FileHeldOpenByWriter_NotReturnedUntilClosed()
    {
        var path = Drop("a.csv", "姓名,身份证号\n", ageSeconds: 120);
        var drop = Folder();

        using (new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            Assert.Empty(drop.StableFiles(Department));
        }

        Assert.Single(drop.StableFiles(Department));
    }

    [Fact]
    public void StableFiles_SeveralFiles_OldestFirstThenByName()
    {
        Drop("b.csv", "b", ageSeconds: 100);
        Drop("a.csv", "a", ageSeconds: 100);
        Drop("B.csv", "B", ageSeconds: 100);
        Drop("c.csv", "c", ageSeconds: 200);

        var names = Folder().StableFiles(Department).Select(f => Path.GetFileName(f.Path));

        Assert.Equal(["c.csv", "B.csv", "a.csv", "b.csv"], names);
    }

    [Theory]
    [InlineData(".hidden.csv")]
    [InlineData("~$名单.xlsx")]
    [InlineData("名单.xlsx.tmp")]
    [InlineData("名单.csv.part")]
    [InlineData("名单.csv.PART")]
    [InlineData("名单.csv.crdownload")]
    public void StableFiles_TemporaryName_Skipped(string name)
    {
        Drop(name, "x", ageSeconds: 3600);
        Drop("名单.csv", "x", ageSeconds: 3600);

        var file = Assert.Single(Folder().StableFiles(Department));

        Assert.Equal("名单.csv", Path.GetFileName(file.Path));
    }

    [Fact]
    public void StableFiles_MissingDepartmentFolder_CreatedAndEmpty()
    {
        Assert.Empty(Folder().StableFiles("civil-affairs"));

        Assert.True(Directory.Exists(Path.Combine(_options.Drop, "civil-affairs")));
    }

    [Fact]
    public void StableFiles_FileInSubfolder_NotReturned()
    {
        var sub = Directory.CreateDirectory(Path.Combine(_options.Drop, Department, "old")).FullName;
        var path = Path.Combine(sub, "a.csv");
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, Start.AddHours(-1).UtcDateTime);

        Assert.Empty(Folder().StableFiles(Department));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    public void StableFiles_DepartmentNotAPlainFolderName_Throws(string department)
    {
        Assert.Throws<ArgumentException>(() => Folder().StableFiles(department));
    }

    [Fact]
    public void Archive_StableFile_MovedToLocalDateFolder()
    {
        Drop("a.csv", "姓名,身份证号\n", ageSeconds: 120);
        var drop = Folder();
        var file = Assert.Single(drop.StableFiles(Department));

        var archived = drop.Archive(file);

        Assert.Equal(Path.Combine(_options.Archive, Department, "2026-03-02", "a.csv"), archived);
        Assert.Equal("姓名,身份证号\n", File.ReadAllText(archived));
        Assert.False(File.Exists(file.Path));
        Assert.Empty(drop.StableFiles(Department));
    }

    [Fact]
    public void Archive_SameNameThreeTimesInADay_NumberedNeverOverwritten()
    {
        var drop = Folder();
        var archived = new List<string>();
        foreach (var content in new[] { "first", "second", "third" })
        {
            Drop("名单.csv", content, ageSeconds: 120);
            archived.Add(drop.Archive(Assert.Single(drop.StableFiles(Department))));
        }

        var folder = Path.Combine(_options.Archive, Department, "2026-03-02");
        Assert.Equal([Path.Combine(folder, "名单.csv"), Path.Combine(folder, "名单 (2).csv"), Path.Combine(folder, "名单 (3).csv")], archived);
        Assert.Equal(["first", "second", "third"], archived.Select(File.ReadAllText));
    }

    [Fact]
    public void Archive_ChineseNameWithSpaces_RoundTrips()
    {
        const string name = "教育 名单 2026.csv";
        const string content = "姓名,身份证号\n张三,1\n";
        Drop(name, content, ageSeconds: 120);
        var drop = Folder();
        var file = Assert.Single(drop.StableFiles(Department));

        var archived = drop.Archive(file);

        Assert.Equal(name, Path.GetFileName(file.Path));
        Assert.Equal(name, Path.GetFileName(archived));
        Assert.Equal(content, File.ReadAllText(archived));
        Assert.Equal(Encoding.UTF8.GetByteCount(content), file.Size);
    }

    [Fact]
    public void Reject_WritesErrorNoteWithReasonBesideFile()
    {
        const string name = "教育 名单 2026.csv";
        Drop(name, "not a table", ageSeconds: 120);
        var drop = Folder();
        var file = Assert.Single(drop.StableFiles(Department));

        var rejected = drop.Reject(file, "没有身份证号列 (no ID column)");

        Assert.Equal(Path.Combine(_options.Rejected, Department, name), rejected);
        Assert.Equal("not a table", File.ReadAllText(rejected));
        Assert.False(File.Exists(file.Path));
        var note = File.ReadAllLines(rejected + ".error.txt", Encoding.UTF8);
        Assert.Equal("没有身份证号列 (no ID column)", note[0]);
        Assert.Contains("2026-03-02 01:30:00 +08:00", note[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Reject_SameNameTwice_SecondNumberedWithItsOwnNote()
    {
        var drop = Folder();
        Drop("a.csv", "x", ageSeconds: 120);
        var first = drop.Reject(Assert.Single(drop.StableFiles(Department)), "first reason");
        Drop("a.csv", "y", ageSeconds: 120);
        var second = drop.Reject(Assert.Single(drop.StableFiles(Department)), "second reason");

        Assert.Equal("a (2).csv", Path.GetFileName(second));
        Assert.StartsWith("first reason", File.ReadAllText(first + ".error.txt"), StringComparison.Ordinal);
        Assert.StartsWith("second reason", File.ReadAllText(second + ".error.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public void Reject_LeftoverErrorNoteWithoutFile_NotOverwritten()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_options.Rejected, Department)).FullName;
        File.WriteAllText(Path.Combine(folder, "a.csv.error.txt"), "an older reason");
        Drop("a.csv", "x", ageSeconds: 120);
        var drop = Folder();

        var rejected = drop.Reject(Assert.Single(drop.StableFiles(Department)), "new reason");

        Assert.Equal(Path.Combine(folder, "a (2).csv"), rejected);
        Assert.Equal("an older reason", File.ReadAllText(Path.Combine(folder, "a.csv.error.txt")));
    }

    [Fact]
    public void Archive_MoveFailsOnce_RetriedByCallersPipeline()
    {
        Drop("a.csv", "x", ageSeconds: 120);
        // A file where the date folder should be makes creating that folder fail with an IOException.
        var dated = Path.Combine(_options.Archive, Department, "2026-03-02");
        Directory.CreateDirectory(Path.GetDirectoryName(dated)!);
        File.WriteAllText(dated, "in the way");
        var retries = 0;
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>(),
                MaxRetryAttempts = 3,
                Delay = TimeSpan.Zero,
                OnRetry = _ =>
                {
                    retries++;
                    File.Move(dated, dated + ".moved-aside");
                    return default;
                },
            })
            .Build();
        var drop = new DropFolder(_options, _clock, pipeline);

        var archived = drop.Archive(Assert.Single(drop.StableFiles(Department)));

        Assert.Equal(1, retries);
        Assert.Equal(Path.Combine(dated, "a.csv"), archived);
        Assert.Equal("x", File.ReadAllText(archived));
    }

    [Fact]
    public void Archive_MoveFailsWithoutRetry_ThrowsAndFileStaysInDrop()
    {
        var path = Drop("a.csv", "x", ageSeconds: 120);
        var dated = Path.Combine(_options.Archive, Department, "2026-03-02");
        Directory.CreateDirectory(Path.GetDirectoryName(dated)!);
        File.WriteAllText(dated, "in the way");
        var drop = Folder();

        Assert.ThrowsAny<IOException>(() => drop.Archive(Assert.Single(drop.StableFiles(Department))));

        Assert.Equal("x", File.ReadAllText(path));
    }

    [Fact]
    public void Problems_Defaults_None()
    {
        Assert.Empty(new DropFolderOptions().Problems());
    }

    [Fact]
    public void Problems_BadSettings_EachNamed()
    {
        var options = new DropFolderOptions { Drop = " ", Archive = "", Rejected = null!, StableSeconds = 3601 };

        Assert.Equal(
            [
                "folders:drop must not be empty",
                "folders:archive must not be empty",
                "folders:rejected must not be empty",
                "folders:stableSeconds must be 0 to 3600",
            ],
            options.Problems());
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(3600, true)]
    [InlineData(3601, false)]
    public void Problems_StableSeconds_ZeroTo3600(int seconds, bool valid)
    {
        Assert.Equal(valid, !new DropFolderOptions { StableSeconds = seconds }.Problems().Any());
    }

    [Fact]
    public void Problems_RejectedIsDropFolder_Named()
    {
        var options = new DropFolderOptions { Drop = _temp.PathOf("in"), Rejected = _temp.PathOf("in") + Path.DirectorySeparatorChar };

        var problem = Assert.Single(options.Problems());

        Assert.Equal("folders:drop and folders:rejected must be different folders", problem);
    }

    private DropFolder Folder() => new(_options, _clock, ResiliencePipeline.Empty);

    /// <summary>Writes a file into the department's drop folder, last written <paramref name="ageSeconds"/> before the fake now.</summary>
    private string Drop(string name, string content, int ageSeconds)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_options.Drop, Department)).FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, _clock.GetUtcNow().AddSeconds(-ageSeconds).UtcDateTime);
        return path;
    }
}
