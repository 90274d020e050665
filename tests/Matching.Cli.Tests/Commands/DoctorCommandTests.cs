namespace Matching.Cli.Tests.Commands;

/// <summary><c>matching doctor</c>: one screen, one line per check, exit 2 when something is wrong.</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_InitialisedDatabaseAndWritableFolders_NothingWrongExitZero()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        var jobs = cli.PathOf("worker.json");
        await File.WriteAllTextAsync(jobs, $$"""{ "folders": { "drop": "{{cli.PathOf("drop")}}", "archive": "{{cli.PathOf("archive")}}", "rejected": "{{cli.PathOf("rejected")}}" }, "outbox": "{{cli.PathOf("outbox")}}", "logFolder": "{{cli.PathOf("logs")}}" }""");
        var config = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(config, $$"""{ "rejectsFolder": "{{cli.PathOf("rejects")}}" }""");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli.Database, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var (exit, output, _) = await cli.RunAsync("doctor", "--jobs", jobs, "--config", config);

        Assert.True(exit == 0, output);
        Assert.Contains("ok    database         Sqlite: reachable, schema version", output, StringComparison.Ordinal);
        Assert.Contains("ok    time zone        Asia/Shanghai", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
        Assert.EndsWith("doctor: nothing wrong" + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_NoDatabaseAndAFolderUnderAFile_EachNamedExitTwo()
    {
        using var cli = new CliRun();
        var blocker = cli.PathOf("blocker");
        await File.WriteAllTextAsync(blocker, "a file where a folder should be");
        var config = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(config, $$"""{ "rejectsFolder": "{{Path.Combine(blocker, "rejects")}}" }""");

        var (exit, output, _) = await cli.RunAsync("doctor", "--config", config, "--jobs", cli.PathOf("none.json"));

        Assert.Equal(2, exit);
        Assert.Matches(@"FAIL  database .*does not exist; run `matching init`", output);
        Assert.Matches(@"FAIL  reject reports .*blocker", output);
        Assert.Contains("warn  worker schedule", output, StringComparison.Ordinal);
        Assert.Contains("doctor: 2 problems", output, StringComparison.Ordinal);
    }
}
