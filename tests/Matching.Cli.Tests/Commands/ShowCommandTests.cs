using Matching.Cli.Tests.Warnings;
using Matching.Testing;
using static Matching.Cli.Tests.Warnings.WarningWorld;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// <c>matching show &lt;id&gt; [--full]</c> end to end: one person's household, categories, aid received and warnings
/// with their history; IDs and names masked unless <c>--full</c>; an invalid ID refused in one line.
/// </summary>
public sealed class ShowCommandTests
{
    private static readonly string[] FullIds = [Zhang.Value, ZhangXiaoming.Value, Li.Value, LiXiaohong.Value, Stranger.Value];

    [Fact]
    public async Task Show_Member_PrintsHouseholdCategoriesAidAndWarningsWithTheirEventsMasked()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.WarningRunAsync("2026-12-05");
        var warning = await world.WarningAsync("EDU_AID_GAP", ZhangXiaoming);

        var (exit, output, error) = await world.RunAsync("show", ZhangXiaoming.Value);

        Assert.True(exit == 0, error);
        Assert.Contains("household H1", output, StringComparison.Ordinal);
        Assert.Contains("天坛街道", output, StringComparison.Ordinal);
        Assert.Contains("低保", output, StringComparison.Ordinal);
        Assert.Matches("aid received: .*医疗救助", output);
        Assert.DoesNotMatch("aid received: .*教育救助", output);
        Assert.Contains(ZhangXiaoming.Masked, output, StringComparison.Ordinal);
        Assert.Contains(Zhang.Masked, output, StringComparison.Ordinal);
        Assert.Contains($"#{warning["warning_id"]} EDU_AID_GAP", output, StringComparison.Ordinal);
        Assert.Contains("first 2026-11-28", output, StringComparison.Ordinal);
        Assert.Matches(@"新增 \(run \d+\)[\s\S]*持续 \(run \d+\)", output);
        Assert.DoesNotContain(FullIds, id => output.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain("张小明", output, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Full_PrintsWholeIdsAndNames()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");

        var (exit, output, error) = await world.RunAsync("show", ZhangXiaoming.Value, "--full");

        Assert.True(exit == 0, error);
        Assert.Contains(ZhangXiaoming.Value, output, StringComparison.Ordinal);
        Assert.Contains(Zhang.Value, output, StringComparison.Ordinal);
        Assert.Contains("张小明", output, StringComparison.Ordinal);
        Assert.Contains("张三", output, StringComparison.Ordinal);
        Assert.Contains("EDU_AID_GAP", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_HouseholdHead_ListsTheHouseholdsWarningsWithDispositions()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var med = await world.WarningAsync("MED_AID_GAP", Li);
        var path = world.Cli.PathOf("returned.csv");
        await File.WriteAllTextAsync(path, $"预警编号,处理结果,处理日期\r\n{med["warning_id"]},已落实救助,2026-12-01\r\n");
        await world.MustAsync("feedback", "import", "medical-insurance", path);

        var (exit, output, error) = await world.RunAsync("show", Li.Value);

        Assert.True(exit == 0, error);
        Assert.Contains("household H2", output, StringComparison.Ordinal);
        Assert.Contains("克井镇", output, StringComparison.Ordinal);
        Assert.Contains("MED_AID_GAP", output, StringComparison.Ordinal);
        Assert.Contains("EDU_AID_GAP", output, StringComparison.Ordinal); // 李小红's, a member of the household
        Assert.Contains("已落实救助", output, StringComparison.Ordinal);
        Assert.Contains("已处理", output, StringComparison.Ordinal);
        Assert.DoesNotContain(FullIds, id => output.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain("李四", output, StringComparison.Ordinal);
        Assert.DoesNotContain("李小红", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_PersonNotInTheDatabase_SaysSoAndListsTheirWarnings()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");

        var (exit, output, error) = await world.RunAsync("show", Stranger.Value);

        Assert.True(exit == 0, error);
        Assert.Contains("not in the low-income database", output, StringComparison.Ordinal);
        Assert.Contains("EDU_NOT_COVERED", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Stranger.Value, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345678901234")]
    [InlineData("not-an-id")]
    [InlineData("41900119800101011")]
    public async Task Show_InvalidId_Exit2WithOneLine(string id)
    {
        using var world = await WarningWorld.CreateAsync();

        var (exit, output, error) = await world.RunAsync("show", id);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("not a valid ID", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_IdWithWrongCheckCharacter_Exit2AndTheIdNotEchoedWhole()
    {
        using var world = await WarningWorld.CreateAsync();
        var wrong = TestIds.Substitute(Zhang.Value, 17, Zhang.Value[17] == '1' ? '2' : '1');

        var (exit, output, error) = await world.RunAsync("show", wrong);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain(wrong, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_WarningNumber_TheWarningItsHistoryAndItsSubjectsChain()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var med = (await world.WarningAsync("MED_AID_GAP", Li))["warning_id"];

        var byOption = await world.MustAsync("show", "--warning", med);
        var detected = await world.MustAsync("show", med);

        Assert.Equal(byOption, detected);
        Assert.StartsWith($"warning {med} MED_AID_GAP", byOption, StringComparison.Ordinal);
        Assert.Contains("→ medical-insurance (医疗保障局): 新增, first 2026-11-28", byOption, StringComparison.Ordinal);
        Assert.Contains("household H2", byOption, StringComparison.Ordinal);
        Assert.DoesNotContain(FullIds, id => byOption.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_WarningWhoseSubjectHasNoValidId_ReachedByItsNumber()
    {
        using var world = await WarningWorld.CreateAsync();
        var damaged = TestIds.Substitute(Stranger.Value, 17, Stranger.Value[17] == '1' ? '2' : '1');
        var path = world.StudentsFile("students-typo.csv", ("张小明", ZhangXiaoming, "否"), ("李小红", LiXiaohong, "否"), ("王五", Stranger, "是"));
        WriteBack(path, File.ReadAllText(path).Replace(Stranger.Value, damaged, StringComparison.Ordinal));
        await world.MustAsync("import", "education", path);
        await world.WarningRunAsync("2026-11-28");
        var invalid = (await world.WarningsAsync()).First(w => w["code"] == "ID_INVALID")["warning_id"];

        var output = await world.MustAsync("show", invalid);

        Assert.StartsWith($"warning {invalid} ID_INVALID", output, StringComparison.Ordinal);
        Assert.Contains("the subject's ID is not usable", output, StringComparison.Ordinal);
        Assert.DoesNotContain("王五", output, StringComparison.Ordinal);
        Assert.DoesNotContain(damaged, output, StringComparison.Ordinal);
    }

    private static string WriteBack(string path, string text)
    {
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(true));
        return path;
    }

    [Fact]
    public async Task Show_NoSuchWarning_Exit2WithOneLine()
    {
        using var world = await WarningWorld.CreateAsync();

        var (exit, _, error) = await world.RunAsync("show", "--warning", "99999");

        Assert.Equal(2, exit);
        Assert.Contains("there is no warning 99999", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
