using System.Text.Json;
using Matching.Cli.Localization;
using Matching.Core.Errors;
using Matching.Ingest.Tables;

namespace Matching.Cli;

/// <summary>
/// Reads the program's JSON configuration files (matching.json, rules.json, jobs/worker.json) the same way: comments
/// and trailing commas allowed, names case-insensitive, and any failure one line naming the file. Each is a few KB:
/// a file over <see cref="MaxBytes"/>, or one that is not a regular file (a FIFO would block), is refused unread.
/// </summary>
internal static class JsonSettingsFile
{
    /// <summary>Largest configuration file read, in bytes: 1 MiB, a hundred times the largest shipped.</summary>
    public const long MaxBytes = 1 << 20;

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
        var kind = Text.Get("JsonKind_" + what);
        var notRegular = InputFile.NotRegular(file, out var size);
        if (notRegular is not null)
        {
            throw new MatchingException(Text.Format("JsonNotRegular", file, kind, notRegular));
        }

        if (size > MaxBytes)
        {
            throw new MatchingException(Text.Format("JsonTooBig", file, kind, size, MaxBytes));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MatchingException(Text.Format("JsonCannotRead", file, kind, ex.Message), ex);
        }
        catch (JsonException ex)
        {
            throw new MatchingException(Text.Format("JsonInvalid", file, kind, ex.Message), ex);
        }
    }
}
