using Matching.Ingest.HeaderMaps;

namespace Matching.Ingest.Tests.HeaderMaps;

/// <summary>Coded values as real exports write them, each read as its canonical code; anything else is not read.</summary>
public sealed class VocabularyTests
{
    private static Vocabulary Default(string name) => Vocabulary.Of(name, Vocabulary.Defaults[name]);

    [Theory]
    [InlineData("一级", "1")]
    [InlineData("1级", "1")]
    [InlineData("I级", "1")]
    [InlineData("i级", "1")]
    [InlineData("Ⅰ级", "1")]
    [InlineData("一", "1")]
    [InlineData("1", "1")]
    [InlineData("１级", "1")]
    [InlineData(" 二 级 ", "2")]
    [InlineData("II级", "2")]
    [InlineData("三级", "3")]
    [InlineData("IV级", "4")]
    [InlineData("肆级", "4")]
    public void TryRead_GradeAsWritten_ItsCode(string cell, string code)
    {
        Assert.True(Default("grade").TryRead(cell, out var read));
        Assert.Equal(code, read);
    }

    [Theory]
    [InlineData("分散供养", "分散")]
    [InlineData("分散", "分散")]
    [InlineData("集中供养", "集中")]
    [InlineData("集中", "集中")]
    [InlineData("居家供养", "分散")]
    public void TryRead_SupportModeAsWritten_ItsCode(string cell, string code)
    {
        Assert.True(Default("tekunSupport").TryRead(cell, out var read));
        Assert.Equal(code, read);
    }

    [Theory]
    [InlineData("是", "yes")]
    [InlineData("√", "yes")]
    [InlineData("✓", "yes")]
    [InlineData("Y", "yes")]
    [InlineData("y", "yes")]
    [InlineData("Ｙ", "yes")]
    [InlineData("1", "yes")]
    [InlineData("有", "yes")]
    [InlineData("否", "no")]
    [InlineData("×", "no")]
    [InlineData("N", "no")]
    [InlineData("0", "no")]
    [InlineData("无", "no")]
    public void TryRead_YesNoAsWritten_ItsCode(string cell, string code)
    {
        Assert.True(Default(Vocabulary.FlagName).TryRead(cell, out var read));
        Assert.Equal(code, read);
    }

    [Theory]
    [InlineData("grade", "五级")]
    [InlineData("grade", "")]
    [InlineData("grade", "未评定")]
    [InlineData("tekunSupport", "散居")]
    [InlineData("flag", "可能")]
    public void TryRead_NotASpelling_False(string vocabulary, string cell)
    {
        Assert.False(Default(vocabulary).TryRead(cell, out _));
    }

    [Fact]
    public void TryRead_LongCell_False()
    {
        Assert.False(Default("grade").TryRead(new string('一', 200), out _));
    }

    [Fact]
    public void Of_CodeIsASpellingOfItself_StoredCodesReadAgain()
    {
        var vocabulary = Vocabulary.Of("support", new Dictionary<string, IReadOnlyList<string>> { ["dispersed"] = ["分散供养"] });

        Assert.True(vocabulary.TryRead("dispersed", out var code));
        Assert.Equal("dispersed", code);
        Assert.Equal("分散供养", vocabulary.Words["dispersed"]);
    }

    [Fact]
    public void Of_SpellingUnderTwoCodes_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Vocabulary.Of("grade", new Dictionary<string, IReadOnlyList<string>> { ["1"] = ["一级"], ["2"] = ["二级", "一级"] }));

        Assert.Contains("'一级' is listed under both '1' and '2'", ex.Message, StringComparison.Ordinal);
    }
}
