using Matching.Core.Tables;

namespace Matching.Core.Tests.Tables;

public sealed class ColumnLettersTests
{
    [Theory]
    [InlineData(1, "A")]
    [InlineData(2, "B")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(52, "AZ")]
    [InlineData(53, "BA")]
    [InlineData(702, "ZZ")]
    [InlineData(703, "AAA")]
    [InlineData(ColumnLetters.MaxExcel, "XFD")]
    public void Of_ExcelsOwnNumbers(int number, string letters)
    {
        Assert.Equal(letters, ColumnLetters.Of(number));
    }

    [Fact]
    public void Of_PastTheLastExcelColumn_GoesOn()
    {
        Assert.Equal("XFE", ColumnLetters.Of(ColumnLetters.MaxExcel + 1));
        Assert.Equal("FXSHRXW", ColumnLetters.Of(int.MaxValue));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Of_BelowOne_Refused(int number)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnLetters.Of(number));
    }

    [Fact]
    public void Of_EveryExcelColumn_DistinctAndInOrder()
    {
        var all = Enumerable.Range(1, ColumnLetters.MaxExcel).Select(ColumnLetters.Of).ToList();

        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(
            pair.First.Length < pair.Second.Length || (pair.First.Length == pair.Second.Length && string.CompareOrdinal(pair.First, pair.Second) < 0),
            $"{pair.First} before {pair.Second}"));
    }
}
