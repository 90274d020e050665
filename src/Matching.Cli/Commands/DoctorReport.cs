using Matching.Core.Errors;
using Matching.Cli.Localization;

namespace Matching.Cli.Commands;

/// <summary>The lines of <c>matching doctor</c>: ok, warn or FAIL (正常, 注意, 失败), what was checked, what was found.</summary>
internal sealed class DoctorReport(TextWriter output)
{
    public int Failures { get; private set; }

    public int Warnings { get; private set; }

    /// <summary>Runs one check; what it returns is the ok line, what it throws (a file, config or I/O error) the failure.</summary>
    public async Task CheckAsync(string what, Func<Task<string>> check, bool warnOnly = false)
    {
        try
        {
            Line(Verdict.Ok, what, await check());
        }
        catch (Exception ex) when (ex is MatchingException or IOException or UnauthorizedAccessException or System.Data.Common.DbException
            or TimeoutException or InvalidOperationException)
        {
            Line(warnOnly ? Verdict.Warn : Verdict.Fail, what, ex.Message);
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
                    Line(Verdict.Fail, what, Text.Format("DoctorCannotCreateFile", full, parent));
                    return;
                }

                parent = Path.GetDirectoryName(parent);
            }

            if (parent is not null && Writable(parent))
            {
                Line(Verdict.Ok, what, Text.Format("DoctorCreatedLater", full));
            }
            else
            {
                Line(Verdict.Fail, what, Text.Format("DoctorCannotCreate", full, parent ?? Text.Get("DoctorNoParent"), Environment.UserName));
            }

            return;
        }

        if (!Writable(full))
        {
            Line(Verdict.Fail, what, Text.Format("DoctorNotWritable", full, Environment.UserName));
            return;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & UnixFileMode.OtherWrite) != 0)
        {
            Line(Verdict.Warn, what, Text.Format("DoctorWorldWritable", full));
            return;
        }

        Line(Verdict.Ok, what, Text.Format("DoctorWritable", full));
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
            Line(Verdict.Warn, what, Text.Format("DoctorWorldReadable", Path.GetFullPath(path)));
        }
        else
        {
            Line(Verdict.Ok, what, Text.Format("DoctorPrivate", Path.GetFullPath(path)));
        }
    }

    private enum Verdict
    {
        Ok,
        Warn,
        Fail,
    }

    private void Line(Verdict verdict, string what, string text)
    {
        if (verdict == Verdict.Fail)
        {
            Failures++;
        }
        else if (verdict == Verdict.Warn)
        {
            Warnings++;
        }

        var word = Text.Get(verdict switch { Verdict.Fail => "DoctorFail", Verdict.Warn => "DoctorWarn", _ => "DoctorOk" });
        output.WriteLine($"{DisplayText.Pad(word, 4)}  {DisplayText.Pad(what, 16)} {DisplayText.Escape(text)}");
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
