using System.CommandLine;
using Matching.Cli.Audit;
using Matching.Cli.Feedback;
using Matching.Cli.Localization;
using Matching.Core.Errors;
using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching feedback import &lt;receiver&gt; &lt;file&gt;</c>: a department's returned workbook, 处理结果 and
/// 处理日期 filled in (<see cref="FeedbackImport"/>). Prints what was recorded and every row not used, with why.
/// </summary>
internal static class FeedbackCommand
{
    public static Command Create(CommandGuard guard)
    {
        var receiver = new Argument<string>("receiver") { Description = Text.Get("HelpFeedback_receiver") };
        var file = new Argument<string>("file") { Description = Text.Get("HelpFeedback_file") };
        var import = new Command("import", Text.Get("HelpFeedback_import"));
        import.Arguments.Add(receiver);
        import.Arguments.Add(file);
        import.SetAction((parse, ct) => guard(parse, (c, t) => ImportAsync(c, parse.GetValue(receiver)!, parse.GetValue(file)!, t), ct));
        var command = new Command("feedback", Text.Get("HelpFeedback_command"));
        command.Subcommands.Add(import);
        return command;
    }

    public static async Task<int> ImportAsync(CliContext context, string receiver, string file, CancellationToken cancellationToken)
    {
        var audit = new AccessAudit(context.Stores, context.Time);
        var record = audit.New("feedback import", fullIds: false) with { OutputPath = Path.GetFullPath(file), Detail = receiver };
        FeedbackOutcome outcome;
        try
        {
            outcome = await new FeedbackImport(context.Config, context.Stores, context.Time).ImportAsync(receiver, file, record, cancellationToken);
        }
        catch (MatchingException ex) when (ex is not InputFileException)
        {
            // Read and refused: on record as refused (the message masks IDs), if the database takes it.
            await TryRecordRefusedAsync(audit, record with { Outcome = AccessOutcome.Refused, Detail = $"{receiver}: {ex.Message}" }, cancellationToken);
            throw;
        }

        var stored = outcome.Stored;
        await context.Out.WriteLineAsync(Text.Format("FeedbackRecorded", DisplayText.Escape(file), stored.Recorded, stored.Closed, stored.KeptOpen, stored.Unchanged, outcome.Problems.Count));
        foreach (var problem in outcome.Problems)
        {
            await context.Out.WriteLineAsync($"  {problem}");
        }

        return CliApp.Ok;
    }

    private static async Task TryRecordRefusedAsync(AccessAudit audit, AccessRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(record, cancellationToken);
        }
        catch (MatchingException)
        {
            // The database itself refused (no schema, unreachable): the command's own error says so.
        }
    }
}
