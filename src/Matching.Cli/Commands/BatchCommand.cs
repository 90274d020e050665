using System.CommandLine;
using System.Globalization;
using Matching.Cli.Audit;
using Matching.Cli.Localization;
using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching batch list [--department D]</c> and <c>matching batch withdraw &lt;id&gt; --reason &lt;text&gt;</c>:
/// every imported file with what became of it, and the undo of a wrong import.
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CommandGuard guard)
    {
        var department = new Option<string?>("--department") { Description = Text.Get("HelpBatch_department") };
        var list = new Command("list", Text.Get("HelpBatch_list"));
        list.Options.Add(department);
        list.SetAction((parse, ct) => guard(parse, (c, t) => ListAsync(c, parse.GetValue(department), t), ct));

        var id = new Argument<long>("id") { Description = Text.Get("HelpBatch_id") };
        var reason = new Option<string>("--reason") { Description = Text.Get("HelpBatch_reason"), Required = true };
        var withdraw = new Command("withdraw", Text.Get("HelpBatch_withdraw"));
        withdraw.Arguments.Add(id);
        withdraw.Options.Add(reason);
        withdraw.SetAction((parse, ct) => guard(parse, (c, t) => WithdrawAsync(c, parse.GetValue(id), parse.GetValue(reason)!, t), ct));

        var command = new Command("batch", Text.Get("HelpBatch_command"));
        command.Subcommands.Add(list);
        command.Subcommands.Add(withdraw);
        return command;
    }

    public static async Task<int> ListAsync(CliContext context, string? department, CancellationToken cancellationToken)
    {
        var maps = context.HeaderMaps;
        await using var store = await context.OpenStoreAsync(cancellationToken);
        var batches = await store.Batches.ListAsync(department == SourceCodes.LowIncome ? null : department, maps.Ledgers, cancellationToken);
        if (department == SourceCodes.LowIncome)
        {
            batches = [.. batches.Where(b => b.IsLowIncome)];
        }

        // Who listed the imports (their files, operators and counts) is on record before they are printed.
        await AccessAudit.RecordAsync(store, new AccessAudit(context.Stores, context.Time).New("batch list", fullIds: false) with
        {
            SubjectCount = batches.Count, Detail = department,
        }, cancellationToken);

        var write = context.Out;
        if (batches.Count == 0)
        {
            await write.WriteLineAsync(department is null ? Text.Get("BatchNone") : Text.Format("BatchNoneOf", department));
            return CliApp.Ok;
        }

        await write.WriteLineAsync(Text.Get("BatchColumns"));
        foreach (var b in batches)
        {
            var kind = Text.Get(!b.IsLowIncome && maps.Ledgers.Contains(b.Department ?? string.Empty) ? "BatchKindLedger" : "BatchKindSnapshot");
            var state = Text.Get("BatchState" + b.State) + (b.IsPending && b.State is BatchState.Current or BatchState.Counting ? "*" : string.Empty);
            await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{b.BatchId,6}  {(b.IsLowIncome ? SourceCodes.LowIncome : b.Department),-14} {DisplayText.Pad(kind, 9)} {b.RowsRead,8} {b.RowsAccepted,9}  {DisplayText.Pad(state, 11)} {context.Clock.Show(b.ImportedAt),-16}  {DisplayText.Pad(DisplayText.Escape(b.Operator), 10)} {DisplayText.Escape(b.FileName)}"));
            if (b.NewEvents is { } fresh && b.KnownEvents is { } known)
            {
                await write.WriteLineAsync(new string(' ', 8) + Text.Format("BatchEvents", fresh, known));
            }

            if (b.State == BatchState.Withdrawn)
            {
                await write.WriteLineAsync(new string(' ', 8) + Text.Format("BatchWithdrawnLine", context.Clock.Show(b.WithdrawnAt), DisplayText.Escape(b.WithdrawnBy), DisplayText.Escape(b.WithdrawReason)));
            }

            if (b.PurgedAt is not null)
            {
                await write.WriteLineAsync(new string(' ', 8) + Text.Format("BatchPurgedLine", context.Clock.Show(b.PurgedAt)));
            }
        }

        if (batches.Any(b => b.IsPending && b.State is BatchState.Current or BatchState.Counting))
        {
            await write.WriteLineAsync(Text.Get("BatchPendingNote"));
        }
        return CliApp.Ok;
    }

    public static async Task<int> WithdrawAsync(CliContext context, long batchId, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new MatchingException(Text.Get("WithdrawNoReason"));
        }

        var maps = context.HeaderMaps;
        await using var store = await context.OpenStoreAsync(cancellationToken);
        // On record in the withdrawal's own transaction: both or neither.
        var access = new AccessAudit(context.Stores, context.Time).New("batch withdraw", fullIds: false) with
        {
            Detail = Text.Format("AuditDetailWithdraw", batchId, reason.Trim()),
        };
        var withdrawn = await store.Batches.WithdrawAsync(batchId, reason.Trim(), CliContext.Operator, maps.Ledgers, access, cancellationToken);
        var write = context.Out;
        await write.WriteLineAsync(Text.Format("WithdrawDone", batchId, withdrawn.Department, DisplayText.Escape(withdrawn.FileName), DisplayText.Escape(withdrawn.WithdrawnBy), DisplayText.Escape(withdrawn.WithdrawReason)));
        if (maps.Ledgers.Contains(withdrawn.Department ?? string.Empty))
        {
            await write.WriteLineAsync(Text.Get("WithdrawLedger"));
        }
        else
        {
            var current = (await store.Batches.ListAsync(withdrawn.Department, maps.Ledgers, cancellationToken)).FirstOrDefault(b => b.State == BatchState.Current);
            await write.WriteLineAsync(current is null
                ? Text.Format("WithdrawNoCurrent", withdrawn.Department)
                : Text.Format("WithdrawCurrentAgain", current.BatchId, DisplayText.Escape(current.FileName), withdrawn.Department));
        }

        await write.WriteLineAsync(Text.Get("WithdrawNextRun"));
        return CliApp.Ok;
    }
}
