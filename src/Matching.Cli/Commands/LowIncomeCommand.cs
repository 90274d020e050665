using System.CommandLine;
using Matching.Cli.Imports;
using Matching.Cli.Localization;

namespace Matching.Cli.Commands;

/// <summary><c>matching lowincome import &lt;file&gt;</c>: load a full snapshot of the low-income population.</summary>
internal static class LowIncomeCommand
{
    public static Command Create(CommandGuard guard)
    {
        var file = new Argument<string>("file") { Description = Text.Get("HelpLowIncome_file") };
        var rejects = new Option<string?>("--rejects") { Description = Text.Get("HelpLowIncome_rejects") };
        var acceptShrink = new Option<bool>("--accept-shrink")
        {
            Description = Text.Get("HelpLowIncome_acceptShrink"),
        };
        var import = new Command("import", Text.Get("HelpLowIncome_import"));
        import.Arguments.Add(file);
        import.Options.Add(rejects);
        import.Options.Add(acceptShrink);
        import.SetAction((parse, ct) => guard(parse, (c, t) => ImportAsync(c, parse.GetValue(file)!, parse.GetValue(rejects), parse.GetValue(acceptShrink), t), ct));

        var command = new Command("lowincome", Text.Get("HelpLowIncome_command"));
        command.Subcommands.Add(import);
        return command;
    }

    public static async Task<int> ImportAsync(CliContext context, string file, string? rejectsPath, bool acceptShrink, CancellationToken cancellationToken)
    {
        var outcome = await new LowIncomeImport(context.Config, context.Stores, context.Time, context.Error).ImportAsync(file, rejectsPath, acceptShrink, cancellationToken);
        if (outcome.Identical)
        {
            await context.Out.WriteLineAsync(
                $"{DisplayText.Escape(file)}: identical to batch {outcome.BatchId} ({DisplayText.Escape(outcome.Last!.FileName)}, loaded {context.Clock.Show(outcome.Last.ImportedAt)}); nothing to do");
            return CliApp.Ok;
        }

        await context.Out.WriteLineAsync(Text.Format("LowIncomeBatch", outcome.BatchId, DisplayText.Escape(Path.GetFileName(file))));
        await context.Out.WriteLineAsync(Text.Format("LowIncomeRows", outcome.Rows.Read, outcome.Rows.Accepted, outcome.Rows.Rejected));
        await context.Out.WriteLineAsync(Text.Format("LowIncomeActive", outcome.Households, outcome.Members));
        if (outcome.Report is not null)
        {
            await context.Out.WriteLineAsync(Text.Format("RejectedRowsReport", DisplayText.Escape(outcome.Report)));
        }

        foreach (var gap in outcome.Gaps)
        {
            await context.Out.WriteLineAsync(DisplayText.Escape(gap.Describe()));
        }

        foreach (var (code, persons) in await outcome.DuplicateAid)
        {
            await context.Out.WriteLineAsync(Text.Format("LowIncomeDuplicateAid", code, persons));
        }

        return CliApp.Ok;
    }
}
