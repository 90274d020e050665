using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Core.Tests.Identity;

/// <summary>
/// Examples for every <see cref="IdKind"/>: the valid kinds and Empty here, the invalid ones in IdParserTests.Invalid.cs,
/// properties over generated IDs in IdParserTests.Properties.cs.
/// </summary>
public partial class IdParserTests
{
    private static readonly IdNumber Zhang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 1, 1), 123); // 419001199001011230
    private static readonly IdNumber WithX = TestIds.WithCheck('X', new DateOnly(1982, 7, 15));

    [Fact]
    public void Parse_Valid18_IsExactWithSameId()
    {
        var parsed = IdParser.Parse(Zhang.Value);

        Assert.Equal(IdKind.Valid18, parsed.Kind);
        Assert.Equal(Zhang, parsed.Id);
        Assert.Equal(IdRepairs.None, parsed.Repairs);
        Assert.Equal(18, parsed.Length);
        Assert.True(parsed.IsValid);
        Assert.True(parsed.IsExact);
    }

    [Fact]
    public void Parse_Valid18EndingInX_IsExact()
    {
        var parsed = IdParser.Parse(WithX.Value);

        Assert.Equal(IdKind.Valid18, parsed.Kind);
        Assert.Equal(WithX, parsed.Id);
        Assert.True(parsed.IsExact);
    }

    [Fact]
    public void Parse_Valid15_UpgradesWithNineteenAndCheckChar()
    {
        var parsed = IdParser.Parse("419001650308042");

        Assert.Equal(IdKind.Valid15, parsed.Kind);
        Assert.Equal("419001196503080427", parsed.Id.Value);
        Assert.Equal(TestIds.Make(TestIds.Jiyuan, new DateOnly(1965, 3, 8), 42), parsed.Id);
        Assert.Equal(15, parsed.Length);
        Assert.True(parsed.IsValid);
        Assert.False(parsed.IsExact);
    }

    [Theory]
    [InlineData("419001650308042.0", IdRepairs.TrailingDecimal)]
    [InlineData(" ４19001 650308042", IdRepairs.Whitespace | IdRepairs.FullWidth)]
    [InlineData("'419001650308042", IdRepairs.Apostrophe)]
    public void Parse_Valid15WithNoise_UpgradesAndReportsRepairs(string raw, IdRepairs repairs)
    {
        var parsed = IdParser.Parse(raw);

        Assert.Equal(IdKind.Valid15, parsed.Kind);
        Assert.Equal("419001196503080427", parsed.Id.Value);
        Assert.Equal(repairs, parsed.Repairs);
    }

    [Fact]
    public void Upgrade15_FifteenDigits_InsertsNineteenAndAppendsCheck()
    {
        Span<char> dest = stackalloc char[IdNumber.Length];

        IdParser.Upgrade15("419001650308042", dest);

        Assert.Equal("419001196503080427", dest.ToString());
    }

    [Fact]
    public void Parse_ValidIdEndingInThousand_IsValid18()
    {
        // 000 at the end is no damage when the check character agrees.
        var id = FirstEndingInThousand();

        var parsed = IdParser.Parse(id.Value);

        Assert.Equal(IdKind.Valid18, parsed.Kind);
        Assert.Equal(id, parsed.Id);
    }

    [Theory]
    [InlineData("11")]
    [InlineData("74")]
    public void Parse_DisabilityCertificate_YieldsEmbeddedId(string typeAndGrade)
    {
        var parsed = IdParser.Parse(Zhang.Value + typeAndGrade);

        Assert.Equal(IdKind.DisabilityCertificate, parsed.Kind);
        Assert.Equal(Zhang, parsed.Id);
        Assert.Equal(20, parsed.Length);
        Assert.True(parsed.IsValid);
        Assert.False(parsed.IsExact);
    }

    [Fact]
    public void Parse_DisabilityCertificateWithX_YieldsEmbeddedId()
    {
        var parsed = IdParser.Parse(WithX.Value.ToLowerInvariant() + "23");

        Assert.Equal(IdKind.DisabilityCertificate, parsed.Kind);
        Assert.Equal(WithX, parsed.Id);
        Assert.Equal(IdRepairs.LowercaseX, parsed.Repairs);
    }

    [Fact]
    public void Parse_DisabilityCertificateWithWrongCheck_ReportsTheEmbeddedIdsProblem()
    {
        var parsed = IdParser.Parse("419001199001011231" + "12");

        Assert.Equal(IdKind.CheckCharWrong, parsed.Kind);
        Assert.False(parsed.IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    [InlineData("\u3000\u3000")]
    [InlineData("'")]
    public void Parse_EmptyOrWhitespace_IsEmpty(string raw)
    {
        var parsed = IdParser.Parse(raw);

        Assert.Equal(IdKind.Empty, parsed.Kind);
        Assert.Equal(0, parsed.Length);
        Assert.False(parsed.IsValid);
        Assert.Equal("empty", parsed.Reason);
    }

    private static IdNumber FirstEndingInThousand()
    {
        for (var birth = new DateOnly(1990, 1, 1); birth.Year == 1990; birth = birth.AddDays(1))
        {
            var id = TestIds.Make(TestIds.Jiyuan, birth, 0);
            if (id.Check == '0')
            {
                return id;
            }
        }

        throw new InvalidOperationException("no such ID in 1990");
    }
}
