using Matching.Core.Errors;
using Matching.Storage.Resilience;

namespace Matching.Storage.Tests.Resilience;

public sealed class ResilienceOptionsTests
{
    [Fact]
    public void Problems_Defaults_None()
    {
        Assert.Empty(new ResilienceOptions().Problems());
    }

    [Fact]
    public void Problems_RetriesOff_Fine()
    {
        Assert.Empty(new ResilienceOptions { DatabaseRetries = 0, FileRetries = 0, DatabaseDelayMilliseconds = 0, FileDelayMilliseconds = 0 }.Problems());
    }

    [Fact]
    public void Problems_EverySettingOutOfRange_EachNamed()
    {
        var options = new ResilienceOptions
        {
            DatabaseRetries = -1,
            DatabaseDelayMilliseconds = 60_001,
            OpenTimeoutSeconds = 0,
            CommitTimeoutSeconds = 86_401,
            BreakerFailureRatio = 0,
            BreakerMinimumThroughput = 1,
            BreakerSamplingSeconds = 0,
            BreakerBreakSeconds = -5,
            FileRetries = 11,
            FileDelayMilliseconds = -1,
        };

        var problems = options.Problems().ToList();

        Assert.Equal(
        [
            "resilience:databaseRetries", "resilience:databaseDelayMilliseconds", "resilience:openTimeoutSeconds",
            "resilience:commitTimeoutSeconds", "resilience:breakerFailureRatio", "resilience:breakerMinimumThroughput",
            "resilience:breakerSamplingSeconds", "resilience:breakerBreakSeconds", "resilience:fileRetries", "resilience:fileDelayMilliseconds",
        ], problems.Select(p => p[..p.IndexOf(' ', StringComparison.Ordinal)]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    public void Problems_FailureRatioOutsideZeroToOne_Named(double ratio)
    {
        var problem = Assert.Single(new ResilienceOptions { BreakerFailureRatio = ratio }.Problems());

        Assert.StartsWith("resilience:breakerFailureRatio must be above 0 and at most 1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageResilience_BadOptions_OneMessageNamingEach()
    {
        var error = Assert.Throws<MatchingException>(() => new StorageResilience(new ResilienceOptions { DatabaseRetries = 99, FileRetries = -1 }));

        Assert.Equal("resilience:databaseRetries must be 0 to 10; resilience:fileRetries must be 0 to 10", error.Message);
    }
}
