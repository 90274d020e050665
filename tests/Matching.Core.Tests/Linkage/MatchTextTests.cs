using System.Text;
using Matching.Core.Linkage;

namespace Matching.Core.Tests.Linkage;

public class MatchTextTests
{
    [Fact]
    public void Utf8_EveryStatusAndMethod_SameWordsAsOf()
    {
        foreach (var status in Enum.GetValues<MatchStatus>())
        {
            Assert.Equal(MatchText.Of(status), Encoding.UTF8.GetString(MatchText.Utf8(status)));
        }

        foreach (var method in Enum.GetValues<MatchMethod>())
        {
            Assert.Equal(MatchText.Of(method), Encoding.UTF8.GetString(MatchText.Utf8(method)));
        }
    }

    [Fact]
    public void Chinese_EveryMethod_ChineseWordsNoneLeftInEnglish()
    {
        foreach (var method in Enum.GetValues<MatchMethod>().Where(m => m != MatchMethod.None))
        {
            var text = MatchText.Chinese(MatchText.Of(method));
            Assert.NotEqual(string.Empty, text);
            Assert.DoesNotMatch("[a-z_]{3,}", text);
        }

        Assert.Equal(string.Empty, MatchText.Chinese(string.Empty));
    }
}
