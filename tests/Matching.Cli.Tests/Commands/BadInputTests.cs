using System.Text;

namespace Matching.Cli.Tests.Commands;

/// <summary>Bad input gives one line on stderr naming the file, a non-zero exit, and no stack trace.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData("missing.csv", null, "no such file")]
    [InlineData("extract.pdf", "%PDF-1.4", "unsupported file type")]
    [InlineData("empty.csv", "", "empty")]
    [InlineData("no-id.csv", "姓名,学校\n张三,一中\n", "no ID column")]
    public async Task Match_BadFile_OneLineErrorNamingFile(string name, string? content, string expected)
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var path = cli.PathOf(name);
        if (content is not null)
        {
            await File.WriteAllTextAsync(path, content, new UTF8Encoding(false));
        }

        var (exit, output, error) = await cli.RunAsync("match", "education", path, "--out", cli.PathOf("out.csv"));

        Assert.NotEqual(0, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(name, line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.PathOf("out.csv")));
    }

    [Fact]
    public async Task LowIncomeImport_BinaryFileNamedCsv_RefusedAndNothingStored()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var path = cli.PathOf("population.csv");
        await File.WriteAllBytesAsync(path, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF, 0x00]);

        var (exit, _, error) = await cli.RunAsync("lowincome", "import", path);

        Assert.Equal(2, exit);
        Assert.Contains("population.csv", error, StringComparison.Ordinal);
        Assert.Contains("binary", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_BeforeInit_TellsOperatorToInit()
    {
        using var cli = new CliRun();
        var path = cli.PathOf("edu.csv");
        await File.WriteAllTextAsync(path, "姓名,身份证号\n张三,1\n");

        var (exit, _, error) = await cli.RunAsync("match", "education", path, "--out", cli.PathOf("out.csv"));

        Assert.Equal(2, exit);
        Assert.Contains("matching init", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_UnknownDepartment_ListsKnownOnes()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("match", "police", cli.PathOf("x.csv"), "--out", cli.PathOf("out.csv"));

        Assert.Equal(2, exit);
        Assert.Contains("education", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FolderGivenAsFile_OneLineErrorNotUnexpected()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        Directory.CreateDirectory(cli.PathOf("extract.csv"));

        var (exit, _, error) = await cli.RunAsync("import", "education", cli.PathOf("extract.csv"));

        Assert.Equal(2, exit);
        Assert.Contains("is a folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_OutIsAFolder_OneLineErrorNotUnexpected()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var path = cli.PathOf("edu.csv");
        await File.WriteAllTextAsync(path, "姓名,身份证号\n张三,1\n");
        Directory.CreateDirectory(cli.PathOf("result.csv"));

        var (exit, _, error) = await cli.RunAsync("match", "education", path, "--out", cli.PathOf("result.csv"));

        Assert.Equal(2, exit);
        Assert.Contains("cannot be written", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RejectReportCannotBeWritten_NothingImported()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var blocker = cli.PathOf("not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var config = cli.PathOf("settings.json");
        await File.WriteAllTextAsync(config, $"{{ \"rejectsFolder\": \"{blocker.Replace("\\", "/", StringComparison.Ordinal)}\" }}");
        var path = cli.PathOf("edu.csv");
        await File.WriteAllTextAsync(path, "姓名,身份证号,学校,年级\n张三,123\n");

        var (exit, _, error) = await cli.RunAsync("import", "education", path, "--config", config);
        var (again, output, _) = await cli.RunAsync("import", "education", path);

        Assert.Equal(2, exit);
        Assert.Contains("reject report cannot be written", error, StringComparison.Ordinal);
        Assert.Equal(0, again);
        Assert.Contains("batch 1", output, StringComparison.Ordinal); // the failed attempt stored nothing
    }
}
