using System.Diagnostics;
using System.Globalization;
using System.Text;
using Matching.Samples;

namespace Matching.Cli.Bench;

/// <summary>
/// The whole pipeline at scale, each step the real command in a process of its own (so its wall time includes start-up
/// and its peak memory is its own): a fresh SQLite database, the population loaded, a school list (a snapshot)
/// imported and run alone, a year of monthly medical-bill files (a ledger) imported one by one, a run, a second run that finds the
/// same, the workbooks exported; and, for reference, <c>match</c> of the same school list.
/// </summary>
internal static class PipelineBench
{
    /// <summary>The reference date of the benchmark's data (its ledger's months end with it).</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 30);

    public static async Task RunAsync(CliContext context, string dir, BenchmarkOptions options, int bills, int months, bool regenerate, CancellationToken cancellationToken)
    {
        var write = context.Out;
        var lastMonth = new DateOnly(AsOf.Year, AsOf.Month, 1);
        var billFiles = Enumerable.Range(0, months).Select(m => BenchmarkData.BillsFileName(lastMonth.AddMonths(m - months + 1))).ToList();
        if (regenerate || !billFiles.All(f => File.Exists(Path.Combine(dir, f))))
        {
            var watch = Stopwatch.StartNew();
            BenchmarkData.WriteBills(dir, options, bills, months, lastMonth);
            await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"generated {bills:N0} bills in {months} monthly files: {watch.Elapsed.TotalSeconds:0.0} s"));
        }

        var database = Path.Combine(dir, "pipeline.db");
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }

        await write.WriteLineAsync();
        await write.WriteLineAsync("pipeline, each step its own process (wall time includes start-up; peak = the process's resident peak):");
        await write.WriteLineAsync($"{"step",-34} {"seconds",8} {"rows",12} {"rows/s",10} {"peak MB",8}");
        var steps = new List<Step>
        {
            await StepAsync(write, dir, database, "init", 0, "init"),
            await StepAsync(write, dir, database, "lowincome import", options.Persons, "lowincome", "import", BenchmarkData.LowIncomeFileName, "--rejects", "lowincome.rejects.xlsx"),
            await StepAsync(write, dir, database, "import education (snapshot)", options.Rows, "import", "education", BenchmarkData.ExtractFileName),
        };
        // The run of the list alone, before any bill: what the issue's "run of the same extract as match" measures.
        var listRun = await StepAsync(write, dir, database, "run (the list alone)", options.Rows, "run", "--as-of", AsOf.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var ledger = new List<Step>();
        foreach (var file in billFiles)
        {
            ledger.Add(await StepAsync(write, dir, database, $"import medical-bills {file[6..13]}", LinesOf(Path.Combine(dir, file)), "import", "medical-bills", file));
        }

        var run = await StepAsync(write, dir, database, "run", options.Rows + ledger.Sum(l => l.Rows), "run", "--as-of", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var again = await StepAsync(write, dir, database, "run again (nothing new)", options.Rows + ledger.Sum(l => l.Rows), "run", "--as-of", AsOf.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var export = await StepAsync(write, dir, database, "export", 0, "export", "--out", "pipeline-out");
        var match = await StepAsync(write, dir, database, "match education (reference)", options.Rows, "match", "education", BenchmarkData.ExtractFileName, "--out", "pipeline-match.csv");

        var import = steps[2];
        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{"ledger: 12 imports",-34} {ledger.Sum(l => l.Seconds),8:0.00} {ledger.Sum(l => l.Rows),12:N0} {ledger.Sum(l => l.Rows) / ledger.Sum(l => l.Seconds),10:N0} {ledger.Max(l => l.PeakMb),8:0}"));
        await write.WriteLineAsync();
        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ratios to match of the same {options.Rows:N0}-row list: department import {import.Seconds / match.Seconds:0.0}x, run of the list alone {listRun.Seconds / match.Seconds:0.0}x, run {run.Seconds / match.Seconds:0.0}x (with the {ledger.Sum(l => l.Rows):N0} bills), run again {again.Seconds / match.Seconds:0.0}x"));
        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"peak MB: import {import.PeakMb:0}, ledger imports {ledger.Max(l => l.PeakMb):0}, run {Math.Max(listRun.PeakMb, Math.Max(run.PeakMb, again.PeakMb)):0}, export {export.PeakMb:0}, match {match.PeakMb:0}"));
    }

    private sealed record Step(string Name, double Seconds, long Rows, double PeakMb);

    private static long LinesOf(string path)
    {
        long lines = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines - 1;
    }

    /// <summary>Runs one command as a child process; prints and returns its wall time and peak resident memory.</summary>
    private static async Task<Step> StepAsync(TextWriter write, string dir, string database, string name, long rows, params string[] args)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = dir,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        var host = Environment.ProcessPath ?? "dotnet";
        info.FileName = host;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(typeof(PipelineBench).Assembly.Location);
        }

        foreach (var arg in (string[])[.. args, "--db", Path.GetFullPath(database)])
        {
            info.ArgumentList.Add(arg);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("the benchmark could not start matching");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakOf(process.Id));
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new Core.Errors.MatchingException($"bench: `matching {string.Join(' ', args)}` failed (exit {process.ExitCode}): {(await error).Trim()}");
        }

        _ = await output;
        var step = new Step(name, watch.Elapsed.TotalSeconds, rows, peak / (1024.0 * 1024));
        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} {step.Seconds,8:0.00} {rows,12:N0} {(rows > 0 ? rows / step.Seconds : 0),10:N0} {step.PeakMb,8:0}"));
        return step;
    }

    /// <summary>A running process's resident peak so far (VmHWM), in bytes; 0 where it cannot be read.</summary>
    private static long PeakOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }
        catch (UnauthorizedAccessException)
        {
            // Not readable here (not Linux, or another user's process).
        }

        return 0;
    }
}
