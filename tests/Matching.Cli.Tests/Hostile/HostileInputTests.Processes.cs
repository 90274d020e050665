using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Matching.Cli.Tests.Processes;
using Matching.Testing;

namespace Matching.Cli.Tests.Hostile;

/// <summary>
/// Issue 19, the cases where a hang or a kill is involved, with the built <c>matching</c> as a real process: each
/// bounded by a timeout, so that a regression fails the test instead of hanging CI.
/// </summary>
[Collection(SeparateProcesses.Name)]
public sealed class HostileInputProcessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly CliRun _cli = new();

    [SkippableTheory]
    [InlineData("import", "fifo")]
    [InlineData("import", "dev-zero")]
    [InlineData("match", "fifo")]
    [InlineData("match", "dev-zero")]
    [InlineData("lowincome", "fifo")]
    public async Task Command_FifoOrLinkToDevZero_RefusedAtOnce(string command, string kind)
    {
        // The issue: `mkfifo f.csv; matching import education f.csv` hung, and so did a link to /dev/zero.
        Skip.If(OperatingSystem.IsWindows(), "no FIFOs or /dev/zero on Windows");
        Assert.Equal(0, (await _cli.RunAsync("init")).Exit);
        var path = kind == "fifo" ? SpecialFiles.Fifo(_cli.PathOf("f.csv")) : SpecialFiles.LinkToDevZero(_cli.PathOf("f.csv"));
        string[] args = command switch
        {
            "import" => ["import", "education", path],
            "match" => ["match", "education", path, "--out", _cli.PathOf("r.csv")],
            _ => ["lowincome", "import", path],
        };

        using var process = CliProcess.Start(_cli.Folder, [.. args, "--db", _cli.Database]);
        var (exit, _, error) = await process.WaitAsync().WaitAsync(Bound);

        Assert.Equal(2, exit);
        Assert.Contains(kind == "fifo" ? "f.csv: is a named pipe (FIFO), not a regular file" : "f.csv: is a character device", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("r.csv")));
    }

    [SkippableFact]
    public async Task Worker_FifoInDropFolder_RejectedNightCompletesAndSigtermStopsPromptly()
    {
        // The issue: a FIFO in a drop folder stalled the nightly job (no outbox) and SIGTERM took 30-60 s.
        Skip.If(OperatingSystem.IsWindows(), "no FIFOs or signals on Windows");
        Assert.Equal(0, (await _cli.RunAsync("init")).Exit);
        Assert.Equal(0, (await _cli.RunAsync("lowincome", "import", Path.Combine(RepositoryPaths.SampleData, "lowincome.csv"), "--rejects", _cli.PathOf("r.xlsx"))).Exit);
        File.WriteAllText(_cli.PathOf("worker.json"), JsonSerializer.Serialize(new { nightlyCron = "0/2 * * * * ?", folders = new { stableSeconds = 0 } }));
        var drop = Directory.CreateDirectory(_cli.PathOf(Path.Combine("drop", "education"))).FullName;
        SpecialFiles.Fifo(Path.Combine(drop, "pipe.csv"));
        SpecialFiles.LinkToDevZero(Path.Combine(drop, "zero.csv"));
        File.WriteAllText(Path.Combine(drop, "good.csv"), $"姓名,身份证号,学校,年级\n张三,{TestIds.Valid(1).Value},一中\n", new UTF8Encoding(false));

        using var worker = CliProcess.Start(_cli.Folder, "worker", "--jobs", "worker.json", "--db", _cli.Database);
        var rejected = _cli.PathOf(Path.Combine("rejected", "education"));
        await WaitUntilAsync(() => File.Exists(Path.Combine(rejected, "pipe.csv.error.txt")) && File.Exists(Path.Combine(rejected, "zero.csv.error.txt"))
            && Directory.Exists(_cli.PathOf("outbox")) && Directory.EnumerateFiles(_cli.PathOf("outbox"), "civil-affairs-overview.xlsx", SearchOption.AllDirectories).Any(), worker);
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().WaitAsync(Bound);
        }

        await worker.WaitAsync().WaitAsync(Bound);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"SIGTERM took {clock.Elapsed.TotalSeconds:0} s");
        Assert.Contains("is a named pipe (FIFO)", await File.ReadAllTextAsync(Path.Combine(rejected, "pipe.csv.error.txt")), StringComparison.Ordinal);
        Assert.Contains("character device", await File.ReadAllTextAsync(Path.Combine(rejected, "zero.csv.error.txt")), StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFiles(_cli.PathOf("archive"), "good.csv", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(drop, "pipe.csv")));
    }

    [Fact]
    public async Task Match_KilledWhileWriting_NothingUnderTheFinalName()
    {
        // The issue: a kill during export left a truncated workbook under its final name; the match CSV is written the
        // same way as every output (AtomicFile), so one big match killed half-way shows it.
        Assert.Equal(0, (await _cli.RunAsync("init")).Exit);
        Assert.Equal(0, (await _cli.RunAsync("lowincome", "import", Path.Combine(RepositoryPaths.SampleData, "lowincome.csv"), "--rejects", _cli.PathOf("r.xlsx"))).Exit);
        var input = BigExtract(rows: 1_000_000);
        var result = _cli.PathOf(Path.Combine("results", "big.csv"));
        Directory.CreateDirectory(Path.GetDirectoryName(result)!);

        using var match = CliProcess.Start(_cli.Folder, "match", "education", input, "--out", result, "--db", _cli.Database);
        var clock = Stopwatch.StartNew();
        while (!match.HasExited && clock.Elapsed < Bound && !File.Exists(result) && Directory.GetFiles(Path.GetDirectoryName(result)!, ".big.csv.*.tmp").Length == 0)
        {
            await Task.Delay(5);
        }

        var killed = !match.HasExited;
        match.Kill();
        var (exit, _, error) = await match.WaitAsync().WaitAsync(Bound);

        if (killed)
        {
            Assert.False(File.Exists(result), "a half-written result under its final name");
        }
        else
        {
            // Finished before the kill could land: then it is whole.
            Assert.True(exit == 0, error);
            Assert.Equal(1_000_001, File.ReadLines(result).Count());
        }
    }

    public void Dispose() => _cli.Dispose();

    /// <summary>The sample education extract's rows repeated to <paramref name="rows"/> data rows.</summary>
    private string BigExtract(int rows)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.SampleData, "education.csv"));
        var header = Array.FindIndex(lines, l => l.StartsWith("姓名", StringComparison.Ordinal));
        var data = lines[(header + 1)..];
        var path = _cli.PathOf("big-input.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(lines[header]);
        for (var i = 0; i < rows; i++)
        {
            writer.WriteLine(data[i % data.Length]);
        }

        return path;
    }

    private static async Task WaitUntilAsync(Func<bool> done, CliProcess process)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60) || process.HasExited)
            {
                throw new TimeoutException(process.HasExited ? "the worker stopped: " + (await process.WaitAsync()).Error : "the nightly job did not get past the drop folder in 60 s");
            }

            await Task.Delay(200);
        }
    }
}
