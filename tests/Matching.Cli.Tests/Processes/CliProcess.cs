using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Matching.Cli.Tests.Processes;

/// <summary>
/// The built <c>matching</c> program run as a separate OS process (the apphost beside the test assembly, else
/// <c>dotnet matching.dll</c>), in a folder of its own, with its output captured. The test project references
/// Matching.Cli, so the program is built and copied next to the tests.
/// </summary>
internal sealed partial class CliProcess : IDisposable
{
    /// <summary>Longest any one command may take before the test gives up on it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Task<string> _out;
    private readonly Task<string> _error;

    private CliProcess(Process process)
    {
        _process = process;
        _out = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>matching</c> with <paramref name="args"/> in <paramref name="folder"/> (its relative paths, such as <c>out/rejects</c>, land there).</summary>
    public static CliProcess Start(string folder, params string[] args)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "matching.exe" : "matching");
        if (File.Exists(apphost))
        {
            info.FileName = apphost;
        }
        else
        {
            info.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "matching.dll"));
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only the command line speaks to the child: nothing the test host's environment happens to hold.
        foreach (var name in new[] { "MATCHING_DB", "MATCHING_PROVIDER", "MATCHING_CONFIG", "MATCHING_HEADER_MAPS" })
        {
            info.Environment.Remove(name);
        }

        return new CliProcess(Process.Start(info) ?? throw new InvalidOperationException("matching did not start: " + info.FileName));
    }

    /// <summary>Runs one command to its end.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(string folder, params string[] args)
    {
        using var process = Start(folder, args);
        return await process.WaitAsync();
    }

    /// <summary>A settings file in <paramref name="folder"/> with the run lock settings given and every other setting at its default.</summary>
    public static string WriteConfig(string folder, string name, int lockWaitSeconds, int lockTtlSeconds)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, JsonSerializer.Serialize(new { run = new { lockWaitSeconds, lockTtlSeconds } }));
        return path;
    }

    /// <summary>Waits for the process to end: its exit code and everything it wrote.</summary>
    public async Task<(int Exit, string Out, string Error)> WaitAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"matching (pid {Id}) still running after {Patience.TotalSeconds:0} s");
        }

        return (_process.ExitCode, await _out, await _error);
    }

    /// <summary>Stops the process where it stands (SIGSTOP, Unix only): it runs no further until <see cref="Thaw"/> or is killed.</summary>
    public void Freeze() => Signal(Native.Stop);

    /// <summary>Lets a frozen process run on (SIGCONT).</summary>
    public void Thaw() => Signal(Native.Continue);

    /// <summary>
    /// Lets the process run in slices of about <paramref name="slice"/>, frozen between them while
    /// <paramref name="wanted"/> looks at it, until that answers true: the process is then left frozen where it stands
    /// and this returns true; false when the process ended first. A moment that lasts longer than a slice is not slept
    /// through however fast the program has become, as it was by tests that polled a process running free (20 ms
    /// apart, later on a loaded machine). Unix only.
    /// </summary>
    public async Task<bool> FreezeWhenAsync(Func<Task<bool>> wanted, TimeSpan slice)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (!TrySignal(Native.Stop))
            {
                return false;
            }

            if (await wanted())
            {
                return true;
            }

            if (!TrySignal(Native.Continue))
            {
                return false;
            }

            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"matching (pid {Id}) never reached the moment looked for in {Patience.TotalSeconds:0} s");
            }

            // Slept on this thread, not awaited: a timer's continuation waits for a thread of the pool, which the
            // suite's other tests keep busy, and the process ran on free meanwhile (a 200k-row import was once seen
            // only after its commit).
            Thread.Sleep(slice);
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> through the C library's <c>kill</c>, not a <c>kill</c> process: starting one
    /// from the test host takes several milliseconds, in which the process runs on. False when the process has ended.
    /// </summary>
    private bool TrySignal(int signal) => !_process.HasExited && Native.Kill(_process.Id, signal) == 0;

    /// <summary>The C library's <c>kill</c>, with Linux's numbers for SIGSTOP and SIGCONT.</summary>
    private static partial class Native
    {
        public const int Stop = 19;
        public const int Continue = 18;

        [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static partial int Kill(int pid, int signal);
    }

    private void Signal(int signal)
    {
        if (Native.Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill {signal} {_process.Id}: error {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Kills the process at once: SIGKILL on Linux and macOS, nothing of it runs after.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
