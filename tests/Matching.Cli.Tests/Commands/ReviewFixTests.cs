using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary>Found in review: each of these failed before its fix.</summary>
public sealed class ReviewFixTests
{
    [Fact]
    public async Task Run_EmptyLowIncomeDatabase_RefusedWithoutWarnings()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        Assert.Equal(0, (await cli.RunAsync("import", "education", Path.Combine(RepositoryPaths.SampleData, "education.csv"))).Exit);

        var (exit, output, error) = await cli.RunAsync("run", "--as-of", "2026-11-28");

        Assert.Equal(2, exit);
        Assert.Contains("low-income database is empty", error, StringComparison.Ordinal);
        Assert.DoesNotContain("EDU_NOT_COVERED", output, StringComparison.Ordinal);
        var status = await cli.RunAsync("status");
        Assert.Contains("failed", status.Out, StringComparison.Ordinal);
        Assert.Contains("pending batches (1", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_IdNumberTypedAsWarningNumber_ShownMasked()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        var id = TestIds.Valid(7).Value;
        var file = cli.PathOf("returned.csv");
        await File.WriteAllTextAsync(file, $"预警编号,处理结果,处理日期\r\n{id},已核实,2026-12-01\r\n{id[..17]}X,已核实,2026-12-01\r\n");

        var (exit, output, _) = await cli.RunAsync("feedback", "import", "education", file);

        Assert.Equal(0, exit);
        Assert.Contains("2 rows not used", output, StringComparison.Ordinal);
        Assert.DoesNotContain(id[6..14], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoSchema_OneLineTellingToInit()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("status");

        Assert.Equal(2, exit);
        Assert.Contains("matching init", error, StringComparison.Ordinal);
    }
}
