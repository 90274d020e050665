using Matching.Cli.Worker;
using Matching.Core.Errors;
using Matching.Testing;

namespace Matching.Cli.Tests.Worker;

public sealed class WorkerSettingsTests
{
    [Fact]
    public void Load_ShippedSchedule_NightlyAtTwoInShanghai()
    {
        var settings = WorkerSettings.Load(Path.Combine(RepositoryPaths.Root, "jobs", "worker.json"));

        Assert.Equal(("0 0 2 * * ?", "Asia/Shanghai", 60), (settings.NightlyCron, settings.Zone.Id, settings.Folders.StableSeconds));
        Assert.Empty(settings.ImportCrons);
    }

    [Fact]
    public void Load_NoZoneInSchedule_TakesTheBureausZone()
    {
        using var temp = new TempFolder("matching-jobs-");
        var file = Path.Combine(temp.Root, "worker.json");
        File.WriteAllText(file, """{ "nightlyCron": "0 0 2 * * ?" }""");
        var own = Path.Combine(temp.Root, "own.json");
        File.WriteAllText(own, """{ "timeZone": "Asia/Urumqi" }""");

        Assert.Equal("Europe/Paris", WorkerSettings.Load(file, "Europe/Paris").Zone.Id);
        Assert.Equal("Asia/Urumqi", WorkerSettings.Load(own, "Europe/Paris").Zone.Id);
    }

    [Fact]
    public void Zone_UnknownName_ThrowsWhenRead()
    {
        var mars = new WorkerSettings { TimeZone = "Mars/Olympus" };

        Assert.Throws<TimeZoneNotFoundException>(() => mars.Zone);
        Assert.Equal(BureauClock.DefaultTimeZone, (mars with { TimeZone = null }).Zone.Id);
    }

    [Fact]
    public void Load_BadCronAndZone_OneMessageNamingEach()
    {
        using var temp = new TempFolder("matching-jobs-");
        var file = Path.Combine(temp.Root, "worker.json");
        File.WriteAllText(file, """{ "timeZone": "Mars/Olympus", "nightlyCron": "at two", "importCrons": { "education": "0 0 25 * * ?" } }""");

        var error = Assert.Throws<MatchingException>(() => WorkerSettings.Load(file));

        Assert.StartsWith(file + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains("timeZone 'Mars/Olympus'", error.Message, StringComparison.Ordinal);
        Assert.Contains("nightlyCron 'at two'", error.Message, StringComparison.Ordinal);
        Assert.Contains("importCrons:education", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_OneLineNamingTheFile()
    {
        using var temp = new TempFolder("matching-jobs-");
        var file = Path.Combine(temp.Root, "worker.json");
        File.WriteAllText(file, "nightly at 2");

        var error = Assert.Throws<MatchingException>(() => WorkerSettings.Load(file));

        Assert.Contains("not valid schedule JSON", error.Message, StringComparison.Ordinal);
    }
}
