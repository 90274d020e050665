using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

/// <summary>Examples here; properties over generated IDs in IdCorrectionsTests.Properties.cs.</summary>
public partial class IdCorrectionsTests
{
    private static readonly IdNumber Zhang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 1, 1), 123); // 419001199001011230

    [Fact]
    public void Candidates_WrongCheckChar_ContainsTheIdWithTheRightOne()
    {
        var keys = Candidates("419001199001011231");

        Assert.Contains(Zhang.Key, keys);
    }

    [Fact]
    public void Candidates_OneWrongDigit_ContainsOriginal()
    {
        var keys = Candidates(TestIds.Substitute(Zhang.Value, 10, '7'));

        Assert.Contains(Zhang.Key, keys);
    }

    [Fact]
    public void Candidates_AdjacentSwap_ContainsOriginal()
    {
        var keys = Candidates(TestIds.SwapAdjacent(Zhang.Value, 14)); // sequence 123 typed as 213

        Assert.Contains(Zhang.Key, keys);
    }

    [Fact]
    public void Candidates_CheckXSwappedIntoTheSequence_ContainsOriginal()
    {
        var id = TestIds.WithCheck('X', new DateOnly(1982, 7, 15));

        var keys = Candidates(TestIds.SwapAdjacent(id.Value, 16));

        Assert.Contains(id.Key, keys);
    }

    [Fact]
    public void Candidates_TwinsOneSlipApart_ContainsBoth()
    {
        // Twins: same region and birth date, sequences 001 and 002. A's 17 digits with B's check character is one
        // slip from either: A with a wrong check, or B with a wrong last sequence digit.
        var birth = new DateOnly(1985, 6, 15);
        var a = TestIds.Make(TestIds.Jiyuan, birth, 1);
        var b = TestIds.Make(TestIds.Jiyuan, birth, 2);

        var keys = Candidates(a.Value[..17] + b.Check);

        Assert.Contains(a.Key, keys);
        Assert.Contains(b.Key, keys);
    }

    [Fact]
    public void Candidates_AnyResult_AreValidDistinctAndWithinMax()
    {
        var keys = Candidates("419001199001011231");

        Assert.InRange(keys.Length, 1, IdCorrections.MaxCandidates);
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.All(keys, key => Assert.True(IdNumber.TryFromKey(key, out _)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("41900119900101123")] // 17
    [InlineData("4190011990010112301")] // 19
    [InlineData("41900119900101123a")]
    [InlineData("41900119900101123x")] // not normalised
    [InlineData("419001 99001011230")]
    [InlineData("４19001199001011230")]
    public void Candidates_NotEighteenDigitsOrX_ReturnsZero(string text)
    {
        Assert.Empty(Candidates(text));
    }

    private static long[] Candidates(string normalized18)
    {
        Span<long> dest = stackalloc long[IdCorrections.MaxCandidates];
        var count = IdCorrections.Candidates(normalized18, dest);
        return dest[..count].ToArray();
    }
}
