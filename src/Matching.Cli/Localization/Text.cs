using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("zh-Hans")]

namespace Matching.Cli.Localization;

/// <summary>
/// What the program says to an operator, in Chinese by default (<c>Strings.resx</c>, the neutral resources) or in
/// English (<c>Strings.en.resx</c>) with <c>--lang en</c> or <c>MATCHING_LANG=en</c>. The language is the command's
/// <see cref="CultureInfo.CurrentUICulture"/>, set once by <see cref="CliApp"/> (it flows with the command's async calls,
/// so commands run side by side in one process each keep their own). Keys name the message; tests assert on keys
/// through <see cref="Get"/> or on both languages, not on one wording.
/// </summary>
internal static class Text
{
    /// <summary>The language when none is asked for: the bureau's.</summary>
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    private static readonly ResourceManager Resources = new("Matching.Cli.Localization.Strings", typeof(Text).Assembly);

    /// <summary>The culture for <c>--lang</c> / <c>MATCHING_LANG</c>: <c>en…</c> is English, <c>zh…</c> or nothing Chinese.</summary>
    public static CultureInfo CultureOf(string? lang) => lang?.Trim().ToLowerInvariant() switch
    {
        null or "" => Chinese,
        var l when l.StartsWith("en", StringComparison.Ordinal) => CultureInfo.GetCultureInfo("en"),
        var l when l.StartsWith("zh", StringComparison.Ordinal) => Chinese,
        _ => throw new Core.Errors.MatchingException($"--lang '{lang}': zh (中文, the default) or en (English)"),
    };

    /// <summary>The message <paramref name="key"/> in the command's language.</summary>
    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"no message '{key}' in Strings.resx");

    /// <summary>The message <paramref name="key"/> with its placeholders filled, numbers written invariantly.</summary>
    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, Get(key), args);
}
