using System.CommandLine;
using System.Globalization;
using Matching.Cli.Imports;
using Matching.Cli.Localization;
using Matching.Cli.Rules;
using Matching.Core.Errors;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching demo</c>: the main job in one command on the embedded default. Creates the schema, loads the sample
/// low-income population, matches every sample department file into <c>./out/match/</c>, imports them, runs the
/// warning rules and exports one workbook per receiver into <c>./out/warnings/</c>. Safe to run twice: the second
/// run skips the identical files and marks the unchanged warnings 持续.
/// </summary>
internal static class DemoCommand
{
    private static readonly string[] Extensions = [".csv", ".xlsx", ".xls"];

    /// <summary>
    /// The sample data's "today" (the generator's reference date, which a test holds equal): run on it, the demo's
    /// 12-month windows are the same on any day. Written here because the offline package ships the sample data but
    /// not its generator.
    /// </summary>
    internal static readonly DateOnly SampleDate = new(2026, 11, 28);

    public static Command Create(CommandGuard guard)
    {
        var sampleData = new Option<string?>("--sample-data") { Description = Text.Get("HelpDemo_sampleData") };
        var output = new Option<string>("--out") { Description = Text.Get("HelpDemo_output"), DefaultValueFactory = _ => "out" };
        var command = new Command("demo", Text.Get("HelpDemo_command"));
        command.Options.Add(sampleData);
        command.Options.Add(output);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(sampleData), parse.GetValue(output)!, t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? sampleData, string outDir, CancellationToken cancellationToken)
    {
        // Everything the demo writes goes under --out: its reject reports too, not the configured rejects folder.
        context = context.WithSettings(context.Settings with { RejectsFolder = Path.Combine(outDir, "rejects") });
        var samples = sampleData ?? FindSampleData();
        var write = context.Out;
        await write.WriteLineAsync(Text.Format("DemoHeader", DisplayText.Escape(samples), DisplayText.Escape(DataSource(context))));

        await write.WriteLineAsync();
        await write.WriteLineAsync("1. matching init");
        await InitCommand.RunAsync(context, cancellationToken);

        await write.WriteLineAsync();
        var lowIncome = Path.Combine(samples, "lowincome.csv");
        await write.WriteLineAsync($"2. matching lowincome import {DisplayText.Escape(lowIncome)}");
        await LowIncomeCommand.ImportAsync(context, lowIncome, Path.Combine(outDir, "rejects", "lowincome", "lowincome.rejects.xlsx"), acceptShrink: false, cancellationToken);

        await write.WriteLineAsync();
        await write.WriteLineAsync(Text.Get("DemoStepMatch"));
        await write.WriteLineAsync(Text.Get("DemoMatchColumns"));
        var matched = 0;
        var files = new List<(string Department, string File)>();
        foreach (var department in context.HeaderMaps.Departments)
        {
            foreach (var file in FilesOf(samples, department))
            {
                files.Add((department, file));
                var result = Path.Combine(outDir, "match", Path.GetFileNameWithoutExtension(file) + ".csv");
                var summary = await MatchCommand.MatchAsync(context, department, file, result, cancellationToken);
                await write.WriteLineAsync($"   {Path.GetFileNameWithoutExtension(file),-22} {summary.Rows,6} {summary.Matched,8} {summary.Unmatched,10} {summary.Rejected,9}  {DisplayText.Escape(result)}");
                matched++;
            }
        }

        await write.WriteLineAsync();
        await write.WriteLineAsync(Text.Get("DemoStepImport"));
        await write.WriteLineAsync(Text.Get("DemoImportColumns"));
        foreach (var (department, file) in files)
        {
            var outcome = await new DepartmentImport(context.Config, context.Stores, context.Time, context.Error).ImportAsync(department, file, acceptShrink: false, cancellationToken);
            var events = outcome.Stored is { NewEvents: { } fresh, KnownEvents: { } known } ? Text.Format("DemoLedgerNote", fresh, known) : string.Empty;
            await write.WriteLineAsync(outcome.Earlier is null
                ? $"   {department,-14} {outcome.BatchId,6} {outcome.RowsRead,6} {outcome.Accepted,9} {outcome.Rejected,9} {outcome.IdProblems,12}  {Path.GetFileName(file)}{events}"
                : $"   {department,-14} {outcome.BatchId,6}  {Text.Get("DemoIdentical")}  {Path.GetFileName(file)}");
            foreach (var gap in outcome.Gaps)
            {
                await write.WriteLineAsync("     " + DisplayText.Escape(gap.Describe()));
            }
        }

        await write.WriteLineAsync(Text.Format("DemoRejectReports", DisplayText.Escape(Path.Combine(context.Settings.RejectsFolder, Text.Get("DemoDepartmentFolder")))));

        var asOf = SampleDate;
        await write.WriteLineAsync();
        await write.WriteLineAsync(Text.Format("DemoStepRun", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        await RunCommand.PrintAsync(context, await new WarningRun(context.Config, context.Stores, context.Time, context.Error).RunAsync(asOf, cancellationToken));

        var warnings = Path.Combine(outDir, "warnings");
        await write.WriteLineAsync();
        await write.WriteLineAsync($"6. matching export --out {DisplayText.Escape(warnings)}");
        await ExportCommand.RunAsync(context, warnings, mask: false, null, cancellationToken);

        await write.WriteLineAsync();
        await write.WriteLineAsync(Text.Format("DemoDone", matched));
        await write.WriteLineAsync(Text.Format("DemoMatchResults", DisplayText.Escape(Path.GetFullPath(Path.Combine(outDir, "match")))));
        await write.WriteLineAsync(Text.Format("DemoWorkbooks", DisplayText.Escape(Path.GetFullPath(warnings))));
        await write.WriteLineAsync(Text.Get("DemoAgain"));
        return CliApp.Ok;
    }

    /// <summary>
    /// A department's sample files: <c>&lt;department&gt;.csv</c> (or .xlsx, .xls), then its later files
    /// <c>&lt;department&gt;-&lt;month&gt;.csv</c> in order (a ledger's monthly files).
    /// </summary>
    private static IEnumerable<string> FilesOf(string samples, string department)
    {
        if (Extensions.Select(e => Path.Combine(samples, department + e)).FirstOrDefault(File.Exists) is { } first)
        {
            yield return first;
        }

        foreach (var later in Directory.EnumerateFiles(samples, department + "-*.csv").Order(StringComparer.Ordinal))
        {
            yield return later;
        }
    }

    /// <summary>Where the data goes, without anything secret a server connection string may hold.</summary>
    private static string DataSource(CliContext context) => context.Storage.Provider == Storage.DatabaseProvider.Sqlite
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(context.Storage.ConnectionString).DataSource
        : context.Storage.Provider.ToString();

    /// <summary>The repository's sample-data folder: looked for from the current folder and the program's folder upward.</summary>
    private static string FindSampleData()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "sample-data");
                if (File.Exists(Path.Combine(candidate, "lowincome.csv")))
                {
                    return candidate;
                }
            }
        }

        throw new MatchingException(Text.Get("ErrNoSampleData"));
    }
}
