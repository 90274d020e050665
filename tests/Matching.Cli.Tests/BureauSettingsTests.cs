namespace Matching.Cli.Tests;

public sealed class BureauSettingsTests
{
    [Fact]
    public void Zone_Default_Shanghai()
    {
        Assert.Equal(BureauClock.DefaultTimeZone, new BureauSettings().Zone.Id);
    }

    [Fact]
    public void Zone_ChangedByWith_FollowsTheNewName()
    {
        var paris = new BureauSettings() with { TimeZone = "Europe/Paris" };

        Assert.Equal("Europe/Paris", paris.Zone.Id);
        Assert.Empty(paris.Problems());
    }

    [Fact]
    public void Zone_UnknownName_ReportedAsAProblemAndThrowsWhenRead()
    {
        var mars = new BureauSettings { TimeZone = "Mars/Olympus" };

        Assert.Contains("worker:timeZone 'Mars/Olympus'", Assert.Single(mars.Problems()), StringComparison.Ordinal);
        Assert.Throws<TimeZoneNotFoundException>(() => mars.Zone);
    }
}
