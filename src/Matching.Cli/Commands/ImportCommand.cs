using System.CommandLine;
using Matching.Cli.Imports;
using Matching.Cli.Localization;
using Matching.Core.Departments;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching import &lt;department&gt; &lt;file&gt; [--accept-shrink]</c>: ingest one department extract as a
/// batch (<see cref="DepartmentImport"/>) and say what came of it.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CommandGuard guard)
    {
        var department = DepartmentHelp.Create();
        var file = new Argument<string>("file") { Description = Text.Get("HelpImport_file") };
        var acceptShrink = new Option<bool>("--accept-shrink")
        {
            Description = Text.Get("HelpImport_acceptShrink"),
        };
        var command = new Command("import", Text.Get("HelpImport_command"));
        command.Arguments.Add(department);
        command.Arguments.Add(file);
        command.Options.Add(acceptShrink);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(department)!, parse.GetValue(file)!, parse.GetValue(acceptShrink), t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string department, string file, bool acceptShrink, CancellationToken cancellationToken)
    {
        var outcome = await new DepartmentImport(context.Config, context.Stores, context.Time, context.Error).ImportAsync(department, file, acceptShrink, cancellationToken);
        var write = context.Out;
        if (outcome.Earlier is { } earlier)
        {
            await write.WriteLineAsync(Text.Format("ImportIdentical", DisplayText.Escape(file), earlier.BatchId, DisplayText.Escape(earlier.FileName), context.Clock.Show(earlier.ImportedAt), DisplayText.Escape(earlier.Operator)));
            return CliApp.Ok;
        }

        var kind = Text.Get(outcome.Kind == DepartmentKind.Ledger ? "ImportKindLedger" : "ImportKindSnapshot");
        await write.WriteLineAsync(Text.Format("ImportBatch", outcome.BatchId, outcome.Department, DisplayText.Escape(Path.GetFileName(file)), kind));
        await write.WriteLineAsync(Text.Format("ImportRows", outcome.RowsRead, outcome.Accepted, outcome.Rejected));
        if (outcome.Stored is { NewEvents: { } fresh, KnownEvents: { } known })
        {
            await write.WriteLineAsync(Text.Format("ImportEvents", fresh, known));
        }

        if (outcome.IdProblems > 0)
        {
            await write.WriteLineAsync(Text.Format("ImportIdToCheck", outcome.IdProblems));
        }

        if (outcome.Stored?.Replaced is { } replaced)
        {
            await write.WriteLineAsync(Text.Format("ImportSupersedes", replaced, outcome.BatchId));
        }

        if (outcome.Accepted == 0 && outcome.Kind == DepartmentKind.Snapshot)
        {
            await write.WriteLineAsync(Text.Get("ImportNoneAccepted"));
        }

        if (outcome.Report is not null)
        {
            await write.WriteLineAsync(Text.Format("ImportRejectReport", DisplayText.Escape(outcome.Report)));
        }

        foreach (var gap in outcome.Gaps)
        {
            await write.WriteLineAsync(DisplayText.Escape(gap.Describe()));
        }

        return CliApp.Ok;
    }
}
