using CsCheck;
using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

public partial class IdParserTests
{
    private const int Iterations = 2_000;

    [Fact]
    public void Parse_AnyValidId_RoundTripsAsExactValid18()
    {
        IdGen.Parts.Sample((region, birth, sequence) =>
        {
            var id = TestIds.Make(region, birth, sequence);
            var value = id.Value;

            Assert.Equal(IdNumber.Length, value.Length);
            Assert.True(IdRules.IsValid18(value), id.Masked);
            Assert.Equal(id, IdNumber.FromKey(id.Key));
            Assert.Equal(region, id.RegionCode);
            Assert.Equal(birth, id.BirthDate);
            Assert.Equal(sequence % 2 == 1, id.IsMale);
            Assert.Equal(value[17], id.Check);

            var parsed = IdParser.Parse(value);
            Assert.Equal(IdKind.Valid18, parsed.Kind);
            Assert.Equal(id, parsed.Id);
            Assert.True(parsed.IsExact);
        }, iter: Iterations);
    }

    [Fact]
    public void Parse_NoisySpellingOfValidId_NormalisesToSameId()
    {
        IdGen.Noisy.Sample((id, noisy) =>
        {
            var parsed = IdParser.Parse(noisy);

            Assert.Equal(IdKind.Valid18, parsed.Kind);
            Assert.Equal(id, parsed.Id);
            Assert.Equal(noisy == id.Value, parsed.IsExact);
            Assert.Equal(noisy.Contains('\'', StringComparison.Ordinal), parsed.Repairs.HasFlag(IdRepairs.Apostrophe));
            Assert.Equal(noisy.Contains('x', StringComparison.Ordinal), parsed.Repairs.HasFlag(IdRepairs.LowercaseX));
            Assert.Equal(noisy.EndsWith(".0", StringComparison.Ordinal) || noisy.EndsWith(".0 ", StringComparison.Ordinal),
                parsed.Repairs.HasFlag(IdRepairs.TrailingDecimal));
        }, iter: Iterations);
    }

    [Fact]
    public void Parse_AnySingleSubstitution_IsDetectedAndCorrectable()
    {
        IdGen.Valid.Sample(id =>
        {
            var value = id.Value;
            for (var position = 0; position < IdNumber.Length; position++)
            {
                foreach (var c in position == 17 ? "0123456789X" : "0123456789")
                {
                    if (c != value[position])
                    {
                        AssertDetected(TestIds.Substitute(value, position, c), $"{c} at {position}");
                    }
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Parse_AnyAdjacentSwap_IsDetectedAndCorrectable()
    {
        IdGen.Valid.Sample(id =>
        {
            var value = id.Value;
            for (var position = 0; position < IdNumber.Length - 1; position++)
            {
                if (value[position] != value[position + 1])
                {
                    AssertDetected(TestIds.SwapAdjacent(value, position), $"swap at {position}");
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Parse_AnyFifteenDigitId_UpgradesToValidEighteen()
    {
        Gen.Select(IdGen.Region, IdGen.Birth15, IdGen.Sequence).Sample((region, birth, sequence) =>
        {
            var expected = TestIds.Make(region, birth, sequence);

            var parsed = IdParser.Parse(TestIds.Make15(region, birth, sequence));

            Assert.Equal(IdKind.Valid15, parsed.Kind);
            Assert.Equal(expected, parsed.Id);
            Assert.Equal(expected.Key, parsed.Id.Key);
            Assert.True(IdRules.IsValid18(parsed.Id.Value));
        }, iter: Iterations);
    }

    private static void AssertDetected(string slipped, string what)
    {
        var parsed = IdParser.Parse(slipped);
        Assert.False(parsed.IsValid, $"{what}: {IdNumber.Mask(slipped)} parsed as {parsed.Kind}");
        Assert.True(parsed.IsCorrectable, $"{what}: {parsed.Kind} not correctable");
    }
}
