using Matching.Core.Errors;

namespace Matching.Cli.Commands;

/// <summary>The lines of <c>matching doctor</c>: <c>ok</c>, <c>warn</c> or <c>FAIL</c>, what was checked, what was found.</summary>
internal sealed class DoctorReport(TextWriter output)
{
    public int Failures { get; private set; }

    public int Warnings { get; private set; }

    /// <summary>Runs one check; what it returns is the ok line, what it throws (a file, config or I/O error) the failure.</summary>
    public async Task CheckAsync(string what, Func<Task<string>> check, bool warnOnly = false)
    {
        try
        {
            Line("ok", what, await check());
        }
        catch (Exception ex) when (ex is MatchingException or IOException or UnauthorizedAccessException or System.Data.Common.DbException
            or TimeoutException or InvalidOperationException)
        {
            Line(warnOnly ? "warn" : "FAIL", what, ex.Message);
        }
    }

    /// <summary>A folder the program writes: there (or creatable), writable, and not open to every user of the server.</summary>
    public void Folder(string what, string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            // Created with its missing parents when first needed: the nearest folder that exists must be writable.
            var parent = Path.GetDirectoryName(full);
            while (parent is not null && !Directory.Exists(parent))
            {
                if (File.Exists(parent))
                {
                    Line("FAIL", what, $"{full}: cannot be created: {parent} is a file");
                    return;
                }

                parent = Path.GetDirectoryName(parent);
            }

            if (parent is not null && Writable(parent))
            {
                Line("ok", what, $"{full}: not there yet; created when first needed");
            }
            else
            {
                Line("FAIL", what, $"{full}: does not exist and cannot be created ({parent ?? "no parent folder"} is not writable by {Environment.UserName})");
            }

            return;
        }

        if (!Writable(full))
        {
            Line("FAIL", what, $"{full}: not writable by {Environment.UserName}");
            return;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & UnixFileMode.OtherWrite) != 0)
        {
            Line("warn", what, $"{full}: writable by every user of the server (chmod o-w)");
            return;
        }

        Line("ok", what, $"{full}: writable");
    }

    /// <summary>A file holding personal data: not readable by every user of the server.</summary>
    public void Private(string what, string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            Line("warn", what, $"{Path.GetFullPath(path)}: readable by every user of the server; it holds personal data (chmod o-rw)");
        }
        else
        {
            Line("ok", what, $"{Path.GetFullPath(path)}: not readable by other users");
        }
    }

    private void Line(string verdict, string what, string text)
    {
        if (verdict == "FAIL")
        {
            Failures++;
        }
        else if (verdict == "warn")
        {
            Warnings++;
        }

        output.WriteLine($"{verdict,-4}  {what,-16} {DisplayText.Escape(text)}");
    }

    private static bool Writable(string folder)
    {
        var probe = Path.Combine(folder, $".matching-doctor-{Environment.ProcessId}.tmp");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
