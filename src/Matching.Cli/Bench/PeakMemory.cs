using System.Globalization;

namespace Matching.Cli.Bench;

/// <summary>
/// The process's peak resident memory (VmHWM) on Linux, resettable between phases by writing 5 to
/// /proc/self/clear_refs, so each phase's own peak is reported. Elsewhere the peak working set, not resettable.
/// </summary>
internal static class PeakMemory
{
    public static bool CanReset => OperatingSystem.IsLinux() && File.Exists("/proc/self/clear_refs");

    public static void Reset()
    {
        if (!CanReset)
        {
            return;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not permitted in some containers: the peak then covers the whole process.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>Peak resident set in bytes since start or the last <see cref="Reset"/>.</summary>
    public static long Bytes()
    {
        if (OperatingSystem.IsLinux())
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
