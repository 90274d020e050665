using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Testing;

namespace Matching.Core.Tests.Linkage;

/// <summary>Names as extracts carry them: a minority name's separator dropped either side, a clerk's note after a name.</summary>
public partial class MatcherTests
{
    private static readonly IdNumber Dotless = TestIds.Make(TestIds.Jiyuan, new DateOnly(1981, 4, 9), 31);

    private readonly Matcher _names = new(new PopulationBuilder()
        .Household("N1", (Ayi, "阿依古丽·买买提"), (Dotless, "阿依努尔艾山"))
        .Household("N2", (Zhang, "张三"), (Wang, "王芳"))
        .Build());

    [Theory]
    [InlineData("阿依古丽买买提")]
    [InlineData("阿依古丽 买买提")]
    [InlineData("阿依古丽-买买提")]
    public void Match_SeparatorDroppedOrReplacedInTheExtract_Exact(string name)
    {
        var result = _names.Match(Ayi.Value, name);

        Assert.Equal(MatchMethod.Exact, result.Method);
        Assert.Equal(Matcher.ConfirmedConfidence, result.Confidence);
        Assert.Null(result.Reason);
    }

    [Theory]
    [InlineData("阿依努尔·艾山")]
    [InlineData("阿依努尔•艾山")]
    public void Match_SeparatorDroppedInTheDatabase_Exact(string name)
    {
        var result = _names.Match(Dotless.Value, name);

        Assert.Equal(MatchMethod.Exact, result.Method);
        Assert.Equal(1, result.Person);
    }

    [Fact]
    public void Match_SeparatorInOtherPlaces_NameMismatch()
    {
        var result = _names.Match(Ayi.Value, "阿依·古丽买买提");

        Assert.StartsWith(MatchResult.NameMismatch, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("张三（已故）")]
    [InlineData("张三(户主)")]
    [InlineData("张三2")]
    [InlineData("张三*")]
    public void Match_AnnotatedName_MatchedAndTheReasonSaysSo(string name)
    {
        var result = _names.Match(Zhang.Value, name);

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.Exact, result.Method);
        Assert.Equal(Matcher.ConfirmedConfidence, result.Confidence);
        Assert.Equal("an annotation on the name set aside", result.Reason);
    }

    [Fact]
    public void Match_AnnotatedNameWithCleanedId_BothInTheReason()
    {
        var result = _names.Match(" " + Zhang.Value, "张三（已故）");

        Assert.Equal(MatchMethod.Normalized, result.Method);
        Assert.Equal("spaces removed; an annotation on the name set aside", result.Reason);
    }

    [Fact]
    public void Match_AnnotatedNameOfAnotherPerson_StillNameMismatch()
    {
        var result = _names.Match(Zhang.Value, "李四（已故）");

        Assert.StartsWith(MatchResult.NameMismatch, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_AnnotatedNameOnACorrection_Corrected()
    {
        var slip = TestIds.SwapAdjacent(Zhang.Value, 10);

        var result = _names.Match(slip, "张三(户主)");

        Assert.Equal(MatchMethod.Corrected, result.Method);
        Assert.EndsWith("name agrees; an annotation on the name set aside", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_AnnotatedNameOfOneTwin_CorrectedAmongBothAndSaid()
    {
        var typo = string.Concat(TwinB.Value.AsSpan(0, 17), TwinA.Value.AsSpan(17)); // one slip from both twins

        var result = _matcher.Match(typo, "赵一（已故）");

        Assert.Equal(MatchMethod.Corrected, result.Method);
        Assert.Equal(Matcher.CorrectedAmongSeveralConfidence, result.Confidence);
        Assert.Equal(TwinA, Population.Id(result.Person));
        Assert.EndsWith("only one name agrees; an annotation on the name set aside", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_AnnotatedNameInTheFallback_FoundAndSaid()
    {
        var result = _names.Match(Scientific(Zhang), "张三（已故）");

        Assert.Equal(MatchMethod.NameBirthdate, result.Method);
        Assert.Equal(2, result.Person);
        Assert.EndsWith("1 has this name; an annotation on the name set aside", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_StarThatMayBeAMarkerOrAStandIn_NeverGuessedBetweenTwoPersons()
    {
        // 王芳* is 王芳 with a duplicate marker, or 王芳琰 with a stand-in: born the same day, neither is taken.
        var fang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 5, 5), 121);
        var fangyan = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 5, 5), 122);
        var matcher = new Matcher(new PopulationBuilder().Household("N3", (fang, "王芳"), (fangyan, "王芳琰")).Build());

        var blocked = matcher.Match(Scientific(fang), "王芳*");
        var typo = string.Concat(fangyan.Value.AsSpan(0, 17), fang.Value.AsSpan(17)); // one slip from both
        Assert.Equal(IdKind.CheckCharWrong, IdParser.Parse(typo).Kind);
        var corrected = matcher.Match(typo, "王芳*");

        Assert.False(blocked.IsMatched, blocked.Reason);
        Assert.Contains("ambiguous", blocked.Reason, StringComparison.Ordinal);
        Assert.Equal(MatchMiss.Ambiguous, blocked.Miss);
        Assert.False(corrected.IsMatched, corrected.Reason);
        Assert.True(matcher.Match(fang.Value, "王芳*").IsMatched);
        Assert.Equal(Matcher.StandInConfidence, matcher.Match(fangyan.Value, "王芳*").Confidence);
    }
}
