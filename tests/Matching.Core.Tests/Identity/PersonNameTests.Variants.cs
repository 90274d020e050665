using Matching.Core.Identity;

namespace Matching.Core.Tests.Identity;

public partial class PersonNameTests
{
    [Theory]
    [InlineData("陳偉", "陈伟")]
    [InlineData("張麗華", "张丽华")]
    [InlineData("劉國強", "刘国强")]
    [InlineData("黃紅", "黄红")]
    [InlineData("趙軍", "赵军")]
    [InlineData("吳義", "吴义")]
    [InlineData("鄭東", "郑东")]
    [InlineData("馮愛蘭", "冯爱兰")]
    [InlineData("蔣鳳", "蒋凤")]
    [InlineData("許雲", "许云")]
    [InlineData("楊寶貴", "杨宝贵")]
    [InlineData("葉傑", "叶杰")]
    [InlineData("鄧濤", "邓涛")]
    [InlineData("蕭鵬", "萧鹏")]
    [InlineData("盧輝", "卢辉")]
    [InlineData("羅濱", "罗滨")]
    [InlineData("韓潔", "韩洁")]
    [InlineData("錢豐", "钱丰")]
    [InlineData("孫慶", "孙庆")]
    [InlineData("蘇劍", "苏剑")]
    [InlineData("龍瑩", "龙莹")]
    [InlineData("閆嬌", "闫娇")]
    [InlineData("顧榮", "顾荣")]
    [InlineData("魏燕", "魏燕")]
    [InlineData("鍾鑫", "钟鑫")]
    [InlineData("鐘靜", "钟静")]
    [InlineData("朱鎔基", "朱镕基")]
    [InlineData("譚詠麟", "谭咏麟")]
    [InlineData("謝霆鋒", "谢霆锋")]
    [InlineData("嚴寬", "严宽")]
    [InlineData("陸毅", "陆毅")]
    [InlineData("萬曉東", "万晓东")]
    [InlineData("喬振宇", "乔振宇")]
    [InlineData("賀龍", "贺龙")]
    [InlineData("龔麗", "龚丽")]
    [InlineData("歐陽震華", "欧阳震华")]
    [InlineData("閻學義", "阎学义")]
    [InlineData("呂偉", "吕伟")]
    [InlineData("張爲民", "张为民")]
    [InlineData("顏啓明", "颜启明")]
    [InlineData("馬艷紅", "马艳红")]
    [InlineData("湯豔", "汤艳")]
    [InlineData("賴國權", "赖国权")]
    [InlineData("白雲鶴", "白云鹤")]
    public void Agree_TraditionalAndSimplified_SameName(string traditional, string simplified)
    {
        Assert.Equal(simplified, PersonName.Normalize(traditional));
        Assert.Equal(simplified, PersonName.Normalize(simplified));
        Assert.True(PersonName.Agree(traditional, simplified));
        Assert.True(PersonName.Agree(simplified, traditional));
        Assert.True(PersonName.Compatible(traditional, simplified));
        Assert.Equal(1.0, PersonName.Similarity(traditional, simplified));
        Assert.Equal(1.0, PersonName.Similarity(simplified, traditional));
    }

    [Theory]
    [InlineData("陳伟", "陈偉")]
    [InlineData("張 麗", "张丽")]
    [InlineData("阿依古麗·買買提", "阿依古丽-买买提")]
    public void Agree_MixedScriptsAndSpacing_SameName(string a, string b)
    {
        Assert.True(PersonName.Agree(a, b));
        Assert.Equal(1.0, PersonName.Similarity(b, a));
    }

    [Theory]
    [InlineData("陳偉", "陈玮")]
    [InlineData("張麗", "张莉")]
    [InlineData("於明", "于明")]
    [InlineData("乾坤", "干坤")]
    [InlineData("蕭明", "肖明")]
    public void Agree_DifferentCharacterAfterFolding_False(string a, string b)
    {
        Assert.False(PersonName.Agree(a, b));
        Assert.False(PersonName.Compatible(a, b));
        Assert.Equal(0.5, PersonName.Similarity(a, b), 9);
    }

    [Fact]
    public void Variants_Table_HasAtLeast300PairsAndNoDuplicateKeys()
    {
        var pairs = ChineseVariants.Pairs;
        var keys = new HashSet<char>();

        Assert.True(pairs.Length >= 300, $"{pairs.Length} pairs");
        foreach (var (traditional, simplified) in pairs)
        {
            Assert.True(keys.Add(traditional), $"duplicate key {traditional}");
            Assert.NotEqual(traditional, simplified);
        }
    }

    [Fact]
    public void Variants_Table_HasNoChains()
    {
        var keys = new HashSet<char>();
        foreach (var (traditional, _) in ChineseVariants.Pairs)
        {
            keys.Add(traditional);
        }

        foreach (var (traditional, simplified) in ChineseVariants.Pairs)
        {
            Assert.DoesNotContain(simplified, keys);
            Assert.Equal(simplified, ChineseVariants.ToSimplified(traditional));
            Assert.Equal(simplified, ChineseVariants.ToSimplified(simplified));
        }
    }

    [Theory]
    [InlineData('乾')]
    [InlineData('於')]
    [InlineData('昇')]
    [InlineData('魏')]
    [InlineData('燕')]
    [InlineData('鑫')]
    [InlineData('〇')]
    [InlineData('A')]
    [InlineData('·')]
    public void Variants_NameCharactersInTheirOwnRight_AreNotFolded(char c)
    {
        Assert.Equal(c, ChineseVariants.ToSimplified(c));
    }
}
