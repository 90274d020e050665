using System.Diagnostics;

namespace Matching.Cli.Tests.Warnings;

/// <summary>
/// LibreOffice (<c>soffice</c>, Debian's libreoffice-calc-nogui) and poppler's <c>pdftotext</c>/<c>pdfinfo</c>, run
/// as a clerk's spreadsheet program and printer would: re-save a workbook as .xlsx or .xls, print it to PDF. CI's
/// <c>.ci/run</c> installs them; where they are missing, the tests that need them say so and skip.
/// </summary>
public static class LibreOffice
{
    public const string Missing = "LibreOffice (soffice) or poppler-utils (pdftotext, pdfinfo) is not installed: " +
        "apt-get install -y libreoffice-calc-nogui poppler-utils (.ci/run installs them)";

    private static readonly Lazy<bool> Present = new(() => Which("soffice") && Which("pdftotext") && Which("pdfinfo"));

    public static bool IsPresent => Present.Value;

    /// <summary>Converts <paramref name="file"/> to <paramref name="format"/> (xlsx, xls, pdf) into <paramref name="folder"/>; returns the new file.</summary>
    public static string Convert(string file, string format, string folder)
    {
        Directory.CreateDirectory(folder);

        // Its own profile: two conversions at once (tests run in parallel) must not share one.
        var profile = Directory.CreateTempSubdirectory("matching-soffice-").FullName;
        try
        {
            Run("soffice", TimeSpan.FromMinutes(3), $"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", format, "--outdir", folder, file);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }

        var converted = Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + "." + format);
        Assert.True(File.Exists(converted), $"soffice did not write {converted}");
        return converted;
    }

    public static int Pages(string pdf)
    {
        var info = Run("pdfinfo", TimeSpan.FromMinutes(1), pdf);
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string PageText(string pdf, int page) =>
        Run("pdftotext", TimeSpan.FromMinutes(1), "-layout", "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf, "-");

    private static string Run(string program, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {timeout}");
        }

        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {error.Result}");
        return output.Result;
    }

    private static bool Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, program)));
}
