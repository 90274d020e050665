using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Core.Tests.Linkage;

/// <summary>Matches by a valid ID here; one-slip corrections and twins in MatcherTests.Corrections.cs.</summary>
public partial class MatcherTests
{
    private static readonly IdNumber Zhang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 1, 1), 123); // …1230
    private static readonly IdNumber Li = TestIds.WithCheck('X', new DateOnly(1982, 7, 15));
    private static readonly IdNumber Wang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1965, 3, 8), 42);
    private static readonly IdNumber Ayi = TestIds.Make(TestIds.Jiyuan, new DateOnly(1978, 11, 2), 26);
    private static readonly IdNumber TwinA = TestIds.Make(TestIds.Jiyuan, new DateOnly(1985, 6, 15), 1);
    private static readonly IdNumber TwinB = TestIds.Make(TestIds.Jiyuan, new DateOnly(1985, 6, 15), 2);

    private static readonly PopulationIndex Population = new PopulationBuilder()
        .Household("H1", (Zhang, "张三"), (Li, "李四"))
        .Household("H2", (Wang, "王五"))
        .Household("H3", (Ayi, "阿依古丽·买买提"))
        .Household("H4", (TwinA, "赵一"), (TwinB, "赵二"))
        .Build();

    private readonly Matcher _matcher = new(Population);

    [Fact]
    public void Match_CanonicalIdAndSameName_ExactWithFullConfidence()
    {
        var result = _matcher.Match(Zhang.Value, "张三");

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.Exact, result.Method);
        Assert.Equal(0, result.Person);
        Assert.Equal(Matcher.ConfirmedConfidence, result.Confidence);
        Assert.Equal(1.0, result.Confidence);
        Assert.Null(result.Reason);
        Assert.True(result.IsMatched);
    }

    [Fact]
    public void Match_ParsedByTheCaller_SameResultAsFromTheRawCell()
    {
        var swapped = string.Concat(Zhang.Value.AsSpan(0, 8), Zhang.Value.AsSpan(9, 1), Zhang.Value.AsSpan(8, 1), Zhang.Value.AsSpan(10));
        var rows = new[] { (Zhang.Value, " 张三 "), (Zhang.Value.Insert(6, " "), "张三"), (Li.Value, "王五"), (swapped, "张三"), ("", "李四"), (Wang.Value, "") };
        foreach (var (id, name) in rows)
        {
            Assert.Equal(_matcher.Match(id, name), _matcher.Match(IdParser.Parse(id), id, name));
        }
    }

    [Theory]
    [InlineData("x")]
    [InlineData(" ")]
    [InlineData("\u3000")]
    [InlineData("'")]
    public void Match_IdNeedingCleaning_Normalized(string noise)
    {
        var raw = noise switch
        {
            "x" => Li.Value.ToLowerInvariant(),
            "'" => "'" + Li.Value,
            _ => string.Concat(Li.Value.AsSpan(0, 6), noise, Li.Value.AsSpan(6), noise),
        };

        var result = _matcher.Match(raw, "李四");

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.Normalized, result.Method);
        Assert.Equal(1, result.Person);
        Assert.Equal(Matcher.ConfirmedConfidence, result.Confidence);
        Assert.False(string.IsNullOrEmpty(result.Reason));
        AssertNoFullId(result);
    }

    [Fact]
    public void Match_FullWidthIdWithTrailingDecimal_NormalizedWithBothRepairsInReason()
    {
        var raw = string.Concat(Zhang.Value.Select(c => (char)('０' + (c - '0')))) + ".0";

        var result = _matcher.Match(raw, "张三");

        Assert.Equal(MatchMethod.Normalized, result.Method);
        Assert.Equal("full-width characters folded, trailing .0 removed", result.Reason);
    }

    [Fact]
    public void Match_FifteenDigitId_Upgraded15()
    {
        var result = _matcher.Match(TestIds.Make15(TestIds.Jiyuan, new DateOnly(1965, 3, 8), 42), "王五");

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.Upgraded15, result.Method);
        Assert.Equal(2, result.Person);
        Assert.Equal(Matcher.ConfirmedConfidence, result.Confidence);
        Assert.Equal("15-digit ID upgraded to 18", result.Reason);
    }

    [Fact]
    public void Match_DisabilityCertificateNumber_Normalized()
    {
        var result = _matcher.Match(Ayi.Value + "42", "阿依古丽·买买提");

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.Normalized, result.Method);
        Assert.Equal(3, result.Person);
        Assert.Equal(IdKind.DisabilityCertificate, result.Parsed.Kind);
        Assert.Equal("ID taken from a disability certificate number", result.Reason);
    }

    [Fact]
    public void Match_ValidIdNotInIndex_Unmatched()
    {
        var result = _matcher.Match(TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 1, 1), 125).Value, "张三");

        Assert.Equal(MatchStatus.Unmatched, result.Status);
        Assert.Equal(MatchMethod.None, result.Method);
        Assert.Equal(-1, result.Person);
        Assert.Equal(0, result.Confidence);
        Assert.Equal("not in the low-income database", result.Reason);
        Assert.Equal(MatchMiss.NotInDatabase, result.Miss);
    }

    [Fact]
    public void Match_IdInIndexUnderAnotherName_UnmatchedWithMaskedReason()
    {
        var result = _matcher.Match(Zhang.Value, "李四");

        Assert.Equal(MatchStatus.Unmatched, result.Status);
        Assert.Equal(MatchMethod.None, result.Method);
        Assert.Equal(-1, result.Person);
        Assert.StartsWith(MatchResult.NameMismatch, result.Reason, StringComparison.Ordinal);
        Assert.Equal(MatchMiss.NameMismatch, result.Miss);
        Assert.StartsWith("name_mismatch", result.Reason, StringComparison.Ordinal);
        Assert.Contains(Zhang.Masked, result.Reason, StringComparison.Ordinal);
        AssertNoFullId(result);
    }

    [Fact]
    public void Match_NoName_MatchedWithLowerConfidence()
    {
        var result = _matcher.Match(Zhang.Value, string.Empty);

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.Exact, result.Method);
        Assert.Equal(Matcher.UnconfirmedConfidence, result.Confidence);
        Assert.Equal("no name to confirm", result.Reason);
    }

    [Fact]
    public void Match_WhitespaceOnlyName_TreatedAsNoName()
    {
        var result = _matcher.Match(Zhang.Value, " \u3000");

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(Matcher.UnconfirmedConfidence, result.Confidence);
    }

    [Theory]
    [InlineData("张 三")]
    [InlineData("张\u3000三")]
    [InlineData(" 张三\t")]
    public void Match_NameWithSpaces_Agrees(string name)
    {
        Assert.Equal(MatchMethod.Exact, _matcher.Match(Zhang.Value, name).Method);
    }

    [Theory]
    [InlineData("阿依古丽·买买提")]
    [InlineData("阿依古丽•买买提")]
    [InlineData("阿依古丽.买买提")]
    [InlineData("阿依古丽・买买提")]
    [InlineData("阿依古丽 · 买买提")]
    public void Match_NameWithMiddleDotVariant_Agrees(string name)
    {
        var result = _matcher.Match(Ayi.Value, name);

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(3, result.Person);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("\u3000")]
    public void Match_EmptyId_RejectedAsEmpty(string raw)
    {
        var result = _matcher.Match(raw, "张三");

        Assert.Equal(MatchStatus.Rejected, result.Status);
        Assert.Equal(MatchMiss.Unusable, result.Miss);
        Assert.Equal(-1, result.Person);
        Assert.Equal("empty", result.Reason);
    }

    [Theory]
    [InlineData("4190011999123112")]
    [InlineData("4.19001E+17")]
    [InlineData("unknown")]
    public void Match_UnusableId_Rejected(string raw)
    {
        var result = _matcher.Match(raw, "张三");

        Assert.Equal(MatchStatus.Rejected, result.Status);
        Assert.Equal(MatchMiss.Unusable, result.Miss);
        Assert.Equal(MatchMethod.None, result.Method);
        Assert.Equal(result.Parsed.Reason, result.Reason);
    }

    /// <summary>Reasons reach reports and logs: they may hold masked IDs only, and so may the record's text.</summary>
    private static void AssertNoFullId(MatchResult result)
    {
        foreach (var id in new[] { Zhang, Li, Wang, Ayi, TwinA, TwinB })
        {
            Assert.DoesNotContain(id.Value[..17], result.Reason ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(id.Value[..17], result.ToString(), StringComparison.Ordinal);
        }
    }
}
