namespace Matching.Storage.Tests;

public sealed class StoredTimeTests
{
    [Fact]
    public void Format_AnyOffset_UtcToTheMillisecondFixedWidth()
    {
        var beijing = new DateTimeOffset(2026, 12, 4, 22, 29, 5, 7, TimeSpan.FromHours(8));

        Assert.Equal("2026-12-04T14:29:05.007Z", StoredTime.Format(beijing));
    }

    [Theory]
    [InlineData("2026-12-04T14:21:23.3184311Z")] // "O", as import batches were stored before
    [InlineData("2026-12-04T14:21:23Z")]         // runs, before
    [InlineData("2026-12-04T14:21:23.318Z")]     // the one format now
    public void Parse_EveryFormatEverWritten_SameInstantInUtc(string stored)
    {
        var at = StoredTime.Parse(stored);

        Assert.NotNull(at);
        Assert.Equal(TimeSpan.Zero, at.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 14, 21, 23, TimeSpan.Zero), at.Value.AddTicks(-(at.Value.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public void Parse_NotATime_Null() => Assert.Null(StoredTime.Parse("yesterday"));
}
