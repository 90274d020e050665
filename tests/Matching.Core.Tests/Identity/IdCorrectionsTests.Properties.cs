using CsCheck;
using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

public partial class IdCorrectionsTests
{
    [Fact]
    public void Candidates_AnySingleSubstitution_ContainsOriginal()
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
                        AssertRecoverable(id, TestIds.Substitute(value, position, c), $"{c} at {position}");
                    }
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Candidates_AnyAdjacentSwap_ContainsOriginal()
    {
        IdGen.Valid.Sample(id =>
        {
            var value = id.Value;
            for (var position = 0; position < IdNumber.Length - 1; position++)
            {
                if (value[position] != value[position + 1])
                {
                    AssertRecoverable(id, TestIds.SwapAdjacent(value, position), $"swap at {position}");
                }
            }
        }, iter: 2_000);
    }

    [Fact]
    public void Candidates_AnySlip_AreAllValidAndDistinct()
    {
        Gen.Select(IdGen.Valid, Gen.Int[0, 17], Gen.Int[1, 9]).Sample((id, position, shift) =>
        {
            var value = id.Value;
            var digit = (char)('0' + (((value[position] == 'X' ? 10 : value[position] - '0') + shift) % 10));
            var keys = Candidates(TestIds.Substitute(value, position, digit));

            Assert.Equal(keys.Length, keys.Distinct().Count());
            Assert.All(keys, key => Assert.True(IdRules.IsValid18(IdNumber.FromKey(key).Value)));
        }, iter: 2_000);
    }

    private static void AssertRecoverable(IdNumber original, string slipped, string what)
    {
        Span<char> buffer = stackalloc char[IdNormalizer.MaxLength];
        var parsed = IdParser.Parse(slipped, buffer);
        Assert.False(parsed.IsValid, what);
        Assert.True(parsed.IsCorrectable, $"{what}: {parsed.Kind}");
        Assert.Contains(original.Key, Candidates(buffer[..IdNumber.Length].ToString()));
    }
}
