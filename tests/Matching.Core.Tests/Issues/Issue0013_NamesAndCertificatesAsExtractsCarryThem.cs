using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Core.Tests.Issues;

/// <summary>
/// Issue 13: rows real extracts carry that the matcher lost (each of these failed before): a minority name whose
/// separator one side dropped (name_mismatch), a certificate number on an old ID (rejected as "length: 17 digits"),
/// Excel's scientific form of a 20-digit certificate number (rejected), a clerk's note after a name (name_mismatch).
/// </summary>
public sealed class Issue0013_NamesAndCertificatesAsExtractsCarryThem
{
    private static readonly IdNumber Ayinur = TestIds.Make(TestIds.Jiyuan, new DateOnly(1978, 11, 2), 26);
    private static readonly IdNumber Old = TestIds.Make(410881, new DateOnly(1957, 6, 21), 123);
    private static readonly IdNumber Zhang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 1, 1), 123);

    private readonly Matcher _matcher = new(new PopulationBuilder()
        .Household("H1", (Ayinur, "阿依努尔·艾山"), (Old, "李建国"))
        .Household("H2", (Zhang, "张三"))
        .Build());

    [Theory]
    [InlineData("阿依努尔艾山")]
    [InlineData("阿依努尔 艾山")]
    public void MinorityNameWithoutItsDot_Matched(string name)
    {
        var result = _matcher.Match(Ayinur.Value, name);

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(Matcher.ConfirmedConfidence, result.Confidence);
    }

    [Fact]
    public void DatabaseWithoutTheDot_Matched()
    {
        var matcher = new Matcher(new PopulationBuilder().Household("H3", (Ayinur, "阿依努尔艾山")).Build());

        Assert.Equal(MatchStatus.Matched, matcher.Match(Ayinur.Value, "阿依努尔·艾山").Status);
    }

    [Fact]
    public void CertificateNumberOnAnOldId_Matched()
    {
        var result = _matcher.Match("41088157062112342", "李建国");

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(MatchMethod.Upgraded15, result.Method);
        Assert.Equal(1, result.Person);
    }

    [Fact]
    public void CertificateNumberKeptByExcel_FoundByNameAndTheDigitsThatSurvived()
    {
        var result = _matcher.Match("4.10881195706211E+19", "李建国");

        Assert.Equal(MatchMethod.NameBirthdate, result.Method);
        Assert.Equal(1, result.Person);
    }

    [Theory]
    [InlineData("张三（已故）")]
    [InlineData("张三(户主)")]
    [InlineData("张三2")]
    [InlineData("张三*")]
    public void AnnotatedName_MatchedAndSaid(string name)
    {
        var result = _matcher.Match(Zhang.Value, name);

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Contains("annotation", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnresolvedCertificateNumberKeptByExcel_WarnedUnderTheDigitsThatSurvived()
    {
        Assert.Equal("410881195706216", IdParser.SubjectText("4.10881195706216E+19"));
    }
}
