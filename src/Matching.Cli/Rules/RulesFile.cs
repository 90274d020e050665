using Matching.Core.Errors;
using Matching.Core.Rules;

namespace Matching.Cli.Rules;

/// <summary>Reads the warning rules (<c>rules.json</c>) and reports every problem in one message, naming the setting.</summary>
internal static class RulesFile
{

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "rules.json");

    public static RuleSetOptions Load(string? path)
    {
        var file = path ?? DefaultPath;
        var rules = JsonSettingsFile.Read<RuleSetOptions>(file, "rules");
        var problems = rules?.Problems().ToList() ?? ["the file is empty"];
        if (problems.Count > 0)
        {
            throw new MatchingException($"{file}: {string.Join("; ", problems)}");
        }

        return rules!;
    }
}
