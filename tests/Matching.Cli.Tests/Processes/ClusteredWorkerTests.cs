using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Matching.Cli.Tests.Processes;

/// <summary>
/// Two <c>matching worker</c> processes on one PostgreSQL database share one schedule (Quartz's clustered job store):
/// every firing runs on exactly one of them, and when the worker doing the work is killed (SIGKILL: no goodbye) the
/// other takes its firings over; a firing the kill cut short is run again once, by the survivor, marked recovering.
/// </summary>
[Collection(SeparateProcesses.Name)]
public sealed partial class ClusteredWorkerTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task TwoWorkers_OneDatabase_EachFiringOnceAndTheSurvivorTakesOver()
    {
        using var database = new ScratchPostgres();
        using var cli = new CliRun();
        var init = await CliProcess.RunAsync(cli.Folder, "init", "--db", database.ConnectionString);
        Assert.True(init.Exit == 0, init.Error);
        var (a, b) = (WorkerFolder(cli, "a"), WorkerFolder(cli, "b"));

        using var first = CliProcess.Start(a, "worker", "--jobs", "worker.json", "--db", database.ConnectionString);
        var firstId = (await WaitForFiringsAsync(a, 1, since: DateTimeOffset.MinValue))[0].Instance;
        using var second = CliProcess.Start(b, "worker", "--jobs", "worker.json", "--db", database.ConnectionString);
        await WaitForLineAsync(b, "Worker started");

        // Both up for a few firings, then the one that has been firing dies without a word.
        await Task.Delay(TimeSpan.FromSeconds(5));
        first.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var afterKill = await WaitForFiringsAsync(b, 3, since: killedAt);
        second.Kill();

        var all = FiringsIn(a).Concat(FiringsIn(b)).ToList();
        foreach (var firing in all)
        {
            log.WriteLine($"{firing.Scheduled:HH:mm:ss} on {firing.Instance}");
        }

        Assert.True(all.Count >= 6, $"only {all.Count} firings");
        var scheduled = all.Where(f => !f.Recovering).ToList();
        var twice = scheduled.GroupBy(f => f.Scheduled).Where(g => g.Count() > 1).Select(g => g.Key.ToString("O", CultureInfo.InvariantCulture)).ToList();
        Assert.True(twice.Count == 0, "fired more than once: " + string.Join(", ", twice));
        var recovered = all.Where(f => f.Recovering).ToList();
        Assert.True(recovered.Count <= 1, $"{recovered.Count} recoveries after one kill");
        Assert.All(recovered, r => Assert.Contains(FiringsIn(a), f => f.Scheduled == r.Scheduled && f.Instance == firstId));
        Assert.All(recovered, r => Assert.NotEqual(firstId, r.Instance));
        Assert.All(afterKill, f => Assert.NotEqual(firstId, f.Instance));
        Assert.All(FiringsIn(a), f => Assert.True(f.Scheduled <= killedAt, $"the killed worker fired for {f.Scheduled:O}"));
    }

    [SkippableFact]
    public async Task Worker_WorkerJsonChanged_StoredScheduleFollowsIt()
    {
        using var database = new ScratchPostgres();
        using var cli = new CliRun();
        Assert.Equal(0, (await CliProcess.RunAsync(cli.Folder, "init", "--db", database.ConnectionString)).Exit);
        var before = cli.PathOf("before");
        var after = cli.PathOf("after");
        Directory.CreateDirectory(before);
        Directory.CreateDirectory(after);
        File.WriteAllText(Path.Combine(before, "worker.json"), """{ "nightlyCron": "0 0 2 * * ?", "importCrons": { "education": "0 0/30 * * * ?" } }""");
        File.WriteAllText(Path.Combine(after, "worker.json"), """{ "nightlyCron": "0 30 3 * * ?" }""");

        using (var first = CliProcess.Start(before, "worker", "--jobs", "worker.json", "--db", database.ConnectionString))
        {
            await WaitForLineAsync(before, "Worker started");
        }

        Assert.Equal(["import-education-trigger|0 0/30 * * * ?", "nightly-trigger|0 0 2 * * ?"], await StoredCronsAsync(database));
        using (var second = CliProcess.Start(after, "worker", "--jobs", "worker.json", "--db", database.ConnectionString))
        {
            // The last thing the schedule's sync does (it may finish after the "Worker started" line).
            await WaitForLineAsync(after, "the shared schedule now follows this worker's worker.json");
        }

        Assert.Equal(["nightly-trigger|0 30 3 * * ?"], await StoredCronsAsync(database));
        Assert.Contains("import-education is in the shared schedule but not in this worker's worker.json: removed", LogOf(after), StringComparison.Ordinal);
    }

    private static async Task<List<string>> StoredCronsAsync(ScratchPostgres database)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT trigger_name || '|' || cron_expression FROM qrtz_cron_triggers ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>A worker's folder: its schedule (a firing every 2 s, check-ins every second) and its own log folder.</summary>
    private static string WorkerFolder(CliRun cli, string name)
    {
        var folder = cli.PathOf(name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "worker.json"), JsonSerializer.Serialize(new
        {
            nightlyCron = "0/2 * * * * ?",
            clusterCheckinSeconds = 1,
            folders = new { stableSeconds = 1 },
        }));
        return folder;
    }

    private async Task<IReadOnlyList<Firing>> WaitForFiringsAsync(string folder, int count, DateTimeOffset since)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            var firings = FiringsIn(folder).Where(f => f.Scheduled > since).ToList();
            if (firings.Count >= count)
            {
                return firings;
            }

            await Task.Delay(200);
        }

        log.WriteLine(LogOf(folder));
        throw new TimeoutException($"{folder}: fewer than {count} firings after {Patience.TotalSeconds:0} s");
    }

    private static async Task WaitForLineAsync(string folder, string text)
    {
        var clock = Stopwatch.StartNew();
        while (!LogOf(folder).Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"{folder}: no '{text}' after {Patience.TotalSeconds:0} s");
            }

            await Task.Delay(200);
        }
    }

    private static List<Firing> FiringsIn(string folder) =>
        [.. FiredLine().Matches(LogOf(folder)).Select(m => new Firing(
            DateTimeOffset.Parse(m.Groups["at"].Value, CultureInfo.InvariantCulture), m.Groups["instance"].Value, m.Groups["recovering"].Success))];

    /// <summary>The worker's rolling log (written through as it goes), read while the worker still has it open.</summary>
    private static string LogOf(string folder)
    {
        var logs = Path.Combine(folder, "logs");
        if (!Directory.Exists(logs))
        {
            return string.Empty;
        }

        return string.Concat(Directory.GetFiles(logs).Order(StringComparer.Ordinal).Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }

    [GeneratedRegex(@"Job nightly fired for (?<at>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d) on worker (?<instance>\S+)(?<recovering> \(recovering)?")]
    private static partial Regex FiredLine();

    private sealed record Firing(DateTimeOffset Scheduled, string Instance, bool Recovering);
}
