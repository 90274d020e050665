using System.CommandLine;
using Matching.Cli.Localization;
using Matching.Core.Errors;
using Matching.Core.Localization;
using Matching.Ingest.HeaderMaps;

namespace Matching.Cli.Commands;

/// <summary>
/// The departments a command takes, as help shows them: one list for every command, read from the header maps
/// (one file per department in <c>HeaderMaps/</c>), so that <c>match --help</c> and <c>import --help</c> never
/// disagree and a department added by a header map appears in both. Read only when help is printed: a command that
/// runs loads the catalog anyway, and start-up stays cheap.
/// </summary>
internal static class DepartmentHelp
{
    /// <summary>The name of every argument this fills in.</summary>
    public const string ArgumentName = "department";

    /// <summary>A department argument; its description is completed by <see cref="Describe"/> when help is printed.</summary>
    public static Argument<string> Create() => new(ArgumentName) { Description = Text.Get("HelpDepartmentPlaceholder") };

    /// <summary>Sets every department argument under <paramref name="root"/> to the departments of <paramref name="headerMapDirectory"/>.</summary>
    public static void Describe(Command root, string headerMapDirectory)
    {
        ArgumentNullException.ThrowIfNull(root);
        string text;
        try
        {
            text = Text.Get("HelpDepartmentCodes") + TextList.Join(HeaderMapCatalog.Load(headerMapDirectory).Departments);
        }
        catch (MatchingException ex)
        {
            text = $"{Text.Get("HelpDepartmentPlaceholder")} ({DisplayText.Escape(ex.Message)})";
        }

        foreach (var argument in All(root).SelectMany(c => c.Arguments).Where(a => a.Name == ArgumentName))
        {
            argument.Description = text;
        }
    }

    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);
}
