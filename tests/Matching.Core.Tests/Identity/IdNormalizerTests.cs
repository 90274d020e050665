using Matching.Core.Identity;

namespace Matching.Core.Tests.Identity;

public class IdNormalizerTests
{
    private const string Id = "419001199001011230";

    [Fact]
    public void Normalize_CanonicalId_CopiesWithNoRepairs()
    {
        var (text, repairs) = Run(Id);

        Assert.Equal(Id, text);
        Assert.Equal(IdRepairs.None, repairs);
    }

    [Theory]
    [InlineData("41900119900101123X", "41900119900101123X", IdRepairs.None)]
    [InlineData("41900119900101123x", "41900119900101123X", IdRepairs.LowercaseX)]
    [InlineData("4190011990010112３0", "419001199001011230", IdRepairs.FullWidth)]
    [InlineData("41900119900101123 ", "41900119900101123", IdRepairs.Whitespace)]
    [InlineData("'41900119900101123", "41900119900101123", IdRepairs.Apostrophe)]
    [InlineData("41900119900101.000", "41900119900101", IdRepairs.TrailingDecimal)]
    [InlineData("4190011990010112X0", "4190011990010112X0", IdRepairs.None)]
    [InlineData("41900119900101123\u0000", "41900119900101123\u0000", IdRepairs.None)]
    public void Normalize_EighteenChars_CleanedAsAnyCell(string raw, string expected, IdRepairs expectedRepairs)
    {
        var (text, repairs) = Run(raw);

        Assert.Equal(expected, text);
        Assert.Equal(expectedRepairs, repairs);
    }

    [Theory]
    [InlineData("  419001199001011230")]
    [InlineData("419001199001011230  ")]
    [InlineData("419001 19900101 1230")]
    [InlineData("\t419001199001011230\t")]
    [InlineData("419001\u3000199001011230\u3000")]
    [InlineData("4 1 9 0 0 1 1 9 9 0 0 1 0 1 1 2 3 0")]
    [InlineData("419001199001011230\r\n")]
    [InlineData("\u00A0419001199001011230")]
    [InlineData("\uFEFF419001\u200B199001011230")]
    public void Normalize_Whitespace_RemovedAndFlagged(string raw)
    {
        var (text, repairs) = Run(raw);

        Assert.Equal(Id, text);
        Assert.Equal(IdRepairs.Whitespace, repairs);
    }

    [Theory]
    [InlineData("４１９００１１９９００１０１１２３０")]
    [InlineData("419001１99001011230")]
    public void Normalize_FullWidthDigits_FoldedAndFlagged(string raw)
    {
        var (text, repairs) = Run(raw);

        Assert.Equal(Id, text);
        Assert.Equal(IdRepairs.FullWidth, repairs);
    }

    [Theory]
    [InlineData("41900119900101123Ｘ")]
    [InlineData("41900119900101123ｘ")]
    public void Normalize_FullWidthX_FoldedToXAndFlagged(string raw)
    {
        var (text, repairs) = Run(raw);

        Assert.Equal("41900119900101123X", text);
        Assert.Equal(IdRepairs.FullWidth, repairs);
    }

    [Fact]
    public void Normalize_LowercaseX_UpperCasedAndFlagged()
    {
        var (text, repairs) = Run("41900119900101123x");

        Assert.Equal("41900119900101123X", text);
        Assert.Equal(IdRepairs.LowercaseX, repairs);
    }

    [Theory]
    [InlineData("'419001199001011230")]
    [InlineData("‘419001199001011230")]
    [InlineData("’419001199001011230")]
    [InlineData("＇419001199001011230")]
    [InlineData("`419001199001011230")]
    public void Normalize_LeadingApostrophe_DroppedAndFlagged(string raw)
    {
        var (text, repairs) = Run(raw);

        Assert.Equal(Id, text);
        Assert.Equal(IdRepairs.Apostrophe, repairs);
    }

    [Fact]
    public void Normalize_ApostropheAfterContent_KeptForTheParser()
    {
        var (text, repairs) = Run("419001'199001011230");

        Assert.Equal("419001'199001011230", text);
        Assert.Equal(IdRepairs.None, repairs);
    }

    [Theory]
    [InlineData("419001199001011230.0")]
    [InlineData("419001199001011230.00")]
    public void Normalize_TrailingZeroDecimal_DroppedAndFlagged(string raw)
    {
        var (text, repairs) = Run(raw);

        Assert.Equal(Id, text);
        Assert.Equal(IdRepairs.TrailingDecimal, repairs);
    }

    [Theory]
    [InlineData("419001199001011230.5")]
    [InlineData("419001199001011230.")]
    [InlineData("41900119900101123X.0")]
    [InlineData(".0")]
    public void Normalize_DecimalThatIsNoNumberCell_Kept(string raw)
    {
        var (text, repairs) = Run(raw);

        Assert.Equal(raw, text);
        Assert.Equal(IdRepairs.None, repairs);
    }

    [Fact]
    public void Normalize_EveryRepairAtOnce_AllFlagged()
    {
        var (text, repairs) = Run(" '４19001 199001011230.0\u3000");

        Assert.Equal(Id, text);
        Assert.Equal(IdRepairs.Whitespace | IdRepairs.FullWidth | IdRepairs.Apostrophe | IdRepairs.TrailingDecimal, repairs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\u3000")]
    public void Normalize_OnlyWhitespace_ReturnsZero(string raw)
    {
        var (text, _) = Run(raw);

        Assert.Empty(text);
    }

    [Fact]
    public void Normalize_TooLong_ReturnsMoreThanMaxLength()
    {
        Span<char> dest = stackalloc char[IdNormalizer.MaxLength];

        var n = IdNormalizer.Normalize(new string('1', 40), dest, out _);

        Assert.Equal(IdNormalizer.MaxLength + 1, n);
    }

    [Fact]
    public void Normalize_ExactlyMaxLength_Kept()
    {
        var (text, _) = Run(new string('1', IdNormalizer.MaxLength));

        Assert.Equal(IdNormalizer.MaxLength, text.Length);
    }

    [Fact]
    public void Normalize_ForeignLetters_CopiedAsTheyAre()
    {
        var (text, repairs) = Run("4.19001E+17");

        Assert.Equal("4.19001E+17", text);
        Assert.Equal(IdRepairs.None, repairs);
    }

    private static (string Text, IdRepairs Repairs) Run(string raw)
    {
        Span<char> dest = stackalloc char[IdNormalizer.MaxLength];
        var n = IdNormalizer.Normalize(raw, dest, out var repairs);
        return (dest[..n].ToString(), repairs);
    }
}
