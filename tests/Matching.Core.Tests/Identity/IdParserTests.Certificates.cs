using CsCheck;
using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

/// <summary>Disability certificate numbers (残疾人证号) on old 15-digit IDs, 17 digits read two ways, Excel's forms of 20 digits.</summary>
public partial class IdParserTests
{
    private static readonly DateOnly OldBirth = new(1957, 6, 21);

    [Theory]
    [InlineData("11")]
    [InlineData("74")]
    public void Parse_CertificateOnOldId_YieldsTheUpgradedId(string typeAndGrade)
    {
        var parsed = IdParser.Parse(TestIds.Make15(410881, OldBirth, 123) + typeAndGrade);

        Assert.Equal(IdKind.DisabilityCertificate15, parsed.Kind);
        Assert.Equal(TestIds.Make(410881, OldBirth, 123), parsed.Id);
        Assert.Equal(17, parsed.Length);
        Assert.True(parsed.IsValid);
        Assert.False(parsed.IsExact);
        Assert.False(parsed.IsCorrectable);
    }

    [Theory]
    [InlineData("08")] // type 0
    [InlineData("15")] // grade 5
    public void Parse_OldIdWithoutTypeAndGrade_NoCertificate(string suffix)
    {
        // 410881570621123 + 08: born 1957, so no ID without its check character either ("57062112" is no date).
        var parsed = IdParser.Parse(TestIds.Make15(410881, OldBirth, 123) + suffix);

        Assert.Equal(IdKind.WrongLength, parsed.Kind);
        Assert.Equal("length: 17 digits, expected 18 or 15", parsed.Reason);
    }

    [Fact]
    public void Parse_IdWithoutItsCheckCharacter_SeventeenDigitsWithThatReading()
    {
        var id = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 1, 1), 123);

        var parsed = IdParser.Parse(id.Value.AsSpan(0, 17));

        Assert.Equal(IdKind.SeventeenDigits, parsed.Kind);
        Assert.False(parsed.IsValid);
        Assert.False(parsed.IsCorrectable);
        Assert.StartsWith("17 digits", parsed.Reason, StringComparison.Ordinal);
        Assert.True(IdParser.TryReadWithoutCheck(id.Value.AsSpan(0, 17), out var read));
        Assert.Equal(id, read);
        Assert.False(IdParser.TryReadCertificate15(id.Value.AsSpan(0, 17), out _));
    }

    [Fact]
    public void Parse_SeventeenDigitsValidBothWays_SeventeenDigitsWithBothReadings()
    {
        // 41900120050312 123: born 2005-03-12 without its check character, or 419001 200503 121 + type 2, grade 3:
        // a certificate on the old ID of someone born 1920-05-03.
        const string digits = "41900120050312123";

        var parsed = IdParser.Parse(digits);

        Assert.Equal(IdKind.SeventeenDigits, parsed.Kind);
        Assert.True(IdParser.TryReadWithoutCheck(digits, out var full));
        Assert.Equal(new DateOnly(2005, 3, 12), full.BirthDate);
        Assert.True(IdParser.TryReadCertificate15(digits, out var old));
        Assert.Equal(TestIds.Make(TestIds.Jiyuan, new DateOnly(1920, 5, 3), 121), old);
    }

    [Theory]
    [InlineData("41088119570621100000")]
    [InlineData("4.10881195706211E+19")]
    [InlineData("4.10881E+19")]
    public void Parse_TwentyDigitsKeptByExcel_ExcelDamaged(string raw)
    {
        var parsed = IdParser.Parse(raw);

        Assert.Equal(IdKind.ExcelDamaged, parsed.Kind);
        Assert.False(parsed.IsCorrectable);
    }

    [Theory]
    [InlineData("4.10881195706216E+19", "410881195706216")]
    [InlineData(" 4.19001199001011E+17 ", "419001199001011")]
    [InlineData("4.19001E+17", "419001")]
    [InlineData("419001199001011000", "419001199001011000")]
    [InlineData(" 4190011985 ", "4190011985")]
    [InlineData("无", "无")]
    [InlineData("", "")]
    public void SubjectText_ScientificNotation_TheDigitsThatSurvived(string raw, string expected)
    {
        Assert.Equal(expected, IdParser.SubjectText(raw));
    }

    [Fact]
    public void Parse_CertificateFormsAndReadings_AllocateNothing()
    {
        string[] raws = ["41088157062112342", "41900120050312123", "41900119900101123X12", "4.10881195706216E+19", "41088119570621100000", "41900119900101123"];
        var sink = ParseAll(raws); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            sink += ParseAll(raws);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sink > 0);

        static long ParseAll(string[] raws)
        {
            long sum = 0;
            foreach (var raw in raws)
            {
                var parsed = IdParser.Parse(raw);
                sum += (long)parsed.Kind + parsed.Id.Key;
                sum += IdParser.TryReadCertificate15(raw, out var old) ? old.Key : 0;
                sum += IdParser.TryReadWithoutCheck(raw, out var full) ? full.Key : 0;
                sum += Core.Linkage.Matcher.IsFindable(raw, default) ? 1 : 0;
            }

            return sum;
        }
    }

    [Fact]
    public void Parse_AnyCertificateOnAnOldId_ReadsAsThatId()
    {
        Gen.Select(IdGen.Region, IdGen.Birth15, IdGen.Sequence, Gen.Int[1, 7], Gen.Int[1, 4]).Sample((region, birth, sequence, type, grade) =>
        {
            var id = TestIds.Make(region, birth, sequence);
            var text = $"{TestIds.Make15(region, birth, sequence)}{type}{grade}";

            var parsed = IdParser.Parse(text);

            Assert.True(IdParser.TryReadCertificate15(text, out var read));
            Assert.Equal(id, read);
            Assert.Equal(IdParser.TryReadWithoutCheck(text, out _) ? IdKind.SeventeenDigits : IdKind.DisabilityCertificate15, parsed.Kind);
            Assert.Equal(parsed.Kind == IdKind.DisabilityCertificate15 ? id : default, parsed.Id);
        }, iter: Iterations);
    }

    [Fact]
    public void Parse_AnyIdWithoutItsCheckCharacter_ReadsAsThatId()
    {
        IdGen.Valid.Sample(id =>
        {
            var text = id.Value[..17];

            var parsed = IdParser.Parse(text);

            Assert.True(IdParser.TryReadWithoutCheck(text, out var read));
            Assert.Equal(id, read);
            Assert.Equal(IdKind.SeventeenDigits, parsed.Kind);
        }, iter: Iterations);
    }

    [Fact]
    public void Parse_AnyTwentyDigitCertificate_ReadsAsItsId()
    {
        Gen.Select(IdGen.Valid, Gen.Int[1, 7], Gen.Int[1, 4]).Sample((id, type, grade) =>
        {
            var parsed = IdParser.Parse($"{id.Value}{type}{grade}");

            Assert.Equal(IdKind.DisabilityCertificate, parsed.Kind);
            Assert.Equal(id, parsed.Id);
        }, iter: Iterations);
    }
}
