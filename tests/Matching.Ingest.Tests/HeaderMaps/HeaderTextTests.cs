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
    public void Normalize_DecoratedHeader_Folded(string header, string expected)
    {
        Assert.Equal(expected, HeaderText.Normalize(header));
    }
}
