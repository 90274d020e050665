using Matching.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary><c>matching status</c> as the operator reads it in the morning (issue 17).</summary>
public sealed class StatusCommandTests
{
    /// <summary>14:29 UTC is 22:29 in Beijing, the same calendar day.</summary>
    private static readonly DateTimeOffset LoadedAt = new(2026, 12, 4, 14, 29, 30, TimeSpan.Zero);

    [Fact]
    public async Task Status_LoadedTime_OnTheBureausClockToTheMinute()
    {
        using var cli = new CliRun();
        var clock = new FakeTimeProvider(LoadedAt);
        Assert.Equal(0, (await cli.RunAtAsync(clock, "init")).Exit);
        Assert.Equal(0, (await cli.RunAtAsync(clock, "lowincome", "import", Path.Combine(RepositoryPaths.SampleData, "lowincome.csv"), "--rejects", cli.PathOf("r.xlsx"))).Exit);
        var paris = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(paris, """{ "worker": { "timeZone": "Europe/Paris" } }""");

        var shanghai = await cli.RunAtAsync(clock, "status", "--jobs", Path.Combine(RepositoryPaths.Root, "jobs", "worker.json"));
        var inParis = await cli.RunAtAsync(clock, "status", "--config", paris);

        Assert.Equal(0, shanghai.Exit);
        Assert.Contains("loaded 2026-12-04 22:29)", shanghai.Out, StringComparison.Ordinal);
        Assert.Contains("loaded 2026-12-04 15:29)", inParis.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d\dT\d\d:\d\d", shanghai.Out);
    }

    [Fact]
    public async Task Status_UnknownBureauZone_RefusedNamingTheSetting()
    {
        using var cli = new CliRun();
        var config = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(config, """{ "worker": { "timeZone": "Mars/Olympus" } }""");

        var (exit, _, error) = await cli.RunAsync("status", "--config", config);

        Assert.Equal(2, exit);
        Assert.Contains("worker:timeZone 'Mars/Olympus'", error, StringComparison.Ordinal);
    }
}
