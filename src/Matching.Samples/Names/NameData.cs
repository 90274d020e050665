namespace Matching.Samples.Names;

/// <summary>
/// Character lists for synthetic Chinese names. Surname weights follow the national frequency table roughly,
/// with the surnames common in western Henan (牛, 常, 原, 卫, 翟, 靳) a little raised; given names follow the
/// fashion of the birth decade (建国 and 秀英 for the old, 子涵 and 梓轩 for children).
/// </summary>
internal static class NameData
{
    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
        "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
        "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
        "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦",
        "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "史", "陶", "贺", "顾", "毛", "郝", "龚", "邵", "万", "原",
        "卫", "翟", "牛", "常", "靳", "苗", "申", "聂",
        "欧阳", "司马", "诸葛", "上官", "司徒", "皇甫",
    ];

    public static readonly int[] SurnameWeights =
    [
        72, 72, 69, 53, 45, 31, 20, 19, 17, 16, 13, 12, 11, 11, 10, 10, 9, 9,
        8, 8, 7, 7, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4,
        4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3,
        3, 3, 3, 3, 2, 2, 1, 1,
        1, 1, 1, 1, 1, 1,
    ];

    public static readonly string[] MaleOld =
    [
        "建国", "建军", "国强", "志强", "保国", "文华", "德明", "福生", "长顺", "振华", "永福", "金生", "玉山", "树林",
        "春生", "富贵", "学文", "进才", "来福", "全有", "国庆", "德胜", "广福", "军", "华", "明", "强", "林", "忠",
        "福", "贵", "山", "海", "成", "祥",
    ];

    public static readonly string[] FemaleOld =
    [
        "秀英", "桂兰", "玉兰", "秀兰", "桂英", "凤英", "玉梅", "素珍", "秀珍", "翠花", "桂芳", "淑珍", "玉珍", "秀云",
        "凤兰", "巧云", "春花", "爱华", "兰英", "金花", "英", "兰", "珍", "芳", "梅", "凤", "霞", "云",
    ];

    public static readonly string[] MaleMid =
    [
        "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "波", "亮",
        "建华", "建伟", "志刚", "海涛", "红军", "小龙", "晓东", "卫东", "永刚", "新民", "建平", "俊杰", "文杰", "宏伟",
        "海军", "振宇", "鹏飞", "少华", "利军", "国伟",
    ];

    public static readonly string[] FemaleMid =
    [
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "红", "丹", "萍", "洁", "琳", "婷", "丽娟", "红霞",
        "晓燕", "海燕", "艳红", "春燕", "丽华", "小红", "秀梅", "晓丽", "雪梅", "彩霞", "慧敏", "玉洁", "亚楠", "冬梅",
    ];

    public static readonly string[] MaleYoung =
    [
        "浩然", "子轩", "宇轩", "浩宇", "梓豪", "俊熙", "一鸣", "博文", "子豪", "皓轩", "宇航", "思远", "泽宇", "明轩",
        "天佑", "家豪", "嘉懿", "奕辰", "沐阳", "梓睿", "睿", "阳", "鑫", "昊", "宇", "帅", "凯", "晨", "航",
    ];

    public static readonly string[] FemaleYoung =
    [
        "欣怡", "梓涵", "子涵", "一诺", "雨桐", "诗涵", "梦瑶", "思雨", "佳怡", "可欣", "语嫣", "若曦", "雨欣", "紫涵",
        "艺涵", "晨曦", "雅琪", "欣妍", "梓萱", "沐晴", "婧", "悦", "萱", "琪", "瑶", "彤", "妍",
    ];

    /// <summary>Uyghur-style given names, written as 本名·父名 (a minority name with a middle dot).</summary>
    public static readonly string[] MinorityMale =
    [
        "阿不都", "买买提", "艾力", "吐尔逊", "热合曼", "艾尔肯", "努尔", "亚森", "吾斯曼", "阿布来提", "伊力哈木",
    ];

    public static readonly string[] MinorityFemale =
    [
        "古丽", "阿依古丽", "帕提曼", "热依拉", "迪丽努尔", "阿依努尔", "米热古丽", "再努尔", "努尔古丽",
    ];

    /// <summary>The separator of minority names: U+00B7 MIDDLE DOT, as the ID card prints it.</summary>
    public const string MiddleDot = "·";
}
