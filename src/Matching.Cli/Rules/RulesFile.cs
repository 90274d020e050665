using Matching.Core.Errors;
using Matching.Core.Rules;
using Matching.Ingest.HeaderMaps;

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

        // A receiver code names its workbook (<out>/<receiver>.xlsx) and outbox folder: no path in it.
        foreach (var receiver in rules?.Receivers?.Keys ?? [])
        {
            if (!HeaderMapCatalog.IsCode(receiver))
            {
                problems.Add($"receivers: '{DisplayText.Escape(receiver)}' is not a receiver code (lowercase letters, digits and '-', starting with a letter; it names files)");
            }
        }

        if (problems.Count > 0)
        {
            throw new MatchingException($"{file}: {string.Join("; ", problems)}");
        }

        return rules!;
    }
}
