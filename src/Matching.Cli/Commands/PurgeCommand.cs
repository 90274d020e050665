using System.CommandLine;
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
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count what is past retention; change nothing" };
        var command = new Command("purge", "Delete personal data past retention (retention:* in matching.json): old extract rows, audit records, reject reports");
        command.Options.Add(dryRun);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(dryRun), t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, bool dryRun, CancellationToken cancellationToken)
    {
        var result = await new RetentionPurge(context).RunAsync(dryRun, cancellationToken);
        await PrintAsync(context.Out, context.Settings.Retention, result);
        return CliApp.Ok;
    }

    public static async Task PrintAsync(TextWriter write, Storage.RetentionOptions retention, PurgeResult result)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(result);
        static string Kept(int? n, string unit) => n is { } v ? $"{v} {unit}" : "for ever";
        var verb = result.DryRun ? "would delete" : "deleted";
        await write.WriteLineAsync($"purge{(result.DryRun ? " (dry run: nothing changed)" : string.Empty)}:");
        await write.WriteLineAsync($"  stored extract rows: {verb} {result.Counts.SourceRecords} of {result.Counts.Batches} batches " +
            $"(kept {Kept(retention.SourceRecordsYears, "years")} after superseded or withdrawn)");
        await write.WriteLineAsync($"  ledger events: {verb} {result.Counts.LedgerEvents} (kept as each header map's ledger.retentionMonths says)");
        await write.WriteLineAsync($"  access-audit records: {verb} {result.Counts.AuditRecords} (kept {Kept(retention.AuditYears, "years")})");
        await write.WriteLineAsync($"  reject reports: {verb} {result.RejectReports.Count} (kept {Kept(retention.RejectReportsDays, "days")})");
        foreach (var report in result.RejectReports)
        {
            await write.WriteLineAsync($"    {DisplayText.Escape(report)}");
        }
    }
}
