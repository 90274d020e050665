using Matching.Core.Identity;

namespace Matching.Core.Tests.Identity;

public class PersonNameTests
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
    public void Agree_SameNameTypedDifferently_True(string a, string b)
    {
        Assert.True(PersonName.Agree(a, b));
        Assert.Equal(1.0, PersonName.Similarity(a, b));
    }

    [Theory]
    [InlineData("张三", "张四")]
    [InlineData("张三", "张三丰")]
    [InlineData("张三", "李四")]
    public void Agree_DifferentNames_False(string a, string b)
    {
        Assert.False(PersonName.Agree(a, b));
    }

    [Theory]
    [InlineData("", "张三")]
    [InlineData("张三", "")]
    [InlineData("   ", "张三")]
    [InlineData("", "")]
    public void Similarity_MissingName_IsZero(string a, string b)
    {
        Assert.Equal(0.0, PersonName.Similarity(a, b));
        Assert.False(PersonName.Agree(a, b));
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
    public void Similarity_VeryLongNames_DoesNotThrow()
    {
        var a = new string('张', 100);
        var b = new string('张', 99) + "李";

        Assert.InRange(PersonName.Similarity(a, b), 0.0, 1.0);
    }
}
