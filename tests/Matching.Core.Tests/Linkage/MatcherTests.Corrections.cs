using CsCheck;
using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Core.Tests.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Linkage;

public partial class MatcherTests
{
    [Theory]
    [InlineData(15, '5')] // sequence 123 typed 153
    [InlineData(3, '8')] // region typed 419801
    [InlineData(17, '7')] // wrong check character
    [InlineData(10, '7')] // month typed 71: birth date invalid
    [InlineData(0, '9')] // province typed 91: unknown
    public void Match_OneWrongDigitWithSoleCandidateAndSameName_Corrected(int position, char typed)
    {
        var result = _matcher.Match(TestIds.Substitute(Zhang.Value, position, typed), "张三");

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.Corrected, result.Method);
        Assert.Equal(0, result.Person);
        Assert.Equal(Matcher.CorrectedConfidence, result.Confidence);
        Assert.Equal(0.95, result.Confidence);
        Assert.EndsWith("name agrees", result.Reason, StringComparison.Ordinal);
        Assert.Contains("1 of ", result.Reason, StringComparison.Ordinal);
        Assert.Contains(Zhang.Masked, result.Reason, StringComparison.Ordinal);
        AssertNoFullId(result);
    }

    [Fact]
    public void Match_AdjacentSwapWithSoleCandidateAndSameName_Corrected()
    {
        var result = _matcher.Match(TestIds.SwapAdjacent(Zhang.Value, 14), "张 三");

        Assert.Equal(MatchMethod.Corrected, result.Method);
        Assert.Equal(0, result.Person);
    }

    [Fact]
    public void Match_LowercaseSlippedIdWithSoleCandidate_Corrected()
    {
        var result = _matcher.Match(TestIds.Substitute(Li.Value, 12, Li.Value[12] == '9' ? '8' : '9').ToLowerInvariant(), "李四");

        Assert.Equal(MatchMethod.Corrected, result.Method);
        Assert.Equal(1, result.Person);
    }

    [Fact]
    public void Match_TwinsBothOneSlipFromTypedId_NameOfNeitherOrNone_UnmatchedAsAmbiguous()
    {
        Assert.NotEqual(TwinA.Check, TwinB.Check);
        var typed = TwinA.Value[..17] + TwinB.Check;

        foreach (var name in new[] { "赵三", string.Empty })
        {
            var result = _matcher.Match(typed, name);

            Assert.Equal(MatchStatus.Unmatched, result.Status);
            Assert.Equal(MatchMethod.None, result.Method);
            Assert.Equal(-1, result.Person);
            Assert.Equal(0, result.Confidence);
            Assert.EndsWith("ambiguous", result.Reason, StringComparison.Ordinal);
            Assert.Equal(MatchMiss.Ambiguous, result.Miss);
            Assert.Contains(TwinA.Masked, result.Reason, StringComparison.Ordinal);
            Assert.Contains(TwinB.Masked, result.Reason, StringComparison.Ordinal);
            AssertNoFullId(result);
        }
    }

    [Theory]
    [InlineData("赵一", 4)]
    [InlineData("赵二", 5)]
    public void Match_TwinsBothOneSlipFromTypedId_TheTwinWhoseNameAgrees(string name, int twin)
    {
        var typed = TwinA.Value[..17] + TwinB.Check;

        var result = _matcher.Match(typed, name);

        Assert.Equal(MatchMethod.Corrected, result.Method);
        Assert.Equal(twin, result.Person);
        Assert.Equal(Matcher.CorrectedAmongSeveralConfidence, result.Confidence);
        Assert.EndsWith("only one name agrees", result.Reason, StringComparison.Ordinal);
        AssertNoFullId(result);
    }

    [Fact]
    public void Match_EachTwinByOwnId_NeverMerged()
    {
        Assert.Equal(4, _matcher.Match(TwinA.Value, "赵一").Person);
        Assert.Equal(5, _matcher.Match(TwinB.Value, "赵二").Person);
        Assert.False(_matcher.Match(TwinA.Value, "赵二").IsMatched);
    }

    [Fact]
    public void Match_TypoWhoseOnlyCandidateHasAnotherName_Unmatched()
    {
        var result = _matcher.Match(TestIds.Substitute(Zhang.Value, 15, '5'), "李四");

        Assert.Equal(MatchStatus.Unmatched, result.Status);
        Assert.Equal(-1, result.Person);
        Assert.EndsWith("name disagrees", result.Reason, StringComparison.Ordinal);
        Assert.Equal(MatchMiss.NameDisagrees, result.Miss);
        AssertNoFullId(result);
    }

    [Fact]
    public void Match_TypoWithSoleCandidateButNoName_Unmatched()
    {
        var result = _matcher.Match(TestIds.Substitute(Zhang.Value, 15, '5'), string.Empty);

        Assert.Equal(MatchStatus.Unmatched, result.Status);
        Assert.EndsWith("no name to confirm", result.Reason, StringComparison.Ordinal);
        Assert.Equal(MatchMiss.NoNameToConfirm, result.Miss);
    }

    [Fact]
    public void Match_TypoWithNoCandidateInIndex_Rejected()
    {
        var stranger = TestIds.Make(TestIds.Jiyuan, new DateOnly(2001, 9, 9), 77);

        var result = _matcher.Match(TestIds.Substitute(stranger.Value, 15, stranger.Value[15] == '1' ? '2' : '1'), "张三");

        Assert.Equal(MatchStatus.Rejected, result.Status);
        Assert.Equal(MatchMiss.Unusable, result.Miss);
        Assert.Equal(-1, result.Person);
        Assert.Contains("0 of ", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_AnySingleSlipOfSolePerson_CorrectedToThatPerson()
    {
        Gen.Select(IdGen.Valid, Gen.Int[0, 17], Gen.Int[1, 9], Gen.Bool).Sample((id, position, shift, swap) =>
        {
            var value = id.Value;
            var slipped = swap && value[position % 17] != value[(position % 17) + 1]
                ? TestIds.SwapAdjacent(value, position % 17)
                : TestIds.Substitute(value, position, Shift(value[position], shift));
            var matcher = new Matcher(new PopulationBuilder().Person(id, "张三").Build());

            var result = matcher.Match(slipped, "张三");

            Assert.Equal(MatchMethod.Corrected, result.Method);
            Assert.Equal(0, result.Person);
        }, iter: 2_000);
    }

    private static char Shift(char c, int shift) => (char)('0' + (((c == 'X' ? 10 : c - '0') + shift) % 10));
}
