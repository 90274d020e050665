using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Core.Tests.Linkage;

/// <summary>Certificate numbers on old IDs (17 digits), IDs without their check character, Excel's form of 20 digits.</summary>
public partial class MatcherTests
{
    private static readonly IdNumber Old = TestIds.Make(410881, new DateOnly(1957, 6, 21), 123);

    /// <summary>41900120050312 123 reads as 小明's ID without its check character and as 老李's certificate on his old ID.</summary>
    private static readonly IdNumber Young = TestIds.Make(TestIds.Jiyuan, new DateOnly(2005, 3, 12), 123);
    private static readonly IdNumber Elder = TestIds.Make(TestIds.Jiyuan, new DateOnly(1920, 5, 3), 121);

    private readonly Matcher _certificates = new(new PopulationBuilder()
        .Household("C1", (Old, "李建国"), (Zhang, "张三"))
        .Household("C2", (Young, "李小明"), (Elder, "李德胜"))
        .Build());

    [Fact]
    public void Match_CertificateOnOldId_Upgraded15ThroughTheFastPath()
    {
        var raw = TestIds.Make15(410881, Old.BirthDate, 123) + "42";

        var result = _certificates.Match(raw, "李建国");

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.Upgraded15, result.Method);
        Assert.Equal(Old, PersonId(result));
        Assert.Equal(IdKind.DisabilityCertificate15, result.Parsed.Kind);
        Assert.Equal(result, _certificates.Match(IdParser.Parse(raw), raw, "李建国"));
        Assert.Equal(Matcher.ConfirmedConfidence, result.Confidence);
        Assert.Equal("15-digit ID taken from a 17-digit disability certificate number, upgraded to 18", result.Reason);
    }

    [Fact]
    public void Match_CertificateOnOldIdUnderAnotherName_NameMismatch()
    {
        var result = _certificates.Match(TestIds.Make15(410881, Old.BirthDate, 123) + "42", "王五");

        Assert.Equal(MatchStatus.Unmatched, result.Status);
        Assert.StartsWith(MatchResult.NameMismatch, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_IdWithoutItsCheckCharacter_CorrectedWhenTheNameAgrees()
    {
        var result = _certificates.Match(Zhang.Value.AsSpan(0, 17), "张三");

        Assert.True(result.IsMatched, result.Reason);
        Assert.Equal(MatchMethod.Corrected, result.Method);
        Assert.Equal(Zhang, PersonId(result));
        Assert.Equal(Matcher.SeventeenDigitsConfidence, result.Confidence);
        Assert.Contains("without its check character", result.Reason, StringComparison.Ordinal);
        Assert.Contains(Zhang.Masked, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Zhang.Value[..17], result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_IdWithoutItsCheckCharacterAndNoName_NotTaken()
    {
        var result = _certificates.Match(Zhang.Value.AsSpan(0, 17), string.Empty);

        Assert.False(result.IsMatched);
        Assert.Contains("no name to confirm", result.Reason, StringComparison.Ordinal);
        Assert.Equal(MatchMiss.NoNameToConfirm, result.Miss);
    }

    [Fact]
    public void Match_IdWithoutItsCheckCharacterUnderAnotherName_NotTakenAndNoMismatch()
    {
        var result = _certificates.Match(Zhang.Value.AsSpan(0, 17), "王五");

        Assert.Equal(MatchStatus.Unmatched, result.Status);
        Assert.Contains("name disagrees", result.Reason, StringComparison.Ordinal);
        Assert.Equal(MatchMiss.NameDisagrees, result.Miss);
        Assert.False(result.Reason!.StartsWith(MatchResult.NameMismatch, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("李小明", true)]
    [InlineData("李德胜", false)]
    public void Match_BothReadingsInTheDatabase_TheNameDecides(string name, bool young)
    {
        var result = _certificates.Match("41900120050312123", name);

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(young ? Young : Elder, PersonId(result));
        Assert.Equal(young ? MatchMethod.Corrected : MatchMethod.Upgraded15, result.Method);
        Assert.Equal(Matcher.CorrectedAmongSeveralConfidence, result.Confidence);
    }

    [Theory]
    [InlineData("李四")]
    [InlineData("李*")]
    [InlineData("")]
    public void Match_BothReadingsInTheDatabaseAndNoNameTellsThem_NeverGuessed(string name)
    {
        var result = _certificates.Match("41900120050312123", name);

        Assert.False(result.IsMatched);
    }

    [Fact]
    public void Match_ScientificTwentyDigitCertificate_FoundByTheFifteenDigitsThatSurvived()
    {
        // 41088119570621123 + 42, kept as a double: 4.10881195706211E+19.
        var result = _certificates.Match("4.10881195706211E+19", "李建国");

        Assert.Equal(MatchMethod.NameBirthdate, result.Method);
        Assert.Equal(Old, PersonId(result));
        Assert.Equal(Matcher.NameBirthdate15Confidence, result.Confidence);
    }

    [Fact]
    public void Match_ScientificCertificateRoundedUpIntoTheBirthDate_FoundTheDayBefore()
    {
        // 419001195706219xx + type and grade rounds up to 4.19001195706220E+19: the 15th digit 9 became 0 and
        // carried into the day; the person is in the block of the day before.
        var nine = TestIds.Make(TestIds.Jiyuan, new DateOnly(1957, 6, 21), 987);
        var matcher = new Matcher(new PopulationBuilder().Household("C3", (nine, "赵九")).Build());
        var excel = "4.19001195706220E+19";

        var result = matcher.Match(excel, "赵九");

        Assert.Equal(MatchMethod.NameBirthdate, result.Method);
        Assert.Equal(0, result.Person);
        Assert.Equal(Matcher.NameBirthdate15Confidence, result.Confidence);
        var needs = new PopulationNeeds();
        Matcher.Gather(excel, default, needs);
        Assert.Contains(nine.Key / 1000, needs.Prefixes);
        Assert.True(Matcher.IsFindable(excel, default));
    }

    [Fact]
    public void Match_RoundedUpIntoAnImpossibleDate_StillFoundTheDayBefore()
    {
        // Born 30 June, first sequence digit 9: Excel's 4.19001195706310E+19 reads as 31 June.
        var nine = TestIds.Make(TestIds.Jiyuan, new DateOnly(1957, 6, 30), 951);
        var matcher = new Matcher(new PopulationBuilder().Household("C4", (nine, "钱九")).Build());

        var result = matcher.Match("4.19001195706310E+19", "钱九");

        Assert.True(result.IsMatched, result.Reason);
        Assert.Equal(0, result.Person);
    }

    [Fact]
    public void Match_TwentyDigitsShownInFull_FoundByTheFifteenThatSurvived()
    {
        var result = _certificates.Match("41088119570621100000", "李建国");

        Assert.Equal(MatchMethod.NameBirthdate, result.Method);
        Assert.Equal(Old, PersonId(result));
    }

    [Theory]
    [InlineData("4.10881195706211E+19")]
    [InlineData("41088119570621123")]
    [InlineData("41088157062112342")]
    public void Gather_CertificateForms_HoldWhatTheMatcherLooksAt(string raw)
    {
        // The index of just the persons gathered gives the same result as the whole population.
        var needs = new PopulationNeeds();
        Matcher.Gather(raw, default, needs);
        var all = _certificates.Match(raw, "李建国");
        var found = new PopulationBuilder();
        foreach (var (id, name) in new[] { (Old, "李建国"), (Zhang, "张三"), (Young, "李小明"), (Elder, "李德胜") })
        {
            if (needs.Keys.Contains(id.Key) || needs.Prefixes.Contains(id.Key / 1000))
            {
                found.Person(id, name);
            }
        }

        var index = found.Build();
        var few = new Matcher(index).Match(raw, "李建国");

        Assert.True(all.IsMatched);
        Assert.True(few.IsMatched);
        Assert.Equal(Old, index.Id(few.Person));
    }

    private static IdNumber PersonId(MatchResult result) => result.Person switch
    {
        < 0 => default,
        var person => new[] { Old, Zhang, Young, Elder }[person],
    };
}
