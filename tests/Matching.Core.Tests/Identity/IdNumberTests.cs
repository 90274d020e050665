using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

public class IdNumberTests
{
    private static readonly DateOnly Birth = new(1990, 1, 1);

    [Fact]
    public void CheckChar_StandardWorkedExample_IsX()
    {
        // GB 11643-1999's worked example (not a person): 11010519491231002X.
        Assert.Equal('X', IdNumber.CheckChar("11010519491231002"));
    }

    [Theory]
    [InlineData("41900119900101123", '0')]
    [InlineData("41900119900101100", '3')]
    [InlineData("41900119900101001", '9')]
    [InlineData("41900119900101002", '7')]
    public void CheckChar_SyntheticDigits_MatchesMod11Two(string first17, char expected)
    {
        Assert.Equal(expected, IdNumber.CheckChar(first17));
    }

    [Fact]
    public void Make_Parts_ValueIsRegionBirthSequenceCheck()
    {
        var id = TestIds.Make(TestIds.Jiyuan, Birth, 123);

        Assert.Equal("419001199001011230", id.Value);
        Assert.Equal(IdNumber.Length, id.Value.Length);
        Assert.Equal(41_900_119_900_101_123L, id.Key);
        Assert.Equal('0', id.Check);
    }

    [Fact]
    public void BirthDate_ValidId_IsDigitsSevenToFourteen()
    {
        var id = TestIds.Make(TestIds.Jiyuan, new DateOnly(2000, 2, 29), 5);

        Assert.Equal(new DateOnly(2000, 2, 29), id.BirthDate);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(123, true)]
    [InlineData(124, false)]
    [InlineData(0, false)]
    [InlineData(999, true)]
    public void IsMale_Sequence_OddIsMale(int sequence, bool expected)
    {
        Assert.Equal(expected, TestIds.Make(TestIds.Jiyuan, Birth, sequence).IsMale);
    }

    [Theory]
    [InlineData(419001)]
    [InlineData(110105)]
    [InlineData(650102)]
    [InlineData(830000)]
    public void RegionCode_ValidId_IsFirstSixDigits(int region)
    {
        Assert.Equal(region, TestIds.Make(region, Birth, 7).RegionCode);
    }

    [Fact]
    public void Masked_IdEndingInX_KeepsFirstSixAndLastFour()
    {
        var id = TestIds.WithCheck('X', Birth);
        var value = id.Value;

        Assert.Equal($"419001********{value[14..]}", id.Masked);
        Assert.Matches("^419001\\*{8}[0-9]{3}X$", id.Masked);
    }

    [Fact]
    public void ToString_ValidId_IsMaskedNeverTheValue()
    {
        var id = TestIds.Make(TestIds.Jiyuan, Birth, 123);

        Assert.Equal("419001********1230", id.ToString());
        Assert.DoesNotContain(id.Value, $"{id}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("1234567890", "**********")]
    [InlineData("419001650308042", "419001*****8042")]
    [InlineData("41900119900101123012", "419001**********3012")]
    public void Mask_AnyText_KeepsFirstSixAndLastFourWhenLongerThanTen(string text, string expected)
    {
        Assert.Equal(expected, IdNumber.Mask(text));
    }

    [Fact]
    public void FromKey_KeyOfValidId_ReturnsSameId()
    {
        var id = TestIds.Valid(7);

        Assert.Equal(id, IdNumber.FromKey(id.Key));
    }

    [Fact]
    public void TryFromKey_KeyOfValidId_ReturnsTrue()
    {
        var id = TestIds.Valid(11);

        Assert.True(IdNumber.TryFromKey(id.Key, out var back));
        Assert.Equal(id.Value, back.Value);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-41_900_119_900_101_123L)]
    [InlineData(100_000_000_000_000_000L)] // 18 digits: above MaxKey
    [InlineData(long.MaxValue)]
    [InlineData(1_900_119_900_101_123L)] // 16 digits: province "01"
    [InlineData(99_900_119_900_101_123L)] // province 99
    [InlineData(41_900_119_901_301_123L)] // month 13
    [InlineData(41_900_119_900_230_123L)] // 30 February
    [InlineData(41_900_118_790_101_123L)] // 1879: before the earliest accepted year
    [InlineData(41_900_121_000_101_123L)] // 2100: after the latest accepted year
    public void TryFromKey_InvalidKey_ReturnsFalseAndDefault(long key)
    {
        Assert.False(IdNumber.TryFromKey(key, out var id));
        Assert.Equal(default, id);
    }

    [Fact]
    public void FromKey_InvalidKey_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdNumber.FromKey(41_900_119_901_301_123L));
    }

    [Fact]
    public void Write_Key_WritesSeventeenDigitsAndCheck()
    {
        Span<char> dest = stackalloc char[IdNumber.Length];

        IdNumber.Write(41_900_119_900_101_123L, dest);

        Assert.Equal("419001199001011230", dest.ToString());
    }

    [Fact]
    public void Equality_SameKey_EqualAndSameHash()
    {
        var a = TestIds.Make(TestIds.Jiyuan, Birth, 42);
        var b = IdNumber.FromKey(a.Key);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, TestIds.Make(TestIds.Jiyuan, Birth, 43));
    }
}
