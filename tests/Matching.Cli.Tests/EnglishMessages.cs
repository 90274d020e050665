using System.Runtime.CompilerServices;

namespace Matching.Cli.Tests;

/// <summary>
/// Operators read Chinese by default (issue 17); these tests were written against the English messages, so they run
/// with <c>MATCHING_LANG=en</c>, in process and in the programs they start. Tests of the Chinese text pass
/// <c>--lang zh</c>, which wins over the variable.
/// </summary>
internal static class EnglishMessages
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The test assembly's one setting, before any test runs.")]
    internal static void Use()
    {
        Environment.SetEnvironmentVariable("MATCHING_LANG", "en");

        // And for what runs outside a command (a job or a log line a test drives directly): English on every thread.
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
    }
}
