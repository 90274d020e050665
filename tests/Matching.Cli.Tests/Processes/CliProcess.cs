using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Matching.Cli.Tests.Processes;

/// <summary>
/// The built <c>matching</c> program run as a separate OS process (the apphost beside the test assembly, else
/// <c>dotnet matching.dll</c>), in a folder of its own, with its output captured. The test project references
/// Matching.Cli, so the program is built and copied next to the tests.
/// </summary>
internal sealed class CliProcess : IDisposable
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
    public void Freeze() => Signal("-STOP");

    /// <summary>Lets a frozen process run on (SIGCONT).</summary>
    public void Thaw() => Signal("-CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {_process.Id} exit {kill.ExitCode}");
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
