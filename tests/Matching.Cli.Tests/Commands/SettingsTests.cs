using System.Text.Json;
using Matching.Storage.Resilience;
using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary><c>matching.json</c>: every section read and validated once, at start-up, every problem named.</summary>
public sealed class SettingsTests
{
    [Fact]
    public void Load_ShippedSettings_EveryResilienceValueItsDefault()
    {
        var shipped = Path.Combine(RepositoryPaths.Root, "src", "Matching.Cli", "matching.json");

        var settings = MatchingSettings.Load(shipped);

        Assert.Equal(new ResilienceOptions(), settings.Resilience);
    }

    [Fact]
    public async Task Load_ResilienceSection_BoundAndTheRestKept()
    {
        using var cli = new CliRun();
        var path = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { resilience = new { databaseRetries = 0, fileDelayMilliseconds = 50 } }));

        var settings = MatchingSettings.Load(path);

        Assert.Equal(new ResilienceOptions { DatabaseRetries = 0, FileDelayMilliseconds = 50 }, settings.Resilience);
    }

    [Fact]
    public async Task AnyCommand_ResilienceOutOfRange_Exit2WithOneLineNamingFileAndEverySetting()
    {
        using var cli = new CliRun();
        var path = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { resilience = new { databaseRetries = 20, breakerFailureRatio = 0 } }));

        var (exit, output, error) = await cli.RunAsync("status", "--config", path);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains("resilience:databaseRetries must be 0 to 10", line, StringComparison.Ordinal);
        Assert.Contains("resilience:breakerFailureRatio", line, StringComparison.Ordinal);
    }
}
