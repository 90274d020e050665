using Matching.Cli.Worker;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Matching.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Cli.Tests.Worker;

/// <summary>
/// The worker's nightly job fired by the real Quartz scheduler on a fake clock: a dropped extract is imported,
/// archived, evaluated, and every receiver's workbook lands in the outbox under the bureau's date.
/// </summary>
public sealed class WorkerJobTests
{
    // 01:00 in Asia/Shanghai on 2026-11-29; the nightly job fires at 02:00.
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NightlyJob_FiredBySchedulerOnFakeClock_ImportsDroppedFileAndWritesOutbox()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        Assert.Equal(0, (await cli.RunAsync("lowincome", "import", Path.Combine(RepositoryPaths.SampleData, "lowincome.csv"), "--rejects", cli.PathOf("r.xlsx"))).Exit);
        var settings = Settings(cli);
        var dropped = Path.Combine(settings.Folders.Drop, "education", "教育 名单.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(dropped)!);
        File.Copy(Path.Combine(RepositoryPaths.SampleData, "education.csv"), dropped);
        File.SetLastWriteTimeUtc(dropped, Start.UtcDateTime.AddMinutes(-10));
        var stray = Path.Combine(settings.Folders.Drop, "学生名单.csv");
        var unknown = Path.Combine(settings.Folders.Drop, "foo", "x.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(unknown)!);
        File.WriteAllText(stray, "not taken");
        File.WriteAllText(unknown, "not taken");
        var clock = new FakeTimeProvider(Start);
        using var logs = new LogSink();

        using var host = WorkerHost.Build(Context(cli, clock), settings, logging => logging.AddProvider(logs));
        await host.StartAsync();
        Assert.False(Directory.Exists(settings.Outbox));
        var status = await cli.RunAtAsync(clock, "status", "--jobs", Path.Combine(RepositoryPaths.Root, "jobs", "worker.json"));
        Assert.Contains($"{Environment.MachineName} pid {Environment.ProcessId}: started 2026-11-29 01:00, last seen 2026-11-29 01:00", status.Out, StringComparison.Ordinal);
        Assert.Contains("next scheduled firing: nightly job at 2026-11-29 02:00", status.Out, StringComparison.Ordinal);
        var zh = await cli.RunAtAsync(clock, "status", "--jobs", Path.Combine(RepositoryPaths.Root, "jobs", "worker.json"), "--lang", "zh");
        Assert.Contains("下次定时运行：夜间任务 2026-11-29 02:00", zh.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("next scheduled", zh.Out, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var overview = Path.Combine(settings.Outbox, "civil-affairs", "2026-11-29", "civil-affairs-overview.xlsx");
        await WaitForAsync(() => File.Exists(overview), logs);
        await WaitForAsync(() => logs.Lines.Any(l => l.Contains("Nightly result", StringComparison.Ordinal)), logs);
        await host.StopAsync();

        // Stopped: its heartbeat row is gone, and status says nothing fires rather than naming a firing.
        status = await cli.RunAtAsync(clock, "status", "--jobs", Path.Combine(RepositoryPaths.Root, "jobs", "worker.json"));
        Assert.Contains("no worker running", status.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("next scheduled firing", status.Out, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Contains("fired for 2026-11-29 02:00:00 +08:00", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains($"running since 2026-11-29 01:00:00 +08:00", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("stopping: a stop asked by the host", StringComparison.Ordinal));
        var result = Assert.Single(logs.Lines, l => l.Contains("Nightly result for 2026-11-29", StringComparison.Ordinal));
        Assert.Contains("1 files taken (1 imported, 0 identical to an earlier batch, 0 refused), 800 rows read, 800 accepted, 0 rejected", result, StringComparison.Ordinal);
        Assert.Contains("1 reject reports in " + Path.Combine(settings.Outbox, "education", "2026-11-29"), result, StringComparison.Ordinal);

        // Files in no department's folder: logged once each, left where they are.
        Assert.True(File.Exists(stray) && File.Exists(unknown));
        Assert.Single(logs.Lines, l => l.Contains(stray + ": not in a department's drop folder", StringComparison.Ordinal));
        Assert.Single(logs.Lines, l => l.Contains(unknown + ": not in a department's drop folder", StringComparison.Ordinal));

        Assert.False(File.Exists(dropped));
        Assert.True(File.Exists(Path.Combine(settings.Folders.Archive, "education", "2026-11-29", "教育 名单.csv")));
        foreach (var receiver in new[] { "education", "civil-affairs", "housing", "agriculture" })
        {
            Assert.True(File.Exists(Path.Combine(settings.Outbox, receiver, "2026-11-29", receiver + ".xlsx")), receiver);
        }

        await using var store = await MatchingStore.OpenAsync(StorageOptions.Resolve(cli.Database, null), TimeProvider.System, CancellationToken.None);
        var run = Assert.Single(await store.Runs.RecentAsync(5, CancellationToken.None));
        Assert.Equal((RunOutcome.Succeeded, "2026-11-29"), (run.Outcome, run.AsOf));
        Assert.Contains(run.Counts, c => c.Code == "EDU_AID_GAP" && c.Found > 0);
        Assert.DoesNotContain(logs.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\d{17}[\dX]"));

        // The file's reject report (IDs to check) went to the department's outbox beside its workbook, in Chinese, and the log names it.
        var report = Assert.Single(Directory.GetFiles(Path.Combine(settings.Outbox, "education", "2026-11-29"), "*.rejects.xlsx"));
        var rows = RejectReport.Read(report).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", r[6]));
        Assert.Contains(rows, r => r[5] == "IdInvalid" && r[6].StartsWith("身份证号无效：", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("reject report for", StringComparison.Ordinal) && l.Contains(Path.GetFileName(report), StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Nightly intake: 1 reject reports written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NightlyJob_FileStillBeingWritten_LeftInTheDropFolder()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        Assert.Equal(0, (await cli.RunAsync("lowincome", "import", Path.Combine(RepositoryPaths.SampleData, "lowincome.csv"), "--rejects", cli.PathOf("r.xlsx"))).Exit);
        var settings = Settings(cli);
        var dropped = Path.Combine(settings.Folders.Drop, "education", "students.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(dropped)!);
        File.Copy(Path.Combine(RepositoryPaths.SampleData, "education.csv"), dropped);
        var clock = new FakeTimeProvider(Start);
        using var logs = new LogSink();

        // Written 30 s before the firing: not yet unchanged for stableSeconds (60).
        File.SetLastWriteTimeUtc(dropped, Start.UtcDateTime.AddHours(1).AddSeconds(-30));
        using var host = WorkerHost.Build(Context(cli, clock), settings, logging => logging.AddProvider(logs));
        await host.StartAsync();
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await WaitForAsync(() => Directory.Exists(Path.Combine(settings.Outbox, "civil-affairs", "2026-11-29")), logs);
        await host.StopAsync();

        Assert.True(File.Exists(dropped));
        Assert.False(Directory.Exists(settings.Folders.Archive) && Directory.EnumerateFiles(settings.Folders.Archive, "*", SearchOption.AllDirectories).Any());
    }

    private static WorkerSettings Settings(CliRun cli) => new()
    {
        Folders = new DropFolderOptions { Drop = cli.PathOf("drop"), Archive = cli.PathOf("archive"), Rejected = cli.PathOf("rejected"), StableSeconds = 60 },
        Outbox = cli.PathOf("outbox"),
        LogFolder = cli.PathOf("logs"),
    };

    private static CliContext Context(CliRun cli, TimeProvider clock) => new(TextWriter.Null, TextWriter.Null, clock,
        StorageOptions.Resolve(cli.Database, null), HeaderMapCatalog.DefaultDirectory, new MatchingSettings { RejectsFolder = cli.PathOf("rejects") });

    private static async Task WaitForAsync(Func<bool> done, LogSink logs)
    {
        for (var i = 0; i < 300 && !done(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(done(), "the job did not finish in 30 s; log:\n" + string.Join('\n', logs.Lines));
    }

    /// <summary>Collects the worker's log lines.</summary>
    private sealed class LogSink : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
