using System.Diagnostics;
using Matching.Testing;

namespace Matching.Cli.Tests.Processes;

/// <summary>
/// A real <c>matching worker</c> process stopped as systemd stops it (SIGTERM): <c>status</c> lists it while it runs,
/// the log says what stopped it, and once it is gone <c>status</c> says no worker runs.
/// </summary>
[Collection(SeparateProcesses.Name)]
public sealed class WorkerSignalTests
{
    [SkippableFact]
    public async Task Worker_Sigterm_ListedWhileRunning_StopLoggedWithTheSignal_ThenNoWorker()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal");
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        var folder = cli.PathOf("worker");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "worker.json"), """{ "nightlyCron": "0 0 2 * * ?" }""");

        using var worker = CliProcess.Start(folder, "worker", "--jobs", "worker.json", "--db", cli.Database);
        await WaitForAsync(() => LogOf(folder).Contains("Worker started: nightly job", StringComparison.Ordinal), folder);
        var running = await cli.RunAsync("status", "--jobs", Path.Combine(folder, "worker.json"));
        await SigtermAsync(worker.Id);
        var (exit, _, error) = await worker.WaitAsync();
        var stopped = await cli.RunAsync("status", "--jobs", Path.Combine(folder, "worker.json"));

        Assert.Contains($" pid {worker.Id}: started ", running.Out, StringComparison.Ordinal);
        Assert.Contains("next scheduled firing: nightly job at ", running.Out, StringComparison.Ordinal);
        Assert.True(exit == 0, error);
        Assert.Contains($"Worker pid {worker.Id} stopping: SIGTERM", LogOf(folder), StringComparison.Ordinal);
        Assert.Contains($"Worker pid {worker.Id} stopped", LogOf(folder), StringComparison.Ordinal);
        Assert.Contains("no worker running", stopped.Out, StringComparison.Ordinal);
    }

    /// <summary>What systemd sends on <c>systemctl stop</c>: <c>kill -TERM</c>.</summary>
    private static async Task SigtermAsync(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task WaitForAsync(Func<bool> done, string folder)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < CliProcess.Patience, "the worker did not start; log:\n" + LogOf(folder));
            await Task.Delay(100);
        }
    }

    private static string LogOf(string folder)
    {
        var logs = Path.Combine(folder, "logs");
        return !Directory.Exists(logs) ? string.Empty : string.Concat(Directory.GetFiles(logs).Order(StringComparer.Ordinal).Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }
}
