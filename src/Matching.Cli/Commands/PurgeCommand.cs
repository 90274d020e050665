using System.CommandLine;
using Matching.Cli.Localization;
using Matching.Cli.Retention;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching purge [--dry-run]</c>: deletes the personal data past <c>retention:*</c> in matching.json
/// (<see cref="RetentionPurge"/>) and prints the counts; <c>--dry-run</c> prints what it would delete and changes nothing.
/// </summary>
internal static class PurgeCommand
{
    public static Command Create(CommandGuard guard)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = Text.Get("HelpPurge_dryRun") };
        var command = new Command("purge", Text.Get("HelpPurge_command"));
        command.Options.Add(dryRun);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(dryRun), t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, bool dryRun, CancellationToken cancellationToken)
    {
        var result = await new RetentionPurge(context.Config, context.Stores, context.Time).RunAsync(dryRun, cancellationToken);
        await PrintAsync(context.Out, context.Settings.Retention, result);
        return CliApp.Ok;
    }

    public static async Task PrintAsync(TextWriter write, Storage.RetentionOptions retention, PurgeResult result)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(result);
        static string Kept(int? n, string unitKey) => n is { } v ? Text.Format(unitKey, v) : Text.Get("PurgeForEver");
        var verb = Text.Get(result.DryRun ? "PurgeWouldDelete" : "PurgeDeleted");
        await write.WriteLineAsync(Text.Get(result.DryRun ? "PurgeHeaderDryRun" : "PurgeHeader"));
        await write.WriteLineAsync(Text.Format("PurgeSourceRecords", verb, result.Counts.SourceRecords, result.Counts.Batches, Kept(retention.SourceRecordsYears, "PurgeYears")));
        await write.WriteLineAsync(Text.Format("PurgeLedgerEvents", verb, result.Counts.LedgerEvents));
        await write.WriteLineAsync(Text.Format("PurgeAuditRecords", verb, result.Counts.AuditRecords, Kept(retention.AuditYears, "PurgeYears")));
        await write.WriteLineAsync(Text.Format("PurgeRejectReports", verb, result.RejectReports.Count, Kept(retention.RejectReportsDays, "PurgeDays")));
        foreach (var report in result.RejectReports)
        {
            await write.WriteLineAsync($"    {DisplayText.Escape(report)}");
        }
    }
}
