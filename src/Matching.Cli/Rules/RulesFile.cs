using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Core.Localization;
using Matching.Core.Rules;
using Matching.Ingest.HeaderMaps;
using Matching.Cli.Localization;

namespace Matching.Cli.Rules;

/// <summary>Reads the warning rules (<c>rules.json</c>) and reports every problem in one message, naming the setting.</summary>
internal static class RulesFile
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "rules.json");

    public static RuleSetOptions Load(string? path)
    {
        var file = path ?? DefaultPath;
        var rules = JsonSettingsFile.Read<RuleSetOptions>(file, "rules");
        var problems = rules?.Problems().ToList() ?? [Text.Get("SettingsFileEmpty")];

        // A receiver code names its workbook (<out>/<receiver>.xlsx) and outbox folder: no path in it.
        foreach (var receiver in rules?.Receivers?.Keys ?? [])
        {
            if (!HeaderMapCatalog.IsCode(receiver))
            {
                problems.Add(Text.Format("ReceiverNotCode", DisplayText.Escape(receiver)));
            }
        }

        if (problems.Count > 0)
        {
            throw new MatchingException($"{file}: {string.Join("; ", problems)}");
        }

        return rules!;
    }

    /// <summary>
    /// Checks the rules against the header maps once and makes the engine of them, every problem in one message naming
    /// the file: a rule's record field the department lacks or types otherwise, a value listed for a code field that is
    /// none of its codes, and a housing rule's <c>tekunSupport</c> that is no code of the population's 特困供养方式
    /// (tekun members would never count).
    /// </summary>
    /// <exception cref="MatchingException">The rules do not fit the header maps.</exception>
    public static RuleEngine Compile(RuleSetOptions rules, HeaderMapCatalog maps, IReadOnlyDictionary<string, RuleDepartment> departments, string? path)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(maps);
        var engine = RuleEngine.TryCreate(rules, departments, out var problems);
        var population = maps.Sources.Contains(SourceCodes.LowIncome, StringComparer.Ordinal)
            ? maps.Get(SourceCodes.LowIncome)
            : null;
        var support = population?.GetVocabulary(population.VocabularyOf(Ingest.LowIncome.LowIncomeReader.TekunSupportField)).Words ??
            new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Rules.Count && population is not null; i++)
        {
            var rule = rules.Rules[i];
            if (rule.Shape == RuleShape.Housing && rule.TekunSupport.Length > 0 && !support.ContainsKey(rule.TekunSupport))
            {
                problems.Add(Text.Format("RuleTekunSupportNotCode", i, rule.Code, rule.TekunSupport, TextList.Join(support.Select(c => $"{c.Key}: {c.Value}"))));
            }
        }

        return engine is not null && problems.Count == 0
            ? engine
            : throw new MatchingException($"{path ?? DefaultPath}: {string.Join("; ", problems)}");
    }
}
