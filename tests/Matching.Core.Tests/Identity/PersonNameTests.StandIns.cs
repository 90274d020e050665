using Matching.Core.Identity;

namespace Matching.Core.Tests.Identity;

public partial class PersonNameTests
{
    [Theory]
    [InlineData("王*", "王*")]
    [InlineData("王＊", "王*")]
    [InlineData("王?", "王*")]
    [InlineData("王？", "王*")]
    [InlineData("王□", "王*")]
    [InlineData("王■", "王*")]
    [InlineData("王○", "王*")]
    [InlineData("王×", "王*")]
    [InlineData("王〓", "王*")]
    [InlineData("王\uFFFD", "王*")]
    [InlineData("王yan", "王*")]
    [InlineData("王YanLi", "王*")]
    [InlineData("王 yan li", "王**")]
    [InlineData("王ｙａｎ", "王*")]
    [InlineData("王Ｙan", "王*")]
    [InlineData("王lǚ", "王*")]
    [InlineData("王-yan", "王-*")]
    [InlineData("王〇", "王〇")]
    public void Normalize_StandIns_WrittenAsStar(string name, string expected)
    {
        Assert.Equal(expected, PersonName.Normalize(name));
    }

    [Theory]
    [InlineData("王*", "王琰")]
    [InlineData("王?", "王琰")]
    [InlineData("王？", "王琰")]
    [InlineData("王□", "王琰")]
    [InlineData("王○", "王琰")]
    [InlineData("王×", "王琰")]
    [InlineData("王\uFFFD", "王琰")]
    [InlineData("王yan", "王琰")]
    [InlineData("王YAN", "王琰")]
    [InlineData("王Ｙａｎ", "王琰")]
    [InlineData("王yàn", "王琰")]
    [InlineData("*琰", "王琰")]
    [InlineData("陳*", "陈琰")]
    [InlineData("王*", "王*")]
    [InlineData("王*", "王?")]
    [InlineData("王yan", "王yan")]
    [InlineData("王yan", "王li")]
    [InlineData("欧阳*", "欧阳明")]
    [InlineData("王 yan li", "王琰莉")]
    [InlineData("****", "欧阳明明")]
    [InlineData("阿依古丽·买*提", "阿依古丽·买买提")]
    public void Compatible_DifferOnlyByStandIns_CompatibleButNotAgree(string a, string b)
    {
        Assert.True(PersonName.Compatible(a, b));
        Assert.True(PersonName.Compatible(b, a));
        Assert.False(PersonName.Agree(a, b));
        Assert.False(PersonName.Agree(b, a));
        var similarity = PersonName.Similarity(a, b);
        Assert.InRange(similarity, PersonName.CompatibleThreshold, 0.99);
        Assert.Equal(similarity, PersonName.Similarity(b, a));
    }

    [Theory]
    [InlineData("王*", "王琰", 0.9)]
    [InlineData("王yan", "王琰", 0.9)]
    [InlineData("王*", "王*", 0.9)]
    [InlineData("**", "王琰", 0.8)]
    [InlineData("****", "欧阳明明", 0.8)]
    [InlineData("欧阳*", "欧阳明", 1.0 - (0.2 / 3))]
    [InlineData("王*", "王琰琰", 1.0 - (1.2 / 3))]
    [InlineData("王*", "张琰", 1.0 - (1.2 / 2))]
    public void Similarity_StandIn_CostsOneFifthOfACharacter(string a, string b, double expected)
    {
        Assert.Equal(expected, PersonName.Similarity(a, b), 9);
        Assert.Equal(expected, PersonName.Similarity(b, a), 9);
    }

    [Theory]
    [InlineData("王艳", "王琰")]
    [InlineData("张伟", "张玮")]
    [InlineData("李娜", "李娟")]
    [InlineData("王*", "王琰琰")]
    [InlineData("王*", "张琰")]
    [InlineData("王yanli", "王琰莉")]
    [InlineData("王", "王琰")]
    [InlineData("王〇", "王琰")]
    [InlineData("欧阳明明", "欧阳明敏")]
    [InlineData("欧阳明*", "欧阳敏明")]
    [InlineData("张三丰", "张三")]
    public void Compatible_RealDifference_NeitherCompatibleNorAgree(string a, string b)
    {
        Assert.False(PersonName.Compatible(a, b));
        Assert.False(PersonName.Compatible(b, a));
        Assert.False(PersonName.Agree(a, b));
        Assert.True(PersonName.Similarity(a, b) < PersonName.CompatibleThreshold, $"{PersonName.Similarity(a, b)}");
    }

    [Fact]
    public void Compatible_LongNameWithOneRealDifference_NotCompatibleThoughAboveThreshold()
    {
        // Beyond four characters one real difference scores above the bar: Compatible looks at the characters.
        const string a = "阿依古丽·买买提";
        const string b = "阿依古丽·买买江";

        Assert.Equal(1.0 - (1.0 / 8), PersonName.Similarity(a, b), 9);
        Assert.True(PersonName.Similarity(a, b) >= PersonName.CompatibleThreshold);
        Assert.False(PersonName.Compatible(a, b));
    }

    [Fact]
    public void Thresholds_SeparateStandInsFromRealDifferences()
    {
        Assert.True(PersonName.CompatibleThreshold > 1.0 - (1.0 / 4));
        Assert.True(PersonName.CompatibleThreshold <= 1.0 - 0.2);
        Assert.True(PersonName.AgreeThreshold > 1.0 - (0.2 / 199));
    }
}
