using System.Text.RegularExpressions;

namespace Matching.Cli.Tests.Commands;

/// <summary>Help texts as an operator reads them (issue 17): they agree with each other and with the header maps.</summary>
public partial class HelpTests
{
    [Fact]
    public async Task MatchAndImportHelp_ListTheSameDepartments_EveryHeaderMapDepartment()
    {
        using var cli = new CliRun();

        var match = Departments((await cli.RunAsync("match", "--help")).Out);
        var import = Departments((await cli.RunAsync("import", "--help")).Out);

        Assert.Equal(import, match);
        Assert.Equal(["death", "disability", "disaster", "education", "illness", "medical-bills", "unemployment"], match);
    }

    [Fact]
    public async Task SampleHelp_HiddenCommand_StillPrintsItsOptions()
    {
        using var cli = new CliRun();

        var (exit, output, _) = await cli.RunAsync("sample", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--households", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+sample\s", (await cli.RunAsync("--help")).Out);
        Assert.Matches(@"(?m)^\s+demo\s", (await cli.RunAsync("--help")).Out);
    }

    [Fact]
    public async Task DemoHelp_NamesRunAndExport()
    {
        using var cli = new CliRun();

        var output = (await cli.RunAsync("demo", "--help")).Out;

        Assert.Contains("run the warning rules", output, StringComparison.Ordinal);
        Assert.Contains("export the warning workbooks", output, StringComparison.Ordinal);
    }

    private static string[] Departments(string help)
    {
        var line = DepartmentLine().Match(help);
        Assert.True(line.Success, help);
        return line.Groups[1].Value.Split(", ", StringSplitOptions.TrimEntries);
    }

    [GeneratedRegex(@"Department code: ([a-z, -]+)")]
    private static partial Regex DepartmentLine();
}
