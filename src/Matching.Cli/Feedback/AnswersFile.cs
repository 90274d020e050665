using Matching.Core.Answers;
using Matching.Core.Errors;
using Matching.Cli.Localization;

namespace Matching.Cli.Feedback;

/// <summary>Reads the answer vocabulary (<c>answers.json</c>) and reports every problem in one message, naming the setting.</summary>
internal static class AnswersFile
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "answers.json");

    public static AnswerVocabulary Load(string? path)
    {
        var file = path ?? DefaultPath;
        var options = JsonSettingsFile.Read<AnswerOptions>(file, "answers");
        var problems = options?.Problems().ToList() ?? [Text.Get("SettingsFileEmpty")];
        if (problems.Count > 0)
        {
            throw new MatchingException($"{file}: {string.Join("; ", problems)}");
        }

        return new AnswerVocabulary(options!);
    }
}
