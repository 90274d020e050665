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

    [Fact]
    public async Task Lang_Unknown_RefusedNamingTheChoices()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("status", "--lang", "fr");

        Assert.Equal(2, exit);
        Assert.Contains("--lang 'fr': zh (中文, the default) or en (English)", error, StringComparison.Ordinal);
    }
}
