using System.CommandLine;
using System.Globalization;
using Matching.Cli.Rules;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching run</c>: match every department's current batch against the low-income database, evaluate the
/// warning rules, store the warnings (新增 / 持续 / 已解除); prints counts per code.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CommandGuard guard)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Run date the 12-month windows end on, yyyy-MM-dd (default: today)" };
        var command = new Command("run", "Match every pending batch against the low-income database, evaluate the warning rules, store the warnings; prints counts per code");
        command.Options.Add(asOf);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(asOf), t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? asOfText, CancellationToken cancellationToken)
    {
        var asOf = OptionValues.Date(asOfText, "--as-of") ?? context.Today;
        var result = await new WarningRun(context).RunAsync(asOf, cancellationToken);
        await PrintAsync(context, result);
        return CliApp.Ok;
    }

    public static async Task PrintAsync(CliContext context, WarningRunResult result)
    {
        var write = context.Out;
        var pending = result.Batches.Count(b => b.IsPending);
        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"run {result.RunId} as of {result.AsOf:yyyy-MM-dd}: {result.Batches.Count} department batches ({pending} pending), {result.Records:N0} records, {result.Elapsed.TotalSeconds:0.0} s"));
        await write.WriteLineAsync($"{"code",-24} {"found",7} {"新增",6} {"持续",6} {"已处理",5} {"已解除",5}");
        foreach (var c in result.Counts)
        {
            await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{c.Code,-24} {c.Found,7} {c.New,8} {c.Continuing,8} {c.Closed,8} {c.Resolved,8}"));
        }

        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{"total",-24} {result.Counts.Sum(c => c.Found),7} {result.Counts.Sum(c => c.New),8} {result.Counts.Sum(c => c.Continuing),8} {result.Counts.Sum(c => c.Closed),8} {result.Counts.Sum(c => c.Resolved),8}"));
        await PrintGapsAsync(write, result.Gaps);
    }

    /// <summary>What the batches in use could not give the rules, one line each (nothing when they gave everything).</summary>
    public static async Task PrintGapsAsync(TextWriter write, IReadOnlyList<BatchGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (gaps.Count == 0)
        {
            return;
        }

        await write.WriteLineAsync($"rules held back by the data in use ({gaps.Count}):");
        foreach (var gap in gaps)
        {
            await write.WriteLineAsync("  " + gap.Describe());
        }
    }
}
