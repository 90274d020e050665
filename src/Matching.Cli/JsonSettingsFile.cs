using System.Text.Json;
using Matching.Core.Errors;

namespace Matching.Cli;

/// <summary>
/// Reads the program's JSON configuration files (matching.json, rules.json, jobs/worker.json) the same way: comments
/// and trailing commas allowed, names case-insensitive, and any failure one line naming the file.
/// </summary>
internal static class JsonSettingsFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <param name="file">The file.</param>
    /// <param name="what">What it is, for messages ("settings", "rules", "schedule").</param>
    /// <returns>The value, or null for a file holding <c>null</c>.</returns>
    public static T? Read<T>(string file, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MatchingException($"{file}: the {what} file cannot be read ({ex.Message})", ex);
        }
        catch (JsonException ex)
        {
            throw new MatchingException($"{file}: not valid {what} JSON: {ex.Message}", ex);
        }
    }
}
