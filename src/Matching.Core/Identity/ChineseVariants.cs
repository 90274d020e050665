using System.Collections.Immutable;

namespace Matching.Core.Identity;

/// <summary>
/// Traditional → simplified forms of the characters that occur in Chinese personal names (surnames first, then
/// given-name characters), so that 陳偉 and 陈伟 compare equal. Each pair is a correspondence of the 简化字总表 /
/// 通用规范汉字表 (checked against ICU's Traditional-Simplified transliterator, which agrees on every pair except
/// 嶽→岳, a 简化字总表 pair ICU leaves alone), plus a few variant forms clerks type for the same character
/// (爲→为, 啓→启, 羣→群, 鑑→鉴, 豔→艳). Many-to-one is allowed (鍾, 鐘 → 钟); chains are not: no simplified
/// form is itself a key, so one look-up folds a character completely.
/// </summary>
/// <remarks>
/// Left out on purpose, because the "traditional" form is a different name character in simplified use (ICU folds
/// them, the table does not): 乾 (乾隆, not 干), 於 (the surname Yu, not 于), 昇 (a name character the
/// 通用规范汉字表 keeps: 毕昇). Also left out: 蕭→肖 (萧 and 肖 are different surnames), and 峯, 嫺, 甯, which ICU does not
/// fold either. 喆, 堃, 甦, 魏, 燕, 鑫 are written the same in both scripts.
/// </remarks>
public static class ChineseVariants
{
    /// <summary>First and last code points the table can fold: the CJK Unified Ideographs block.</summary>
    private const char First = '\u4E00';
    private const char Last = '\u9FFF';

    /// <summary>Pairs, traditional then simplified, separated by one space.</summary>
    private const string Source =
        // Surnames (百家姓).
        "陳陈 張张 劉刘 黃黄 趙赵 吳吴 鄭郑 馮冯 蔣蒋 許许 楊杨 葉叶 鄧邓 蕭萧 盧卢 羅罗 " +
        "韓韩 錢钱 孫孙 蘇苏 龍龙 閆闫 閻阎 顧顾 譚谭 謝谢 鍾钟 鐘钟 賴赖 湯汤 嚴严 陸陆 " +
        "賈贾 鄒邹 範范 萬万 喬乔 賀贺 龔龚 龐庞 顏颜 溫温 魯鲁 韋韦 畢毕 聶聂 叢丛 齊齐 " +
        "莊庄 塗涂 時时 關关 費费 紀纪 歐欧 項项 陽阳 衛卫 鮑鲍 單单 寧宁 閔闵 車车 邊边 " +
        "饒饶 晉晋 鄔邬 暢畅 宮宫 簡简 婁娄 藍蓝 竇窦 鞏巩 諸诸 欒栾 鄺邝 貝贝 談谈 駱骆 " +
        "門门 賁贲 麥麦 聞闻 況况 滿满 貢贡 藺蔺 計计 黨党 樂乐 呂吕 嶽岳 雙双 壽寿 鳳凤 " +
        "馬马 蓋盖 鮮鲜 諶谌 遊游 種种 農农 盤盘 練练 經经 " +

        // Given names: the most common characters.
        "偉伟 華华 麗丽 國国 軍军 紅红 強强 義义 東东 愛爱 蘭兰 雲云 寶宝 貴贵 傑杰 濤涛 " +
        "鵬鹏 輝辉 濱滨 潔洁 豐丰 慶庆 劍剑 瑩莹 嬌娇 榮荣 興兴 為为 爲为 剛刚 靜静 艷艳 " +
        "豔艳 穎颖 蓮莲 環环 鶯莺 瓊琼 貞贞 婭娅 錦锦 嫻娴 瑤瑶 嬋婵 儀仪 夢梦 嵐岚 韻韵 " +
        "園园 藝艺 詠咏 聰聪 瀾澜 純纯 廣广 勝胜 學学 發发 飛飞 順顺 達达 進进 堅坚 誠诚 " +
        "壯壮 會会 紹绍 謙谦 輪轮 鳴鸣 棟栋 維维 啟启 啓启 倫伦 澤泽 樹树 鈞钧 騰腾 風风 " +

        // Given names: metal 金, water 水.
        "鋒锋 鐵铁 銀银 鋼钢 錫锡 鈺钰 銘铭 錚铮 鎮镇 鍵键 鑄铸 鏡镜 鑾銮 鑒鉴 鑑鉴 鐸铎 " +
        "鏗铿 鍇锴 鈴铃 釗钊 銳锐 鎧铠 鐳镭 鑠铄 錕锟 鈿钿 鏞镛 鎔镕 灝灏 潤润 濟济 漢汉 " +
        "滄沧 漣涟 湧涌 瀅滢 濃浓 瀟潇 淵渊 沖冲 " +

        // Given names: birds 鳥, horses 馬, jade 玉.
        "鶴鹤 鴻鸿 鷹鹰 鷺鹭 鸞鸾 鵑鹃 鸝鹂 鳩鸠 鴿鸽 駿骏 騏骐 驥骥 驍骁 馳驰 騫骞 驊骅 " +
        "駒驹 璣玑 瓏珑 瑋玮 璉琏 璽玺 瓔璎 " +

        // Given names: silk 糸, speech 言.
        "綸纶 絲丝 綺绮 緣缘 縉缙 纓缨 緯纬 綠绿 紋纹 繡绣 絢绚 縈萦 繼继 緒绪 紳绅 綿绵 " +
        "續续 約约 細细 統统 綱纲 絹绢 編编 詩诗 語语 謹谨 譽誉 讓让 議议 識识 詳详 論论 " +
        "調调 謀谋 證证 譯译 諾诺 誼谊 詡诩 誌志 讚赞 " +

        // Given names: people, heart, roof, shells 貝, mountains, doors, roads.
        "億亿 傳传 僑侨 儉俭 優优 備备 憲宪 懷怀 應应 憶忆 戀恋 態态 悅悦 說说 實实 審审 " +
        "寬宽 賓宾 寵宠 賢贤 財财 賽赛 贊赞 贇赟 賦赋 賜赐 資资 質质 賞赏 貽贻 嶺岭 巖岩 " +
        "島岛 峽峡 開开 閣阁 闊阔 閃闪 闖闯 閑闲 閏闰 閎闳 間间 闡阐 遠远 運运 連连 選选 " +
        "遙遥 邁迈 遷迁 遜逊 遼辽 " +

        // Given names: grass 艸, fire 火, sun 日, wood 木, heads 頁, strength 力.
        "薈荟 蔭荫 蕓芸 藹蔼 蘊蕴 蕩荡 薦荐 蘋苹 蒼苍 燦灿 煒炜 燁烨 熾炽 煥焕 燈灯 燭烛 " +
        "熒荧 曉晓 曄晔 曇昙 暉晖 曠旷 顯显 曆历 歷历 權权 樓楼 標标 樺桦 楓枫 樸朴 橋桥 " +
        "機机 極极 楨桢 櫻樱 檳槟 頌颂 頤颐 頂顶 領领 頻频 願愿 顥颢 碩硕 動动 務务 勳勋 " +
        "勵励 勁劲 劇剧 則则 " +

        // Transliterated minority names: 买买提, 迪丽热巴, 卓玛, 托合提, 萨仁, 库尔班, 娜仁, 顿珠, 扎西, 乌兰, 图雅, 额尔敦.
        "買买 熱热 瑪玛 託托 薩萨 庫库 納纳 頓顿 紮扎 烏乌 圖图 額额 " +

        // Given names: others.
        "彌弥 導导 將将 專专 尋寻 師师 帥帅 帶带 侶侣 難难 離离 電电 靈灵 霧雾 鄉乡 齡龄 " +
        "習习 翹翘 聖圣 聯联 聲声 書书 長长 業业 亞亚 兒儿 來来 從从 員员 嘯啸 團团 圓圆 " +
        "壇坛 奮奋 戰战 揚扬 擇择 數数 斕斓 歡欢 歲岁 歸归 氣气 無无 爾尔 獻献 產产 畫画 " +
        "當当 禮礼 禎祯 祿禄 禪禅 穩稳 競竞 筆笔 節节 縣县 肅肃 臨临 與与 舉举 處处 號号 " +
        "蟬蝉 術术 見见 親亲 覺觉 觀观 訓训 記记 護护 贏赢 躍跃 軒轩 轉转 醫医 隨随 飄飘 " +
        "體体 魚鱼 鯤鲲 彥彦 爍烁 甌瓯 禕祎 纖纤 羨羡 臺台 輔辅 輿舆 軼轶 釧钏 鉑铂 鉉铉 " +
        "銓铨 錄录 雋隽 靄霭 韜韬 頎颀 飆飙 餘余 鬱郁 後后 恆恒 羣群 眾众 姍姗";

    private static readonly ImmutableArray<(char Traditional, char Simplified)> PairList = Parse(Source);

    /// <summary>Index <c>c − First</c>: the simplified form of <c>c</c>, or <c>c</c> itself.</summary>
    private static readonly char[] Map = BuildMap(PairList);

    /// <summary>The table in source order, duplicates and all (a test checks there are none).</summary>
    public static ImmutableArray<(char Traditional, char Simplified)> Pairs => PairList;

    /// <summary>The simplified form of <paramref name="c"/> when the table has one; otherwise <paramref name="c"/>.</summary>
    public static char ToSimplified(char c) => (uint)(c - First) < (uint)Map.Length ? Map[c - First] : c;

    private static ImmutableArray<(char Traditional, char Simplified)> Parse(string source)
    {
        var pairs = ImmutableArray.CreateBuilder<(char, char)>((source.Length + 1) / 3);
        foreach (var token in source.Split(' '))
        {
            if (token.Length != 2 || token[0] is < First or > Last)
            {
                throw new InvalidOperationException($"Bad variant pair '{token}': want two characters, the first in U+4E00..U+9FFF.");
            }

            pairs.Add((token[0], token[1]));
        }

        return pairs.DrainToImmutable();
    }

    private static char[] BuildMap(ImmutableArray<(char Traditional, char Simplified)> pairs)
    {
        var map = new char[Last - First + 1];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = (char)(First + i);
        }

        foreach (var (traditional, simplified) in pairs)
        {
            map[traditional - First] = simplified;
        }

        return map;
    }
}
