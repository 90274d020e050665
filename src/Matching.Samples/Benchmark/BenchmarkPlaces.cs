using System.Globalization;
using System.Text;

namespace Matching.Samples.Benchmark;

/// <summary>
/// Places of the benchmark data: county-level region codes of Henan (41xxxx, GB/T 2260, with Jiyuan's 419001 and
/// its old 410881) and synthetic town (镇/乡/街道) and village (村/社区) names, as UTF-8.
/// </summary>
internal static class BenchmarkPlaces
{
    /// <summary>County suffixes by prefecture 4101 郑州 … 4117 驻马店.</summary>
    private static readonly string[] CountySuffixes =
    [
        "02 03 04 05 06 08 22 81 82 83 84 85",
        "02 03 04 05 12 21 22 23 25",
        "02 03 04 05 06 07 22 23 24 25 26 27 28 29 81",
        "02 03 04 11 21 22 23 25 81 82",
        "02 03 05 06 22 23 26 27 81",
        "02 03 11 21 22",
        "02 03 04 11 21 24 25 26 27 81 82",
        "02 03 04 11 21 22 23 25 81 82 83",
        "02 22 23 26 27 28",
        "02 03 24 25 81 82",
        "02 03 04 21 22",
        "02 03 21 24 81 82",
        "02 03 21 22 23 24 25 26 27 28 29 30 81",
        "02 03 21 22 23 24 25 26 81",
        "02 03 21 22 23 24 25 26 27 28",
        "02 03 21 22 23 24 25 27 28 81",
        "02 21 22 23 24 25 26 27 28 29",
    ];

    private static readonly string[] TownRoots =
    [
        "城关", "东城", "西城", "南关", "北关", "朝阳", "新华", "建设", "解放", "人民", "红旗", "和平", "文化", "胜利", "东风",
        "花园", "长春", "大营", "小店", "白沙", "黄庄", "李寨", "王集", "张庄", "刘店", "马村", "杨楼", "赵岗", "孙店", "周口",
        "高庙", "郭庄", "林河", "罗山", "梁园", "宋集", "韩桥", "冯营", "邓湾", "曹庄", "彭店", "田关", "董寨", "袁庄", "潘楼",
        "范集", "石桥", "金山", "白庙", "柳林", "桃园", "杏花", "槐树", "双庙", "三里", "五里", "十里", "八里", "官庄", "古城",
    ];

    private static readonly string[] VillageRoots =
    [
        "李", "王", "张", "赵", "刘", "陈", "杨", "黄", "周", "吴", "孙", "马", "朱", "胡", "郭", "何", "高", "郑", "梁", "宋",
        "柏", "桑", "槐", "柳", "枣", "柿", "石", "龙", "花", "桃", "杏", "泉", "白", "青", "段", "翟", "韩", "谷", "梨", "栗",
    ];

    private static readonly string[] VillageEnds = ["庄", "岭", "沟", "河", "坡", "洼", "寨", "湾", "店", "营", "桥", "楼", "集", "岗", "屯", "园"];

    private static readonly string[] VillagePrefixes = ["", "", "", "东", "西", "南", "北", "前", "后", "大", "小", "上", "下"];

    /// <summary>The region codes households are drawn from.</summary>
    public static readonly int[] Regions = BuildRegions();

    public static readonly byte[][] Towns = BuildTowns();

    public static readonly byte[][] Villages = BuildVillages();

    private static int[] BuildRegions()
    {
        var codes = new List<int> { 419001, 410881 };
        for (var prefecture = 0; prefecture < CountySuffixes.Length; prefecture++)
        {
            foreach (var suffix in CountySuffixes[prefecture].Split(' '))
            {
                codes.Add(((4101 + prefecture) * 100) + int.Parse(suffix, CultureInfo.InvariantCulture));
            }
        }

        return [.. codes];
    }

    private static byte[][] BuildTowns()
    {
        var towns = new List<byte[]>();
        for (var i = 0; i < TownRoots.Length; i++)
        {
            var suffix = i < 6 ? "街道" : i % 4 == 3 ? "乡" : "镇";
            towns.Add(Encoding.UTF8.GetBytes(TownRoots[i] + suffix));
        }

        return [.. towns];
    }

    private static byte[][] BuildVillages()
    {
        var villages = new List<byte[]>();
        for (var i = 0; i < VillageRoots.Length; i++)
        {
            for (var j = 0; j < VillageEnds.Length; j++)
            {
                var prefix = VillagePrefixes[((i * 7) + (j * 3)) % VillagePrefixes.Length];
                var end = (i + j) % 9 == 0 ? "社区" : "村";
                villages.Add(Encoding.UTF8.GetBytes(prefix + VillageRoots[i] + VillageEnds[j] + end));
            }
        }

        return [.. villages];
    }
}
