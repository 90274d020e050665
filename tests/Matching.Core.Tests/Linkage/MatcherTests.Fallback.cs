using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Testing;

namespace Matching.Core.Tests.Linkage;

/// <summary>name_birthdate: an unusable ID, a block on the digits that survived (or a birth-date column), the name.</summary>
public partial class MatcherTests
{
    [Fact]
    public void Match_SixteenDigits_FoundByRegionBirthDateAndName()
    {
        var result = _matcher.Match(Zhang.Value.AsSpan(0, 16), "张三");

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.NameBirthdate, result.Method);
        Assert.Equal(Zhang, Population.Id(result.Person));
        Assert.Equal(Matcher.NameBirthdate14Confidence, result.Confidence);
        Assert.Contains("name_birthdate", result.Reason, StringComparison.Ordinal);
        AssertNoFullId(result);
    }

    [Fact]
    public void Match_ExcelScientificWithFifteenDigits_UsesFirstSequenceDigitToo()
    {
        var excel = Scientific(Zhang);

        var result = _matcher.Match(excel, "张三");

        Assert.Equal(MatchMethod.NameBirthdate, result.Method);
        Assert.Equal(Zhang, Population.Id(result.Person));
        Assert.Equal(Matcher.NameBirthdate15Confidence, result.Confidence);
    }

    [Fact]
    public void Match_ExcelDamagedTwinId_NameTellsTwinsApart()
    {
        var truncated = Scientific(TwinA);

        var a = _matcher.Match(truncated, "赵一");
        var stranger = _matcher.Match(truncated, "赵三");

        Assert.Equal(TwinA, Population.Id(a.Person));
        Assert.Equal(MatchMethod.NameBirthdate, a.Method);
        Assert.Equal(MatchStatus.Rejected, stranger.Status);
    }

    [Fact]
    public void Match_EmptyIdWithBirthDateColumn_FoundWithLowerConfidence()
    {
        var result = _matcher.Match(string.Empty, "张三", "1990年1月1日");

        Assert.Equal(MatchMethod.NameBirthdate, result.Method);
        Assert.Equal(Zhang, Population.Id(result.Person));
        Assert.Equal(Matcher.NameBirthdateColumnConfidence, result.Confidence);
    }

    [Fact]
    public void Match_EmptyIdWithoutBirthDate_Rejected()
    {
        Assert.Equal(MatchStatus.Rejected, _matcher.Match(string.Empty, "张三").Status);
    }

    [Fact]
    public void Match_TwoPersonsWithSameNameAndBirth_AmbiguousNeverGuessed()
    {
        var first = TestIds.Make(TestIds.Jiyuan, new DateOnly(1970, 5, 5), 11);
        var second = TestIds.Make(TestIds.Jiyuan, new DateOnly(1970, 5, 5), 13);
        var matcher = new Matcher(new PopulationBuilder().Household("H9", (first, "刘洋"), (second, "刘洋")).Build());

        var result = matcher.Match(Scientific(first), "刘洋");

        Assert.Equal(MatchStatus.Unmatched, result.Status);
        Assert.Contains("ambiguous", result.Reason, StringComparison.Ordinal);
        Assert.Equal(MatchMiss.Ambiguous, result.Miss);
    }

    [Theory]
    [InlineData("张*", true)]
    [InlineData("**", false)]
    public void Match_StandInNames_OnlyWithARealCharacter(string name, bool matched)
    {
        var result = _matcher.Match(Zhang.Value.AsSpan(0, 17), name);

        Assert.Equal(matched, result.IsMatched);
        if (matched)
        {
            Assert.Equal(Matcher.NameBirthdate14Confidence - Matcher.StandInPenalty, result.Confidence, 6);
        }
    }

    [Fact]
    public void Match_ValidIdWithStandInName_MatchedBelowFullConfidence()
    {
        var result = _matcher.Match(Zhang.Value, "张?");

        Assert.Equal(MatchMethod.Exact, result.Method);
        Assert.Equal(Matcher.StandInConfidence, result.Confidence);
    }

    [Fact]
    public void Match_TruncatedIdWhoseCorrectionIsAnotherPerson_StillFoundByNameAndBirth()
    {
        // 张三 419001199001011230 and 李四 419001199001011070: Excel's 419001199001011000 is one slip from 李四.
        var zhang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 1, 1), 123);
        var li = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 1, 1), 107);
        var matcher = new Matcher(new PopulationBuilder().Household("H8", (zhang, "张三"), (li, "李四")).Build());
        var truncated = zhang.Value[..15] + "000";
        Assert.Equal(IdKind.ExcelDamaged, IdParser.Parse(truncated).Kind);

        var result = matcher.Match(truncated, "张三");

        Assert.Equal(MatchMethod.NameBirthdate, result.Method);
        Assert.Equal(0, result.Person);
    }

    [Fact]
    public void Match_ShortScientificOfEighteenCharacters_NotMistakenForTruncated()
    {
        // "4.190011990011E+17" is 18 characters long but scientific: only 13 digits survive, too few to block on.
        var result = _matcher.Match("4.190011990011E+17", "张三");

        Assert.Equal(MatchStatus.Rejected, result.Status);
        Assert.Equal(MatchMiss.Unusable, result.Miss);
        Assert.StartsWith("excel damaged", result.Reason, StringComparison.Ordinal);
    }

    /// <summary>How Excel shows an 18-digit ID kept as a number: 15 significant digits.</summary>
    private static string Scientific(IdNumber id) => $"{id.Value[0]}.{id.Value[1..15]}E+17";
}
