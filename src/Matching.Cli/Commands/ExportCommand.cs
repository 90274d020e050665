using System.CommandLine;
using Matching.Core.Errors;
using Matching.Export.Workbooks;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching export --out &lt;dir&gt;</c>: one workbook per receiver (<c>&lt;dir&gt;/&lt;receiver&gt;.xlsx</c>, every
/// receiver, even one with nothing to act on) with its open warnings (新增, 持续), and
/// <c>civil-affairs-overview.xlsx</c> with every warning and its status.
/// </summary>
internal static class ExportCommand
{
    public const string OverviewFile = "civil-affairs-overview.xlsx";

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
        var since = RunCommand.ParseDate(sinceText, "--since");
        await ExportAsync(context, receiver => Path.Combine(outDir, receiver + ".xlsx"), Path.Combine(outDir, OverviewFile), mask, since, cancellationToken);
        return CliApp.Ok;
    }

    /// <summary>
    /// Writes every receiver's workbook where <paramref name="pathOf"/> says and the overview at <paramref name="overview"/>;
    /// prints one line per file. Returns the paths written.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ExportAsync(
        CliContext context, Func<string, string> pathOf, string overview, bool mask, DateOnly? since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pathOf);
        var receivers = context.Rules.Receivers;
        var written = new List<string>();
        await using var store = await context.OpenStoreAsync(cancellationToken);
        var path = overview;
        try
        {
            foreach (var (receiver, name) in receivers)
            {
                var warnings = await store.WarningsAsync(receiver, openOnly: true, since, cancellationToken);
                path = pathOf(receiver);
                await WarningWorkbook.WriteAsync(path, warnings, mask, cancellationToken);
                written.Add(path);
                await context.Out.WriteLineAsync($"{path}: {warnings.Count} warnings ({name})");
            }

            var all = await store.WarningsAsync(null, openOnly: false, since, cancellationToken);
            path = overview;
            await WarningWorkbook.WriteOverviewAsync(overview, all, mask, receivers, cancellationToken);
            written.Add(overview);
            await context.Out.WriteLineAsync($"{overview}: {all.Count} warnings, every status");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MatchingException($"{path}: the workbook cannot be written ({ex.Message})", ex);
        }

        return written;
    }
}
