using System.Runtime.CompilerServices;

namespace Matching.Testing;

/// <summary>
/// Operators read Chinese by default (issue 17); the tests were written against the English messages, so every test
/// assembly (tests/Directory.Build.props links this file into each) runs with <c>MATCHING_LANG=en</c>, in process
/// and in the programs it starts. Tests of the Chinese text pass <c>--lang zh</c>, which wins over the variable, or
/// set the culture they test.
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
