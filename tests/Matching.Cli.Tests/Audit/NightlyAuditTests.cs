using Matching.Cli.Worker;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Matching.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Matching.Cli.Tests.Worker;

namespace Matching.Cli.Tests.Audit;

/// <summary>
/// The worker's nightly export leaves one access-audit record per outbox workbook (whole IDs or masked, as written),
/// and every file and folder it writes is the service account's only.
/// </summary>
public sealed class NightlyAuditTests
{
    [Fact]
    public async Task NightlyJob_OneRecordPerOutboxWorkbook_FilesOwnerOnly()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        Assert.Equal(0, (await cli.RunAsync("lowincome", "import", Path.Combine(RepositoryPaths.SampleData, "lowincome.csv"), "--rejects", cli.PathOf("r.xlsx"))).Exit);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.Zero));
        var settings = new WorkerSettings
        {
            Folders = new DropFolderOptions { Drop = cli.PathOf("drop"), Archive = cli.PathOf("archive"), Rejected = cli.PathOf("rejected"), StableSeconds = 60 },
            Outbox = cli.PathOf("outbox"),
            LogFolder = cli.PathOf("logs"),
        };
        var dropped = Path.Combine(settings.Folders.Drop, "education", "education.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(dropped)!);
        File.Copy(Path.Combine(RepositoryPaths.SampleData, "education.csv"), dropped);
        File.SetLastWriteTimeUtc(dropped, clock.GetUtcNow().UtcDateTime.AddMinutes(-10));
        var context = new CliContext(TextWriter.Null, TextWriter.Null, clock, StorageOptions.Resolve(cli.Database, null).WithCreation(false),
            HeaderMapCatalog.DefaultDirectory, new MatchingSettings { RejectsFolder = cli.PathOf("rejects") });
        using var intake = WorkerParts.Intake(context, new DropFolder(settings.Folders, clock, ResiliencePipeline.Empty), NullLogger<Intake>.Instance, settings);

        await WorkerParts.Nightly(context, intake, settings, NullLogger<NightlyJob>.Instance).RunAsync(CancellationToken.None);

        var workbooks = Directory.GetFiles(settings.Outbox, "*.xlsx", SearchOption.AllDirectories).Where(f => !f.EndsWith(".rejects.xlsx", StringComparison.Ordinal)).ToList();
        var records = await CliDatabase.QueryAsync(cli, "SELECT * FROM access_audit ORDER BY audit_id");
        Assert.Equal(workbooks.Order(StringComparer.Ordinal), records.Select(r => r["output_path"]).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal("nightly export", r["command"]));
        Assert.Equal("0", records.Single(r => r["output_path"].EndsWith("civil-affairs-overview.xlsx", StringComparison.Ordinal))["full_ids"]);
        Assert.Equal("1", records.Single(r => r["output_path"].EndsWith("education.xlsx", StringComparison.Ordinal))["full_ids"]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.All(Directory.GetFiles(settings.Outbox, "*", SearchOption.AllDirectories).Concat(Directory.GetFiles(settings.Folders.Archive, "*", SearchOption.AllDirectories)),
                f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(f)));
        }
    }

    private static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
}
