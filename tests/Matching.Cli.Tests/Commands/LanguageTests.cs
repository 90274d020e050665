using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary>Chinese for operators by default, English with <c>--lang en</c> (issue 17); the same facts in both.</summary>
public sealed class LanguageTests
{
    [Fact]
    public async Task Status_Chinese_ThenEnglish_SameFactsInEachLanguage()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);

        var zh = await cli.RunAsync("status", "--lang", "zh");
        var en = await cli.RunAsync("status", "--lang", "en");

        Assert.Equal((0, 0), (zh.Exit, en.Exit));
        Assert.Contains("低收入人口库：空", zh.Out, StringComparison.Ordinal);
        Assert.Contains("运行锁：空闲", zh.Out, StringComparison.Ordinal);
        Assert.Contains("夜间任务进程：没有运行", zh.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("run lock", zh.Out, StringComparison.Ordinal);
        Assert.Contains("low-income database: empty", en.Out, StringComparison.Ordinal);
        Assert.Contains("no worker running", en.Out, StringComparison.Ordinal);
        Assert.Equal(zh.Out.Split('\n').Length, en.Out.Split('\n').Length);
    }

    [Fact]
    public async Task Error_Chinese_PrefixInChineseMessageStillNamesTheFile()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        var missing = cli.PathOf("缺失的文件.csv");

        var (exit, _, error) = await cli.RunAsync("import", "education", missing, "--lang", "zh");

        Assert.Equal(2, exit);
        Assert.StartsWith("错误：", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileErrors_Chinese_ThenEnglish_NameTheFileRowAndColumnInEach()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        var empty = cli.PathOf("空.csv");
        File.WriteAllText(empty, string.Empty);
        var death = Path.Combine(RepositoryPaths.SampleData, "death.csv");
        var quote = cli.PathOf("引号.csv");
        File.WriteAllText(quote, "姓名,身份证号,学校\n张三,\"110101200501011234,一中\n李四,110101200501021234,一中\n");

        var zhEmpty = await cli.RunAsync("import", "education", empty, "--lang", "zh");
        var enEmpty = await cli.RunAsync("import", "education", empty, "--lang", "en");
        var zhWrong = await cli.RunAsync("import", "education", death, "--lang", "zh");
        var enWrong = await cli.RunAsync("import", "education", death, "--lang", "en");
        var zhQuote = await cli.RunAsync("match", "education", quote, "--out", cli.PathOf("r.csv"), "--lang", "zh");

        Assert.Equal([2, 2, 2, 2, 2], new[] { zhEmpty.Exit, enEmpty.Exit, zhWrong.Exit, enWrong.Exit, zhQuote.Exit });
        Assert.Equal($"错误：{empty}：文件是空的", zhEmpty.Error.Trim());
        Assert.Equal($"error: {empty}: the file is empty", enEmpty.Error.Trim());
        Assert.StartsWith($"错误：{death}，第 1 行：不是 education（", zhWrong.Error, StringComparison.Ordinal);
        Assert.Contains("看起来是 death 的数据（`matching import death <文件>`）", zhWrong.Error, StringComparison.Ordinal);
        Assert.StartsWith($"error: {death}, row 1: not an extract of education (", enWrong.Error, StringComparison.Ordinal);
        Assert.Contains("，第 2 行，B 列：带引号的单元格", zhQuote.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_Chinese_ThenEnglish_SameChecksInEachLanguage()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);

        var zh = await cli.RunAsync("doctor", "--jobs", cli.PathOf("none.json"), "--lang", "zh");
        var en = await cli.RunAsync("doctor", "--jobs", cli.PathOf("none.json"), "--lang", "en");

        Assert.Equal((0, 0), (zh.Exit, en.Exit));
        Assert.Contains("正常  数据库           Sqlite：可连接，结构版本", zh.Out, StringComparison.Ordinal);
        Assert.Contains("注意  定时任务         找不到 ", zh.Out, StringComparison.Ordinal);
        Assert.Contains("doctor：没有问题", zh.Out, StringComparison.Ordinal);
        Assert.Contains("ok    database         Sqlite: reachable, schema version", en.Out, StringComparison.Ordinal);
        Assert.Contains("doctor: nothing wrong", en.Out, StringComparison.Ordinal);
        Assert.Equal(zh.Out.Split('\n').Length, en.Out.Split('\n').Length);
    }

    [Fact]
    public async Task Audit_Chinese_OutcomeAndDetailInChinese()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        Assert.Equal(0, (await cli.RunAsync("lowincome", "import", Path.Combine(RepositoryPaths.SampleData, "lowincome.csv"), "--rejects", cli.PathOf("r.xlsx"))).Exit);
        var education = Path.Combine(RepositoryPaths.SampleData, "education.csv");
        Assert.Equal(0, (await cli.RunAsync("match", "education", education, "--out", cli.PathOf("m.csv"), "--lang", "zh")).Exit);

        var zh = await cli.RunAsync("audit", "--lang", "zh");
        var en = await cli.RunAsync("audit", "--lang", "en");

        Assert.Equal((0, 0), (zh.Exit, en.Exit));
        Assert.Matches(@"#1 .* match 完整身份证号，涉及 \d+ 人，完成", zh.Out);
        Assert.Contains("education education.csv：800 行", zh.Out, StringComparison.Ordinal);
        Assert.Matches(@"#1 .* match full IDs, \d+ subjects, ok", en.Out);
    }

    [Fact]
    public async Task SettingsErrors_Chinese_ThenEnglish()
    {
        using var cli = new CliRun();
        var settings = cli.PathOf("matching.json");
        File.WriteAllText(settings, """{ "ingest": { "maxRows": 0 }, "resilience": { "fileRetries": 99 } }""");
        var broken = cli.PathOf("broken.json");
        File.WriteAllText(broken, "{ not json");

        var zh = await cli.RunAsync("status", "--config", settings, "--lang", "zh");
        var en = await cli.RunAsync("status", "--config", settings, "--lang", "en");
        var zhBroken = await cli.RunAsync("status", "--config", broken, "--lang", "zh");

        Assert.Equal((2, 2, 2), (zh.Exit, en.Exit, zhBroken.Exit));
        Assert.Contains("ingest:maxRows 必须是正数", zh.Error, StringComparison.Ordinal);
        Assert.Contains("resilience:fileRetries 必须在 0 到 10 之间", zh.Error, StringComparison.Ordinal);
        Assert.Contains("ingest:maxRows must be positive", en.Error, StringComparison.Ordinal);
        Assert.Contains("：不是有效的配置 JSON：", zhBroken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesAnswersAndHeaderMapChecks_Chinese_ThenEnglish()
    {
        using var cli = new CliRun();
        var rules = cli.PathOf("rules.json");
        File.WriteAllText(rules, """{ "rules": [], "receivers": { "Civil Affairs": "民政" } }""");
        var answers = cli.PathOf("answers.json");
        File.WriteAllText(answers, """{ "answers": [ { "text": "已核实", "outcome": "maybe" } ] }""");
        var maps = cli.PathOf("maps");
        Directory.CreateDirectory(maps);
        File.WriteAllText(Path.Combine(maps, "x.json"), """{ "source": "X" }""");

        string[] ErrorsIn(string culture)
        {
            var was = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                return
                [
                    Assert.Throws<Core.Errors.MatchingException>(() => Cli.Rules.RulesFile.Load(rules)).Message,
                    Assert.Throws<Core.Errors.MatchingException>(() => Feedback.AnswersFile.Load(answers)).Message,
                    Assert.Throws<Core.Errors.MatchingException>(() => Ingest.HeaderMaps.HeaderMapCatalog.Load(maps)).Message,
                ];
            }
            finally
            {
                CultureInfo.CurrentUICulture = was;
            }
        }

        var zh = ErrorsIn("zh-Hans");
        var en = ErrorsIn("en");

        Assert.Equal(rules + ": rules 为空; receivers：“Civil Affairs”不是接收部门代码（小写字母、数字和 '-'，以字母开头；它用作文件名）", zh[0]);
        Assert.Equal(rules + ": rules is empty; receivers: 'Civil Affairs' is not a receiver code (lowercase letters, digits and '-', starting with a letter; it names files)", en[0]);
        Assert.Contains("answers[0] (已核实).outcome“maybe”不是 closes、open 或 refused", zh[1], StringComparison.Ordinal);
        Assert.Contains("answers[0] (已核实).outcome 'maybe' is not closes, open or refused", en[1], StringComparison.Ordinal);
        Assert.Contains("answers：没有一个答复能办结预警", zh[1], StringComparison.Ordinal);
        Assert.Contains("'source' 须为小写字母、数字和 '-' 组成、以字母开头的代码", zh[2], StringComparison.Ordinal);
        Assert.Contains("'source' must be a code of lowercase letters, digits and '-', starting with a letter", en[2], StringComparison.Ordinal);
        Assert.All(zh.Concat(en), m => Assert.Contains(cli.PathOf(string.Empty), m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DatabaseAndRunErrors_Chinese_ThenEnglish()
    {
        using var cli = new CliRun();

        var zhNoDatabase = await cli.RunAsync("run", "--lang", "zh");
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        var zhEmpty = await cli.RunAsync("run", "--lang", "zh");
        var enEmpty = await cli.RunAsync("run", "--lang", "en");
        var zhNoBatch = await cli.RunAsync("batch", "withdraw", "99", "--reason", "错发", "--lang", "zh");

        Assert.Contains("不存在；请运行 `matching init` 创建", zhNoDatabase.Error, StringComparison.Ordinal);
        Assert.Equal("错误：低收入人口库是空的：请先导入（`matching lowincome import <文件>`）；未执行任何规则", zhEmpty.Error.Trim());
        Assert.StartsWith("error: the low-income database is empty", enEmpty.Error, StringComparison.Ordinal);
        Assert.Equal("错误：批次 99：没有这个批次（`matching batch list` 可列出批次）", zhNoBatch.Error.Trim());
    }

    [Fact]
    public async Task Imports_Chinese_ThenEnglish_SameCountsInEachLanguage()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init", "--lang", "zh")).Exit);
        var lowIncome = Path.Combine(RepositoryPaths.SampleData, "lowincome.csv");
        var education = Path.Combine(RepositoryPaths.SampleData, "education.csv");

        var zhPopulation = await cli.RunAsync("lowincome", "import", lowIncome, "--rejects", cli.PathOf("r.xlsx"), "--lang", "zh");
        var zhDepartment = await cli.RunAsync("import", "education", education, "--lang", "zh");
        var zhAgain = await cli.RunAsync("init", "--lang", "zh");
        var enAgain = await cli.RunAsync("init", "--lang", "en");

        Assert.Equal((0, 0), (zhPopulation.Exit, zhDepartment.Exit));
        Assert.Contains("读取 8771 行，载入 8766 行，拒收 5 行", zhPopulation.Out, StringComparison.Ordinal);
        Assert.Contains("在册：2999 户，8766 人", zhPopulation.Out, StringComparison.Ordinal);
        Assert.Contains("（名单：该部门的完整名单）", zhDepartment.Out, StringComparison.Ordinal);
        Assert.Contains("读取 800 行，接收 800 行，拒收 0 行", zhDepartment.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("rows read", zhPopulation.Out + zhDepartment.Out, StringComparison.Ordinal);
        Assert.Contains("数据库结构已是最新（版本", zhAgain.Out, StringComparison.Ordinal);
        Assert.Contains("schema is up to date (version", enAgain.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Matching.Cli.Localization.Strings", typeof(CliApp), 200)]
    [InlineData("Matching.Ingest.Localization.Messages", typeof(Ingest.SourceTable), 40)]
    [InlineData("Matching.Core.Localization.Messages", typeof(Core.Errors.InputFileException), 4)]
    [InlineData("Matching.Storage.Localization.Messages", typeof(Storage.MatchingStore), 20)]
    [InlineData("Matching.Export.Localization.Messages", typeof(Export.AtomicFile), 4)]
    public void Messages_EveryKeyInBothLanguages_WithTheSamePlaceholders(string baseName, Type inAssembly, int atLeast)
    {
        var resources = new ResourceManager(baseName, inAssembly.Assembly);
        var zh = Messages(resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!);
        var en = Messages(resources.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!);

        Assert.Equal(zh.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        Assert.All(zh, pair => Assert.Equal(Placeholders(pair.Value), Placeholders(en[pair.Key])));
        Assert.True(zh.Count >= atLeast, $"{zh.Count} messages");
        // The neutral (Chinese) resources are Chinese: an English message left in them would read as untranslated.
        Assert.All(zh, pair => Assert.True(Translated(pair.Value), $"{pair.Key}: {pair.Value}"));

        // Chinese somewhere, unless the message is only placeholders, punctuation and spaces ("{0}：{1}").
        static bool Translated(string message)
        {
            var words = Regex.Replace(message, @"\{\w+\}", string.Empty);
            return words.Any(c => c >= '\u3000') || words.All(c => !char.IsLetter(c));
        }

        static Dictionary<string, string> Messages(ResourceSet set) =>
            set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

        // Numbered ones in any order; named ones (the worker's log templates, filled by position) in the same order.
        static string Placeholders(string message)
        {
            var all = Regex.Matches(message, @"\{(\w+)\}").Select(m => m.Groups[1].Value).Distinct().ToList();
            return string.Join(',', all.Where(p => char.IsDigit(p[0])).Order(StringComparer.Ordinal).Concat(all.Where(p => !char.IsDigit(p[0]))));
        }
    }

    [Fact]
    public async Task Batches_Chinese_ThenEnglish_SameFactsInEachLanguage()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        Assert.Equal(0, (await cli.RunAsync("import", "education", Path.Combine(RepositoryPaths.SampleData, "education.csv"))).Exit);
        Assert.Equal(0, (await cli.RunAsync("import", "death", Path.Combine(RepositoryPaths.SampleData, "death.csv"))).Exit);

        var zhList = await cli.RunAsync("batch", "list", "--lang", "zh");
        var enList = await cli.RunAsync("batch", "list", "--lang", "en");
        var zhWithdraw = await cli.RunAsync("batch", "withdraw", "1", "--reason", "错发的文件", "--lang", "zh");
        var enWithdraw = await cli.RunAsync("batch", "withdraw", "2", "--reason", "wrong file", "--lang", "en");

        Assert.Equal((0, 0, 0, 0), (zhList.Exit, enList.Exit, zhWithdraw.Exit, enWithdraw.Exit));
        Assert.Contains("名单", zhList.Out, StringComparison.Ordinal);
        Assert.Contains("事件：新 60 条，此前已报送 0 条", zhList.Out, StringComparison.Ordinal);
        Assert.Contains("* 尚未被运行使用", zhList.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("snapshot", zhList.Out, StringComparison.Ordinal);
        Assert.Contains("events: 60 new, 0 sent before", enList.Out, StringComparison.Ordinal);
        Assert.Equal(zhList.Out.Split('\n').Length, enList.Out.Split('\n').Length);
        Assert.Contains("批次 1（education，education.csv）已由", zhWithdraw.Out, StringComparison.Ordinal);
        Assert.Contains("education 现在没有当前名单", zhWithdraw.Out, StringComparison.Ordinal);
        Assert.Contains("its events no longer count", enWithdraw.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Chinese_ThenEnglish_CommandsAndOptionsInEachLanguage()
    {
        using var cli = new CliRun();

        var zh = await cli.RunAsync("import", "--help", "--lang", "zh");
        var en = await cli.RunAsync("import", "--help", "--lang=en");

        Assert.Equal((0, 0), (zh.Exit, en.Exit));
        Assert.Contains("将一个部门文件导入为一个批次", zh.Out, StringComparison.Ordinal);
        Assert.Contains("部门代码：death", zh.Out, StringComparison.Ordinal);
        Assert.Contains("显示帮助和用法", zh.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Ingest one department extract", zh.Out, StringComparison.Ordinal);
        Assert.Contains("Ingest one department extract as a batch", en.Out, StringComparison.Ordinal);
        Assert.Contains("Department code: death", en.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("部门代码", en.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Chinese_ThenEnglish_SameFactsMaskedInEachLanguage()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        var stranger = TestIds.Valid(1).Value;

        var zh = await cli.RunAsync("show", stranger, "--lang", "zh");
        var en = await cli.RunAsync("show", stranger, "--lang", "en");

        Assert.Equal((0, 0), (zh.Exit, en.Exit));
        Assert.Contains("：不在低收入人口库中", zh.Out, StringComparison.Ordinal);
        Assert.Contains("预警：0 条", zh.Out, StringComparison.Ordinal);
        Assert.Contains(": not in the low-income database", en.Out, StringComparison.Ordinal);
        Assert.Contains("warnings: 0", en.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(stranger, zh.Out + en.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Id_Chinese_ThenEnglish_ReasonInEachLanguageColumnsTheSame()
    {
        using var cli = new CliRun();
        var valid = TestIds.Valid(7).Value;
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var zh = await cli.RunAsync("id", wrongCheck, "12345", "--lang", "zh");
        var en = await cli.RunAsync("id", wrongCheck, "12345", "--lang", "en");

        Assert.Equal((0, 0), (zh.Exit, en.Exit));
        string[][] Lines(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))];
        var (zhLines, enLines) = (Lines(zh.Out), Lines(en.Out));
        Assert.Equal(enLines.Select(l => l[..3]), zhLines.Select(l => l[..3]));
        Assert.StartsWith("校验码：与前 17 位不符；有 ", zhLines[0][3], StringComparison.Ordinal);
        Assert.EndsWith("个有效身份证号只差一处输入错误", zhLines[0][3], StringComparison.Ordinal);
        Assert.StartsWith("check character: does not agree with the first 17 digits; ", enLines[0][3], StringComparison.Ordinal);
        Assert.Equal("位数：5 位，应为 18 位或 15 位", zhLines[1][3]);
        Assert.Equal("length: 5 digits, expected 18 or 15", enLines[1][3]);
    }

    [Fact]
    public async Task Lists_Chinese_ThenEnglish_JoinedAsEachLanguageWritesThem()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);

        var zh = await cli.RunAsync("import", "nosuch", cli.PathOf("x.csv"), "--lang", "zh");
        var en = await cli.RunAsync("import", "nosuch", cli.PathOf("x.csv"), "--lang", "en");

        Assert.Equal((2, 2), (zh.Exit, en.Exit));
        Assert.Contains("death、disability、disaster、education", zh.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(", ", zh.Error, StringComparison.Ordinal);
        Assert.Contains("death, disability, disaster, education", en.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLineWords_Chinese_HelpAndParseErrorsLeaveNoEnglishOfTheLibrary()
    {
        using var cli = new CliRun();

        var help = await cli.RunAsync("export", "--help", "--lang", "zh");
        var required = await cli.RunAsync("export", "--lang", "zh");
        var english = await cli.RunAsync("export", "--lang", "en");

        Assert.Equal(0, help.Exit);
        Assert.Contains("说明:", help.Out, StringComparison.Ordinal);
        Assert.Contains(" export [选项]", help.Out, StringComparison.Ordinal);
        Assert.Contains("缺少必需的选项：“--out”。", required.Error, StringComparison.Ordinal);
        foreach (var output in new[] { help.Out, required.Out + required.Error })
        {
            Assert.DoesNotContain("Description:", output, StringComparison.Ordinal);
            Assert.DoesNotContain("[options]", output, StringComparison.Ordinal);
            Assert.DoesNotContain(" is required.", output, StringComparison.Ordinal);
            Assert.DoesNotContain("was not matched", output, StringComparison.Ordinal);
        }

        Assert.Contains("Option '--out' is required.", english.Error, StringComparison.Ordinal);
        Assert.Contains("Description:", english.Out + english.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLineWords_TypoSuggestion_InEachLanguage()
    {
        const string Line = "'statsu' was not matched. Did you mean one of the following?\r";
        var was = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
            Assert.Equal("无法识别“statsu”。是否指以下之一？\r", Localization.CommandLineWords.Translate(Line));
            Assert.Equal("  说明", Localization.CommandLineWords.Translate("  说明"));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal(Line, Localization.CommandLineWords.Translate(Line));
        }
        finally
        {
            CultureInfo.CurrentUICulture = was;
        }
    }

    [Fact]
    public async Task Lang_Unknown_RefusedNamingTheChoices()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("status", "--lang", "fr");

        Assert.Equal(2, exit);
        Assert.Contains("--lang 'fr': zh (中文, the default) or en (English)", error, StringComparison.Ordinal);
    }
}
