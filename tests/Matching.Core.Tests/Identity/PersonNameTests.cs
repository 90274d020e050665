using Matching.Core.Identity;

namespace Matching.Core.Tests.Identity;

public partial class PersonNameTests
{
    [Theory]
    [InlineData("张三", "张三")]
    [InlineData(" 张三 ", "张三")]
    [InlineData("张 三", "张三")]
    [InlineData("张\u3000三", "张三")]
    [InlineData("张\t三\u00A0", "张三")]
    [InlineData("\uFEFF张\u200B三", "张三")]
    [InlineData("阿依古丽·买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽•买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽.买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽・买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽‧买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽･买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽．买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽∙买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽 · 买买提", "阿依古丽·买买提")]
    [InlineData("张\u2060三\u200C\u200D", "张三")]
    [InlineData("阿依古丽⋅买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽\u0387买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽。买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽··买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽 · \u3000· 买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽-买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽－买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽——买买提", "阿依古丽·买买提")]
    [InlineData("阿依古丽 – 买买提", "阿依古丽·买买提")]
    [InlineData("张三-", "张三-")]
    [InlineData("-张三", "-张三")]
    [InlineData("张三—2", "张三-2")]
    [InlineData("张三２", "张三2")]
    [InlineData("王\U00020000", "王\U00020000")]
    public void Normalize_SpacesAndMiddleDots_ComparisonForm(string name, string expected)
    {
        Assert.Equal(expected, PersonName.Normalize(name));
    }

    [Theory]
    [InlineData("张三", "张 三")]
    [InlineData("张三", "张\u3000三")]
    [InlineData(" 张三", "张三\u3000")]
    [InlineData("阿依古丽·买买提", "阿依古丽•买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽.买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽・买买提")]
    [InlineData("阿依古丽•买买提", "阿依古丽 ． 买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽-买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽。买买提")]
    [InlineData("陳偉", "陈伟")]
    [InlineData("王\U00020000", "王\U00020000 ")]
    [InlineData("王〇", "王〇")]
    public void Agree_SameNameTypedDifferently_True(string a, string b)
    {
        Assert.True(PersonName.Agree(a, b));
        Assert.Equal(1.0, PersonName.Similarity(a, b));
    }

    [Theory]
    [InlineData("张三", "张四")]
    [InlineData("张三", "张三丰")]
    [InlineData("张三", "李四")]
    [InlineData("阿依古丽·买买提", "阿依古丽买买提提")]
    [InlineData("阿依·古丽买买提", "阿依古丽·买买提")]
    [InlineData("于明", "於明")]
    [InlineData("王\U00020000", "王\U00020001")]
    public void Agree_DifferentNames_False(string a, string b)
    {
        Assert.False(PersonName.Agree(a, b));
    }

    [Theory]
    [InlineData("", "张三")]
    [InlineData("张三", "")]
    [InlineData("   ", "张三")]
    [InlineData("", "")]
    [InlineData("\u3000\u200B", "\u3000\u200B")]
    [InlineData("\uFEFF", "张三")]
    public void Similarity_MissingName_IsZero(string a, string b)
    {
        Assert.Equal(0.0, PersonName.Similarity(a, b));
        Assert.Equal(0.0, PersonName.Similarity(b, a));
        Assert.False(PersonName.Agree(a, b));
        Assert.False(PersonName.Compatible(a, b));
    }

    [Theory]
    [InlineData("张三", "张四", 0.5)]
    [InlineData("张三", "李四", 0.0)]
    [InlineData("张三", "张三丰", 1.0 - (1.0 / 3))]
    [InlineData("欧阳明", "欧阳敏", 1.0 - (1.0 / 3))]
    public void Similarity_DifferentNames_IsOneMinusEditDistanceOverLongerLength(string a, string b, double expected)
    {
        Assert.Equal(expected, PersonName.Similarity(a, b), 6);
        Assert.Equal(expected, PersonName.Similarity(b, a), 6);
    }

    [Fact]
    public void Similarity_VeryLongNames_ComparedInFull()
    {
        var a = new string('张', 100);
        var b = new string('张', 99) + "李";

        Assert.Equal(1.0 - (1.0 / 100), PersonName.Similarity(a, b), 9);
        Assert.False(PersonName.Agree(a, b));
        Assert.False(PersonName.Compatible(a, b));
        Assert.True(PersonName.Agree(a, " " + a));
        Assert.Equal(a, PersonName.Normalize(a));
    }
}
