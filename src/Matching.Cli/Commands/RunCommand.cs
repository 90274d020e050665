using System.CommandLine;
using System.Globalization;
using Matching.Cli.Localization;
using Matching.Cli.Rules;
using Matching.Core.Rules;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching run</c>: match every department's current batch against the low-income database, evaluate the
/// warning rules, store the warnings (新增 / 持续 / 已解除); prints counts per code.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CommandGuard guard)
    {
        var asOf = new Option<string?>("--as-of") { Description = Text.Get("HelpRun_asOf") };
        var command = new Command("run", Text.Get("HelpRun_command"));
        command.Options.Add(asOf);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(asOf), t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? asOfText, CancellationToken cancellationToken)
    {
        var asOf = OptionValues.Date(asOfText, "--as-of") ?? context.Today;
        var result = await new WarningRun(context.Config, context.Stores, context.Time, context.Error).RunAsync(asOf, cancellationToken);
        await PrintAsync(context, result);
        return CliApp.Ok;
    }

    public static async Task PrintAsync(CliContext context, WarningRunResult result)
    {
        var write = context.Out;
        var pending = result.Batches.Count(b => b.IsPending);
        await write.WriteLineAsync(Text.Format("RunHeader", result.RunId, result.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), result.Batches.Count, pending,
            result.Records.ToString("N0", CultureInfo.InvariantCulture), result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));

        // Codes stay the key a clerk searches for; the label (the workbooks' 预警名称, from rules.json) says what it is.
        var labels = context.Rules.Rules.GroupBy(r => r.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Label, StringComparer.Ordinal);
        await write.WriteLineAsync($"{DisplayText.Pad(Text.Get("RunColumnCode"), 24)} {DisplayText.Pad(Text.Get("RunColumnFound"), -7)} {WarningStatus.New.Text(),6} {WarningStatus.Continuing.Text(),6} {WarningStatus.Closed.Text(),5} {WarningStatus.Resolved.Text(),5}  {Text.Get("RunColumnLabel")}");
        foreach (var c in result.Counts)
        {
            await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{c.Code,-24} {c.Found,7} {c.New,8} {c.Continuing,8} {c.Closed,8} {c.Resolved,8}  {labels.GetValueOrDefault(c.Code, string.Empty)}"));
        }

        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{DisplayText.Pad(Text.Get("RunTotal"), 24)} {result.Counts.Sum(c => c.Found),7} {result.Counts.Sum(c => c.New),8} {result.Counts.Sum(c => c.Continuing),8} {result.Counts.Sum(c => c.Closed),8} {result.Counts.Sum(c => c.Resolved),8}"));
        await BatchGap.WriteAsync(write, result.Gaps);
    }
}
