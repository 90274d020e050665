using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Matching.Cli.Tests.Processes;
using Matching.Cli.Worker;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Matching.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Matching.Cli.Tests.Worker;

namespace Matching.Cli.Tests.Audit;

/// <summary>
/// A night of the worker on PostgreSQL with a password in the connection string: nothing it prints, logs or writes
/// (log lines with their exceptions, the <c>.error.txt</c> of a refused file, the access audit) holds the password
/// or a whole ID; every outbox workbook is on record; the files it writes are the service account's only.
/// </summary>
public sealed partial class PostgresNightTests
{
    private const string Secret = "Sekr3tPw";

    [SkippableFact]
    public async Task NightlyJob_PasswordInConnectionString_NeverWrittenAnywhere_EveryWorkbookAudited()
    {
        using var database = new ScratchPostgres();
        using var cli = new CliRun();
        var db = database.ConnectionString + $";Password={Secret}";
        var printed = new List<string>();
        async Task<int> RunOnAsync(string connection, params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await CliApp.RunAsync([.. args, "--db", connection], output, error, TimeProvider.System);
            printed.Add(output.ToString() + error.ToString());
            return exit;
        }

        Task<int> RunAsync(params string[] args) => RunOnAsync(db, args);

        Assert.Equal(0, await RunAsync("init"));
        Assert.Equal(0, await RunAsync("lowincome", "import", Path.Combine(RepositoryPaths.SampleData, "lowincome.csv"), "--rejects", cli.PathOf("r.xlsx")));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.Zero));
        var settings = new WorkerSettings
        {
            Folders = new DropFolderOptions { Drop = cli.PathOf("drop"), Archive = cli.PathOf("archive"), Rejected = cli.PathOf("rejected"), StableSeconds = 60 },
            Outbox = cli.PathOf("outbox"),
            LogFolder = cli.PathOf("logs"),
        };
        Drop(settings, clock, "education.csv", "education.csv");
        Drop(settings, clock, "unemployment.csv", "失业名单.csv"); // another department's file: refused, with its .error.txt
        var sink = new LogSink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink));
        var context = new CliContext(TextWriter.Null, TextWriter.Null, clock, StorageOptions.Resolve(db, null),
            HeaderMapCatalog.DefaultDirectory, new MatchingSettings { RejectsFolder = cli.PathOf("rejects") });
        using var intake = WorkerParts.Intake(context, new DropFolder(settings.Folders, clock, ResiliencePipeline.Empty, factory.CreateLogger<DropFolder>()),
            factory.CreateLogger<Intake>(), settings);

        await WorkerParts.Nightly(context, intake, settings, factory.CreateLogger<NightlyJob>()).RunAsync(CancellationToken.None);
        Assert.Equal(0, await RunAsync("audit", "--full"));
        var audit = printed[^1];
        var nowhere = new Npgsql.NpgsqlConnectionStringBuilder(db) { Database = "nowhere_here" }.ConnectionString;
        Assert.Contains(Secret, nowhere, StringComparison.Ordinal);
        Assert.Equal(2, await RunOnAsync(nowhere, "status"));
        Assert.Equal(2, await RunOnAsync(nowhere, "show", "--full", "11010519491231002X"));

        var note = Assert.Single(Directory.GetFiles(settings.Folders.Rejected, "*.error.txt", SearchOption.AllDirectories));
        string[] everything = [.. sink.Lines, .. printed, await File.ReadAllTextAsync(note)];
        Assert.DoesNotContain(everything, text => text.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Lines, l => WholeId().IsMatch(l));
        var workbooks = Directory.GetFiles(settings.Outbox, "*.xlsx", SearchOption.AllDirectories).Count(f => !f.EndsWith(".rejects.xlsx", StringComparison.Ordinal));
        Assert.Equal(workbooks, Regex.Count(audit, "nightly export"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.All(Directory.GetFiles(cli.Folder, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(settings.Folders.Drop, StringComparison.Ordinal)),
                f => Assert.True(ModeOf(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{f}: {ModeOf(f)}"));
        }
    }

    private static void Drop(WorkerSettings settings, TimeProvider clock, string sample, string name)
    {
        var path = Path.Combine(settings.Folders.Drop, "education", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(RepositoryPaths.SampleData, sample), path);
        File.SetLastWriteTimeUtc(path, clock.GetUtcNow().UtcDateTime.AddMinutes(-10));
    }

    private static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);

    [GeneratedRegex(@"\d{17}[\dX]")]
    private static partial Regex WholeId();

    /// <summary>Every log line, with its exception's full text.</summary>
    private sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
