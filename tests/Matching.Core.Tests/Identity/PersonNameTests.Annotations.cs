using Matching.Core.Identity;

namespace Matching.Core.Tests.Identity;

/// <summary>A clerk's note after a name (张三（已故）, 李四(户主), 王芳2, 王芳*): set aside, and said so.</summary>
public partial class PersonNameTests
{
    [Theory]
    [InlineData("张三（已故）", "张三")]
    [InlineData("李四(户主)", "李四")]
    [InlineData("李四 (户主) ", "李四")]
    [InlineData("王芳2", "王芳")]
    [InlineData("王芳２", "王芳")]
    [InlineData("王芳12", "王芳")]
    [InlineData("王芳*", "王芳")]
    [InlineData("王芳**", "王芳")]
    [InlineData("王芳＊", "王芳")]
    [InlineData("张三(户主)2", "张三")]
    [InlineData("张三（已故", "张三")]
    [InlineData("张三【重复】", "张三")]
    [InlineData("阿依努尔·艾山（已迁出）", "阿依努尔·艾山")]
    [InlineData("王*", "王*")]
    [InlineData("王yan*", "王yan*")]
    [InlineData("张三", "张三")]
    [InlineData(" 张三 ", "张三")]
    [InlineData("张(三)丰", "张(三)丰")]
    [InlineData("（已故）", "（已故）")]
    [InlineData("2", "2")]
    [InlineData("", "")]
    public void Proper_ClerksNote_SetAside(string name, string expected)
    {
        Assert.Equal(expected, PersonName.Proper(name).ToString());
        Assert.Equal(expected != name.Trim(), PersonName.HasAnnotation(name));
    }

    [Theory]
    [InlineData("张三（已故）", "张三")]
    [InlineData("李四(户主)", "李四")]
    [InlineData("王芳2", "王芳")]
    [InlineData("王芳*", "王芳")]
    [InlineData("張三（已故）", "张三")]
    [InlineData("阿依努尔艾山（户主）", "阿依努尔·艾山")]
    [InlineData("张三", "张三(户主)")]
    public void Compare_AnnotatedName_AgreesWithTheAnnotationSetAside(string typed, string listed)
    {
        Assert.False(PersonName.Agree(typed, listed));
        Assert.Equal(new NameComparison(NameAgreement.Agree, AnnotationSetAside: true), PersonName.Compare(typed, listed));
        Assert.Equal(new NameComparison(NameAgreement.Agree, AnnotationSetAside: true), PersonName.Compare(listed, typed));
    }

    [Theory]
    [InlineData("王芳*", "王芳琰", NameAgreement.Compatible, false)]
    [InlineData("王*（已故）", "王琰", NameAgreement.Compatible, true)]
    [InlineData("王芳2", "王芳琰", NameAgreement.Disagree, false)]
    [InlineData("张三（已故）", "张四", NameAgreement.Disagree, false)]
    [InlineData("王芳", "王芳", NameAgreement.Agree, false)]
    [InlineData("王*", "王琰", NameAgreement.Compatible, false)]
    [InlineData("", "王琰", NameAgreement.Disagree, false)]
    public void Compare_StandInsAndNotes_AsExpected(string typed, string listed, NameAgreement agreement, bool annotation)
    {
        Assert.Equal(new NameComparison(agreement, annotation), PersonName.Compare(typed, listed));
    }
}
