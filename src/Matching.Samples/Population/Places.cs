namespace Matching.Samples.Population;

/// <summary>
/// Jiyuan's 5 subdistricts (街道) and 11 towns (镇), each with synthetic communities (社区) or villages (村),
/// named the way the region names them (李庄村, 东柿园村, 御驾社区). Built once per seed.
/// </summary>
internal sealed class Places
{
    public static readonly string[] Subdistricts = ["沁园街道", "济水街道", "北海街道", "天坛街道", "玉泉街道"];

    public static readonly string[] Towns =
        ["克井镇", "五龙口镇", "轵城镇", "承留镇", "邵原镇", "坡头镇", "梨林镇", "大峪镇", "思礼镇", "王屋镇", "下冶镇"];

    /// <summary>All areas, subdistricts first; towns weigh more, as most low-income households are rural.</summary>
    public static readonly string[] Areas = [.. Subdistricts, .. Towns];

    private static readonly int[] AreaWeights = [.. Subdistricts.Select(_ => 6), .. Towns.Select(_ => 7)];

    private static readonly string[] CommunityRoots =
    [
        "御驾", "文昌", "荆梁", "宣化", "汤帝", "济渎", "建业", "紫薇", "愚公", "苗店", "裴城", "西关", "东关", "南街",
        "北街", "花园", "学苑", "黄河", "太行", "丰收", "宏达", "沁河", "龙潭", "长泉", "西环", "富民", "新华", "和谐",
        "怀川", "南山", "盘古", "五里", "程村", "孔山",
    ];

    private static readonly string[] VillageRoots =
    [
        "李", "王", "张", "赵", "刘", "柏", "桑", "槐", "杨", "柳", "枣", "柿", "石", "马", "牛", "龙", "花", "桃", "杏",
        "卫", "程", "范", "苗", "泉", "仙", "望", "平", "安", "白", "黄", "青", "高", "段", "翟", "原", "薛", "韩", "谷",
        "梨", "栗", "庙", "曲", "阳", "留",
    ];

    private static readonly string[] VillageEnds =
        ["庄", "岭", "沟", "河", "坡", "洼", "寨", "峪", "湾", "店", "头", "园", "坪", "门", "岗", "营", "桥", "庙", "口", "庄"];

    private static readonly string[] VillagePrefixes = ["东", "西", "南", "北", "上", "下", "前", "后", "大", "小"];

    private readonly Dictionary<string, string[]> _villages = new(StringComparer.Ordinal);

    public Places(Random rng)
    {
        foreach (var subdistrict in Subdistricts)
        {
            _villages[subdistrict] = Communities(rng, rng.Next(6, 11));
        }

        foreach (var town in Towns)
        {
            _villages[town] = Villages(rng, town, rng.Next(12, 19));
        }
    }

    public static string RandomArea(Random rng) => Areas[rng.Weighted(AreaWeights)];

    public string RandomVillage(Random rng, string area) => rng.Pick(_villages[area]);

    private static string[] Communities(Random rng, int count)
    {
        var names = new List<string>();
        while (names.Count < count)
        {
            var name = string.Concat(rng.Pick(CommunityRoots), "社区");
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    private static string[] Villages(Random rng, string town, int count)
    {
        // The town seat is a community of its own: 克井镇 → 克井社区.
        var names = new List<string> { string.Concat(town.AsSpan(0, town.Length - 1), "社区") };
        while (names.Count < count)
        {
            var prefix = rng.Chance(0.3) ? rng.Pick(VillagePrefixes) : string.Empty;
            var name = string.Concat(prefix, rng.Pick(VillageRoots), rng.Pick(VillageEnds), "村");
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }
}
