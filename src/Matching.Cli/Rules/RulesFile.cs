using System.Text.Json;
using Matching.Core.Errors;
using Matching.Core.Rules;

namespace Matching.Cli.Rules;

/// <summary>Reads the warning rules (<c>rules.json</c>) and reports every problem in one message, naming the setting.</summary>
internal static class RulesFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "rules.json");

    public static RuleSetOptions Load(string? path)
    {
        var file = path ?? DefaultPath;
        RuleSetOptions? rules;
        try
        {
            rules = JsonSerializer.Deserialize<RuleSetOptions>(File.ReadAllText(file), Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MatchingException($"{file}: the rules file cannot be read ({ex.Message})", ex);
        }
        catch (JsonException ex)
        {
            throw new MatchingException($"{file}: not valid rules JSON: {ex.Message}", ex);
        }

        var problems = rules?.Problems().ToList() ?? ["the file is empty"];
        if (problems.Count > 0)
        {
            throw new MatchingException($"{file}: {string.Join("; ", problems)}");
        }

        return rules!;
    }
}
