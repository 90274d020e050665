using Matching.Ingest.HeaderMaps;

namespace Matching.Ingest.Tests.HeaderMaps;

public sealed class HeaderTextTests
{
    [Theory]
    [InlineData("身份证号", "身份证号")]
    [InlineData(" 身份证号 ", "身份证号")]
    [InlineData("身份　证号", "身份证号")]
    [InlineData("*身份证号", "身份证号")]
    [InlineData("＊身份证号", "身份证号")]
    [InlineData("\uFEFF身份证号", "身份证号")]
    [InlineData("镇（街道）", "镇(街道)")]
    [InlineData("ID Number", "idnumber")]
    [InlineData("", "")]
    [InlineData("家庭年\n收入（元）", "家庭年收入(元)")]
    [InlineData("【必填】身份证号", "[必填]身份证号")]
    [InlineData("ＩＤ：号码", "id:号码")]
    [InlineData("家庭年收入*", "家庭年收入")]
    public void Normalize_DecoratedHeader_Folded(string header, string expected)
    {
        Assert.Equal(expected, HeaderText.Normalize(header));
    }

    [Theory]
    [InlineData("家庭年收入（元）", new[] { "家庭年收入(元)", "家庭年收入" })]
    [InlineData("个人自付(单位：元)", new[] { "个人自付(单位:元)", "个人自付" })]
    [InlineData("镇（街道）（必填）", new[] { "镇(街道)(必填)", "镇(街道)", "镇" })]
    [InlineData("【必填】身份证号", new[] { "[必填]身份证号", "身份证号" })]
    [InlineData("身份证号", new[] { "身份证号" })]
    [InlineData("（备注）", new[] { "(备注)" })]
    public void Forms_BracketedNotes_TakenOffFromTheEndThenAll(string header, string[] expected)
    {
        Assert.Equal(expected, HeaderText.Forms(header));
    }

    [Theory]
    [InlineData("家庭年收入（万元）", "万元")]
    [InlineData("个人自付(单位：元)", "单位:元")]
    [InlineData("身份证号", "")]
    public void Notes_BracketedParts_TheirText(string header, string expected)
    {
        Assert.Equal(expected, HeaderText.Notes(header));
    }
}
