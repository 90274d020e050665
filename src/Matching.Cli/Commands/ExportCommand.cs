using System.CommandLine;
using Matching.Cli.Exports;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching export --out &lt;dir&gt;</c>: one workbook per receiver (<c>&lt;dir&gt;/&lt;receiver&gt;.xlsx</c>, every
/// receiver, even one with nothing to act on) with its open warnings (新增, 持续), and
/// <c>civil-affairs-overview.xlsx</c> with every warning and its status (<see cref="WarningExport"/>).
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CommandGuard guard)
    {
        var output = new Option<string>("--out") { Description = "Folder to write the workbooks to", Required = true };
        var mask = new Option<bool>("--mask") { Description = "Mask ID numbers as 419001********123X" };
        var since = new Option<string?>("--since") { Description = "Only warnings first raised on or after this date (yyyy-MM-dd): the nightly delta" };
        var command = new Command("export", "Write one warning workbook per receiving department, <out>/<receiver>.xlsx, and civil-affairs-overview.xlsx");
        command.Options.Add(output);
        command.Options.Add(mask);
        command.Options.Add(since);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(output)!, parse.GetValue(mask), parse.GetValue(since), t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string outDir, bool mask, string? sinceText, CancellationToken cancellationToken)
    {
        var since = OptionValues.Date(sinceText, "--since");
        var written = await new WarningExport(context).ExportAsync(
            receiver => Path.Combine(outDir, receiver + ".xlsx"), Path.Combine(outDir, WarningExport.OverviewFile), mask, since, cancellationToken);
        foreach (var workbook in written)
        {
            await context.Out.WriteLineAsync(workbook.IsOverview
                ? $"{DisplayText.Escape(workbook.Path)}: {workbook.Warnings} warnings, every status"
                : $"{DisplayText.Escape(workbook.Path)}: {workbook.Warnings} warnings ({workbook.ReceiverName})");
        }

        return CliApp.Ok;
    }
}
