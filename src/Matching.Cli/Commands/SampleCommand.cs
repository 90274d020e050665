using System.CommandLine;
using System.Globalization;
using Matching.Cli.Localization;
using Matching.Samples;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching sample --out &lt;dir&gt;</c> (hidden): writes the deterministic synthetic sample data (a low-income
/// export, one extract per department, truth side files). Never real IDs or names.
/// </summary>
internal static class SampleCommand
{
    public static Command Create(CommandGuard guard)
    {
        var output = new Option<string>("--out") { Description = Text.Get("HelpSample_output"), DefaultValueFactory = _ => "sample-data" };
        var seed = new Option<int>("--seed") { Description = Text.Get("HelpSample_seed"), DefaultValueFactory = _ => new SampleOptions().Seed };
        var households = new Option<int>("--households") { Description = Text.Get("HelpSample_households"), DefaultValueFactory = _ => new SampleOptions().Households };
        var command = new Command("sample", Text.Get("HelpSample_command")) { Hidden = true };
        command.Options.Add(output);
        command.Options.Add(seed);
        command.Options.Add(households);
        command.SetAction((parse, ct) => guard(parse,
            (c, _) => RunAsync(c, parse.GetValue(output)!, new SampleOptions(parse.GetValue(seed), parse.GetValue(households))), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string outDir, SampleOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new Core.Errors.MatchingException($"--households: {ex.Message}", ex);
        }

        var summary = SampleGenerator.Write(outDir, options);
        await context.Out.WriteLineAsync(Text.Format("SampleWritten", summary.Households, summary.Persons, DisplayText.Escape(summary.OutputDirectory)));
        foreach (var file in summary.Files)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {file.RelativePath,-32} {file.Rows,6} rows {file.Bytes,10:N0} bytes"));
        }

        return CliApp.Ok;
    }
}
