using System.CommandLine;
using System.Globalization;
using Matching.Cli.Audit;
using Matching.Cli.Exports;
using Matching.Cli.Localization;
using Matching.Core.Localization;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching export --out &lt;dir&gt;</c>: one workbook per receiver (<c>&lt;dir&gt;/&lt;receiver&gt;.xlsx</c>, every
/// receiver, even one with nothing to act on) with its open warnings (新增, 持续), and
/// <c>civil-affairs-overview.xlsx</c> with every warning and its status (<see cref="WarningExport"/>), IDs masked in
/// the overview (rules.json maskedWorkbooks) unless <c>--full-ids</c>. One access-audit record per export.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CommandGuard guard)
    {
        var output = new Option<string>("--out") { Description = Text.Get("HelpExport_output"), Required = true };
        var mask = new Option<bool>("--mask") { Description = Text.Get("HelpExport_mask") };
        var fullIds = new Option<bool>("--full-ids") { Description = Text.Get("HelpExport_fullIds") };
        var since = new Option<string?>("--since") { Description = Text.Get("HelpExport_since") };
        var command = new Command("export", Text.Get("HelpExport_command"));
        command.Options.Add(output);
        command.Options.Add(mask);
        command.Options.Add(since);
        command.Options.Add(fullIds);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(output)!, parse.GetValue(mask), parse.GetValue(since), t, parse.GetValue(fullIds)), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string outDir, bool mask, string? sinceText, CancellationToken cancellationToken, bool fullIds = false)
    {
        if (mask && fullIds)
        {
            throw new Core.Errors.MatchingException(Text.Get("ErrMaskAndFull"));
        }

        var since = OptionValues.Date(sinceText, "--since");
        var written = await new WarningExport(context.Config, context.Stores, context.Time, context.Error).ExportAsync(
            receiver => Path.Combine(outDir, receiver + ".xlsx"), Path.Combine(outDir, WarningExport.OverviewFile), mask, since, cancellationToken, fullIds);

        // One record for the export; the workbooks are removed again if it cannot be written.
        var audit = new AccessAudit(context.Stores, context.Time);
        await audit.RecordOutputAsync(audit.New("export", fullIds: written.Any(w => !w.Masked)) with
        {
            SubjectCount = written.Where(w => !w.IsOverview).Sum(w => w.Warnings),
            OutputPath = Path.GetFullPath(outDir),
            Detail = Text.Format("AuditDetailExport", written.Count,
                since is { } s ? Text.Format("AuditDetailSince", s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : string.Empty,
                TextList.Join(written.Where(w => w.Masked).Select(w => Path.GetFileName(w.Path)))),
        }, [.. written.Select(w => w.Path)], cancellationToken);
        foreach (var workbook in written)
        {
            await context.Out.WriteLineAsync(workbook.IsOverview
                ? Text.Format("ExportOverview", DisplayText.Escape(workbook.Path), workbook.Warnings, workbook.Masked ? Text.Get("ExportIdsMasked") : string.Empty)
                : Text.Format("ExportWorkbook", DisplayText.Escape(workbook.Path), workbook.Warnings, workbook.ReceiverName, workbook.Masked ? Text.Get("ExportIdsMasked") : string.Empty));
        }

        return CliApp.Ok;
    }
}
