using System.Text;
using Matching.Samples.Names;

namespace Matching.Samples.Evaluation;

/// <summary>
/// The ways a department writes a low-income person's name differently from the civil-affairs database: in
/// traditional characters (陳 for 陈), with another middle dot in a minority name (•, ., ・, ‧, ･ for ·), or with a
/// stand-in for a character its system cannot type (*, ?, □, or the character's pinyin in lower case). The forms
/// extracts share with the sample are in <see cref="Damage.NameForms"/>.
/// </summary>
internal static class NameVariants
{
    /// <summary>Simplified → traditional, for characters of the generated names with one unambiguous traditional form.</summary>
    private static readonly Dictionary<char, char> Traditional = Pairs(
        "陈陳刘劉杨楊赵趙黄黃吴吳孙孫马馬罗羅郑鄭谢謝许許韩韓冯馮邓鄧蒋蔣叶葉苏蘇吕呂卢盧谭譚陆陸贾賈韦韋邹鄒贺賀顾顧" +
        "龚龔万萬卫衛聂聶张張闫閆欧歐阳陽国國军軍华華长長顺順树樹学學进進来來庆慶胜勝广廣贵貴兰蘭凤鳳云雲爱愛伟偉" +
        "杰傑涛濤辉輝鹏鵬飞飛龙龍晓曉东東刚剛红紅丽麗洁潔静靜轩軒鸣鳴远遠泽澤帅帥凯凱诺諾诗詩梦夢瑶瑤语語艺藝买買" +
        "热熱尔爾逊遜亚亞");

    /// <summary>Pinyin of characters that have one reading in names (no 长, 强, 曾, 单 …).</summary>
    private static readonly Dictionary<char, string> Pinyin = new()
    {
        ['王'] = "wang", ['李'] = "li", ['张'] = "zhang", ['刘'] = "liu", ['陈'] = "chen", ['杨'] = "yang", ['赵'] = "zhao",
        ['黄'] = "huang", ['周'] = "zhou", ['吴'] = "wu", ['徐'] = "xu", ['孙'] = "sun", ['马'] = "ma", ['朱'] = "zhu",
        ['胡'] = "hu", ['郭'] = "guo", ['林'] = "lin", ['高'] = "gao", ['梁'] = "liang", ['宋'] = "song", ['韩'] = "han",
        ['冯'] = "feng", ['田'] = "tian", ['董'] = "dong", ['伟'] = "wei", ['芳'] = "fang", ['娜'] = "na", ['敏'] = "min",
        ['静'] = "jing", ['丽'] = "li", ['磊'] = "lei", ['军'] = "jun", ['勇'] = "yong", ['杰'] = "jie", ['涛'] = "tao",
        ['斌'] = "bin", ['超'] = "chao", ['明'] = "ming", ['刚'] = "gang", ['平'] = "ping", ['辉'] = "hui", ['鹏'] = "peng",
        ['飞'] = "fei", ['波'] = "bo", ['亮'] = "liang", ['艳'] = "yan", ['娟'] = "juan", ['霞'] = "xia", ['燕'] = "yan",
        ['玲'] = "ling", ['红'] = "hong", ['丹'] = "dan", ['萍'] = "ping", ['洁'] = "jie", ['琳'] = "lin", ['婷'] = "ting",
        ['梅'] = "mei", ['兰'] = "lan", ['英'] = "ying", ['珍'] = "zhen", ['凤'] = "feng", ['云'] = "yun", ['鑫'] = "xin",
        ['昊'] = "hao", ['宇'] = "yu", ['晨'] = "chen", ['航'] = "hang", ['睿'] = "rui", ['凯'] = "kai", ['悦'] = "yue",
        ['琪'] = "qi", ['瑶'] = "yao", ['彤'] = "tong", ['妍'] = "yan", ['萱'] = "xuan", ['婧'] = "jing", ['浩'] = "hao",
        ['轩'] = "xuan", ['涵'] = "han", ['欣'] = "xin", ['怡'] = "yi", ['桐'] = "tong", ['嫣'] = "yan", ['曦'] = "xi",
        ['诺'] = "nuo", ['豪'] = "hao", ['熙'] = "xi", ['鸣'] = "ming", ['博'] = "bo", ['皓'] = "hao", ['远'] = "yuan",
        ['泽'] = "ze", ['梓'] = "zi", ['秀'] = "xiu", ['桂'] = "gui", ['玉'] = "yu", ['春'] = "chun", ['花'] = "hua",
        ['福'] = "fu", ['山'] = "shan", ['海'] = "hai", ['忠'] = "zhong", ['祥'] = "xiang", ['国'] = "guo", ['建'] = "jian",
        ['志'] = "zhi", ['文'] = "wen", ['德'] = "de", ['顺'] = "shun", ['永'] = "yong", ['金'] = "jin", ['树'] = "shu",
        ['学'] = "xue", ['慧'] = "hui", ['雪'] = "xue", ['冬'] = "dong", ['彩'] = "cai", ['楠'] = "nan", ['宏'] = "hong",
        ['俊'] = "jun", ['新'] = "xin", ['民'] = "min", ['雅'] = "ya", ['诗'] = "shi", ['梦'] = "meng", ['雨'] = "yu",
        ['佳'] = "jia", ['紫'] = "zi", ['晴'] = "qing", ['沐'] = "mu", ['奕'] = "yi",
    };

    /// <summary>Middle-dot look-alikes that departments type instead of U+00B7 (name comparison folds them).</summary>
    private static readonly string[] Dots = ["•", ".", "・", "‧", "･"];

    private static readonly string[] StandIns = ["*", "?", "□"];

    /// <summary>True for a minority name 本名·父名.</summary>
    public static bool IsMinority(string name) => name.Contains(NameData.MiddleDot, StringComparison.Ordinal);

    /// <summary>True when the name can be written as a traditional or middle-dot variant.</summary>
    public static bool HasVariant(string name)
    {
        if (name.Contains(NameData.MiddleDot, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var c in name)
        {
            if (Traditional.ContainsKey(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The name as another system writes it: a minority name with another middle dot (sometimes also in
    /// traditional characters), an ordinary name with every character that has a traditional form converted.
    /// </summary>
    public static string Variant(string name, Random rng)
    {
        var text = new StringBuilder(name.Length);
        var dotted = name.Contains(NameData.MiddleDot, StringComparison.Ordinal);
        var convert = !dotted || rng.Chance(0.3);
        foreach (var c in name)
        {
            if (dotted && c == NameData.MiddleDot[0])
            {
                text.Append(rng.Pick(Dots));
            }
            else
            {
                text.Append(convert && Traditional.TryGetValue(c, out var t) ? t : c);
            }
        }

        return text.ToString();
    }

    /// <summary>True for an ordinary (not minority) name with a given name to spoil.</summary>
    public static bool CanStandIn(string name) =>
        !name.Contains(NameData.MiddleDot, StringComparison.Ordinal) && name.Length > SurnameLength(name);

    /// <summary>
    /// The name with one character of the given name replaced by a stand-in: *, ? or □, or its pinyin in
    /// lower-case letters where the character has one sure reading.
    /// </summary>
    public static string StandIn(string name, Random rng)
    {
        var surname = SurnameLength(name);
        var position = surname + rng.Next(name.Length - surname);
        var usePinyin = rng.Chance(0.3) && Pinyin.ContainsKey(name[position]);
        var standIn = usePinyin ? Pinyin[name[position]] : rng.Pick(StandIns);
        return string.Concat(name.AsSpan(0, position), standIn, name.AsSpan(position + 1));
    }

    private static int SurnameLength(string name) => NameGenerator.SurnameOf(name)?.Length ?? name.Length;

    private static Dictionary<char, char> Pairs(string pairs)
    {
        var map = new Dictionary<char, char>(pairs.Length / 2);
        for (var i = 0; i < pairs.Length; i += 2)
        {
            map.Add(pairs[i], pairs[i + 1]);
        }

        return map;
    }
}
