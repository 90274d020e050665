using Matching.Cli.Tests.Warnings;
using Matching.Cli.Worker;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Matching.Cli.Tests.Worker;

/// <summary>
/// The worker's intake refuses what an operator would: a list much shorter than the department's current one and a
/// returned warning workbook dropped into a department's folder go to rejected/, the reason beside them; nothing is imported.
/// </summary>
public sealed class IntakeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Intake_ShortListAndAReturnedWorkbook_RejectedWithTheReasonAndNothingImported()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await world.MustAsync("export", "--out", world.Cli.PathOf("out"));
        var options = new DropFolderOptions { Drop = world.Cli.PathOf("drop"), Archive = world.Cli.PathOf("archive"), Rejected = world.Cli.PathOf("rejected"), StableSeconds = 60 };
        var folder = Path.Combine(options.Drop, "education");
        Directory.CreateDirectory(folder);
        File.Copy(world.StudentsFile("short.csv", ("张小明", WarningWorld.ZhangXiaoming, "否")), Path.Combine(folder, "short.csv"));
        File.Copy(world.Cli.PathOf(Path.Combine("out", "education.xlsx")), Path.Combine(folder, "education.xlsx"));
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.SetLastWriteTimeUtc(file, Now.UtcDateTime.AddMinutes(-10));
        }

        var before = await CliDatabase.CountRowsAsync(world.Cli);
        var clock = new FakeTimeProvider(Now);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, clock, StorageOptions.Resolve(world.Cli.Database, null),
            HeaderMapCatalog.DefaultDirectory, new MatchingSettings { RejectsFolder = world.Cli.PathOf("rejects") });
        using var intake = WorkerParts.Intake(context, new DropFolder(options, clock, ResiliencePipeline.Empty), NullLogger<Intake>.Instance);

        var taken = await intake.ImportAllAsync(CancellationToken.None);

        Assert.Equal(2, taken);
        Assert.Empty(Directory.EnumerateFiles(folder));
        var rejected = Path.Combine(options.Rejected, "education");
        Assert.Contains("--accept-shrink", await File.ReadAllTextAsync(Path.Combine(rejected, "short.csv.error.txt")), StringComparison.Ordinal);
        Assert.Contains("matching feedback import", await File.ReadAllTextAsync(Path.Combine(rejected, "education.xlsx.error.txt")), StringComparison.Ordinal);
        var after = await CliDatabase.CountRowsAsync(world.Cli);
        Assert.Equal(before["import_batch"], after["import_batch"]);
        Assert.Equal(before["source_record"], after["source_record"]);
    }
}
