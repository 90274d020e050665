using Matching.Testing;

namespace Matching.Cli.Tests.Hostile;

/// <summary>
/// Least disclosure on disk (Linux): every file the demo writes (database and its -wal/-shm, match CSVs, reject
/// reports, workbooks) is 0600 and every folder it creates 0700, whatever the umask; <c>output:fileMode</c> "0640"
/// lets the group read.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    [SkippableFact]
    public async Task Demo_EveryFileOwnerOnly_EveryFolderOwnerOnly()
    {
        Skip.If(OperatingSystem.IsWindows(), "mode bits are a Unix matter");
        using var cli = new CliRun();
        var outDir = cli.PathOf("out");

        var (exit, _, error) = await cli.RunAsync("demo", "--sample-data", RepositoryPaths.SampleData, "--out", outDir);

        Assert.True(exit == 0, error);
        var files = Directory.GetFiles(cli.Folder, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("matching.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".rejects.xlsx", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("civil-affairs-overview.xlsx", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("education.csv", StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == OwnerFile, $"{f}: {File.GetUnixFileMode(f)}"));
        Assert.All(Directory.GetDirectories(cli.Folder, "*", SearchOption.AllDirectories),
            d => Assert.True(File.GetUnixFileMode(d) == OwnerFolder, $"{d}: {File.GetUnixFileMode(d)}"));
    }

    [SkippableFact]
    public async Task Export_GroupMode_FilesAndFoldersGroupReadable()
    {
        Skip.If(OperatingSystem.IsWindows(), "mode bits are a Unix matter");
        using var cli = new CliRun();
        var config = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(config, """{ "output": { "fileMode": "0640" } }""");
        Assert.Equal(0, (await cli.RunAsync("init", "--config", config)).Exit);

        var (exit, _, error) = await cli.RunAsync("export", "--out", cli.PathOf(Path.Combine("out", "warnings")), "--config", config);

        Assert.True(exit == 0, error);
        var group = OwnerFile | UnixFileMode.GroupRead;
        Assert.Equal(group, File.GetUnixFileMode(cli.Database));
        Assert.All(Directory.GetFiles(cli.PathOf("out"), "*", SearchOption.AllDirectories), f => Assert.Equal(group, File.GetUnixFileMode(f)));
        Assert.Equal(OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(cli.PathOf("out")));
    }

    [Theory]
    [InlineData("0644", "nothing to other users")]
    [InlineData("0400", "owner read and write")]
    [InlineData("rw-------", "octal")]
    [InlineData("0700", "executable")]
    public async Task Settings_BadFileMode_RefusedNamingTheSetting(string mode, string why)
    {
        using var cli = new CliRun();
        var config = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(config, $$"""{ "output": { "fileMode": "{{mode}}" } }""");

        var (exit, _, error) = await cli.RunAsync("init", "--config", config);

        Assert.Equal(2, exit);
        Assert.Contains("output:fileMode", error, StringComparison.Ordinal);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }
}
