using System.Text;
using Matching.Core.Tables;

namespace Matching.Core.Tests.Tables;

public sealed class StoredDateTests
{
    [Theory]
    [InlineData("2026-12-03")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("2026-04-31")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("2026/12/03")]
    [InlineData("2026-1-203")]
    [InlineData("2026-12-0x")]
    [InlineData("+026-12-03")]
    [InlineData(" 026-12-03")]
    [InlineData("２０２６-12-03")]
    [InlineData("2026-12-3")]
    [InlineData("")]
    public void Parse_Utf8_SameAsTheTextParse(string text)
    {
        var fromBytes = StoredDate.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(StoredDate.Parse(text), fromBytes);
    }

    [Fact]
    public void Format_WrittenByHand_SameAsTheCulturesFormatting()
    {
        var days = new List<DateOnly> { DateOnly.MinValue, DateOnly.MaxValue, new(9, 9, 9), new(99, 10, 10), new(999, 12, 31), new(1000, 1, 1) };
        for (var day = new DateOnly(2024, 1, 1); day.Year == 2024; day = day.AddDays(1))
        {
            days.Add(day);
        }

        Assert.All(days, day => Assert.Equal(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StoredDate.Format(day)));
    }

    [Fact]
    public void Parse_Utf8_EveryDayOfALeapYearRoundTrips()
    {
        for (var day = new DateOnly(2024, 1, 1); day.Year == 2024; day = day.AddDays(1))
        {
            Assert.Equal(day, StoredDate.Parse(Encoding.UTF8.GetBytes(StoredDate.Format(day))));
        }
    }
}
