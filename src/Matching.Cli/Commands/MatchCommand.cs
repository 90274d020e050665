using System.CommandLine;
using Matching.Cli.Audit;
using Matching.Cli.Localization;
using Matching.Cli.Linkage;
using Matching.Core.Population;
using Matching.Ingest;
using Matching.Ingest.Tables;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching match &lt;department&gt; &lt;file&gt; --out &lt;csv&gt;</c>: stateless; match one file against the
/// low-income database and write one result row per source data row. Stores nothing.
/// </summary>
internal static class MatchCommand
{
    public static Command Create(CommandGuard guard)
    {
        var department = DepartmentHelp.Create();
        var file = new Argument<string>("file") { Description = Text.Get("HelpMatch_file") };
        var output = new Option<string>("--out") { Description = Text.Get("HelpMatch_output"), Required = true };
        var inDatabase = new Option<bool>("--in-database")
        {
            Description = Text.Get("HelpMatch_inDatabase"),
        };
        var command = new Command("match", Text.Get("HelpMatch_command"));
        command.Arguments.Add(department);
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(inDatabase);
        command.SetAction((parse, ct) => guard(parse,
            (c, t) => RunAsync(c, parse.GetValue(department)!, parse.GetValue(file)!, parse.GetValue(output)!, parse.GetValue(inDatabase), t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string department, string file, string outPath, bool inDatabase, CancellationToken cancellationToken)
    {
        var summary = await MatchAsync(context, department, file, outPath, cancellationToken, inDatabase);

        // The result CSV carries the matched persons' whole IDs: on record, or removed again.
        var audit = new AccessAudit(context.Stores, context.Time);
        await audit.RecordOutputAsync(audit.New("match", fullIds: true) with
        {
            SubjectCount = summary.Matched, OutputPath = Path.GetFullPath(outPath), Detail = Text.Format("AuditDetailMatch", department, Path.GetFileName(file), summary.Rows),
        }, [outPath], summary.ResultSha256, cancellationToken);
        await context.Out.WriteLineAsync(Text.Format("MatchSummary", DisplayText.Escape(file), summary.Rows, summary.Matched, summary.MethodsText(),
            summary.Unmatched, summary.NameMismatches, summary.Rejected));
        await context.Out.WriteLineAsync(Text.Format("MatchResults", DisplayText.Escape(outPath)));
        return CliApp.Ok;
    }

    public static async Task<MatchSummary> MatchAsync(
        CliContext context, string department, string file, string outPath, CancellationToken cancellationToken, bool inDatabase = false)
    {
        var map = context.HeaderMaps.GetDepartment(department);

        // The result replaces --out only once written whole, but --out naming the input (the same path, a link to it,
        // a hard link) would still replace the extract with its own results.
        if (InputFile.IsSameFile(file, outPath))
        {
            throw new Core.Errors.MatchingException(Text.Format("ErrOutIsInput", outPath, file));
        }

        using var table = SourceTable.Open(file, map, context.Limits);
        await using var store = await context.OpenStoreAsync(cancellationToken);
        var images = PopulationImages.For(context.Storage, context.Settings.Run);
        var limit = context.Settings.Run.InMemoryLimit;
        var population = inDatabase || images is null ? null : (await images.TryLoadAsync(store, cancellationToken)).Index;
        if (population is null || population.Count > limit)
        {
            if (inDatabase || (await store.Population.CountActiveAsync(cancellationToken)).Members > limit)
            {
                // Two passes over the file: what its rows can touch, asked of the database in one go; then the match.
                using var first = SourceTable.Open(file, map, context.Limits);
                population = await store.Population.LoadSubsetAsync(MatchFileRunner.Gather(first), cancellationToken);
            }
            else
            {
                population = images is null ? await store.Population.LoadIndexAsync(cancellationToken) : await images.RebuildAsync(store, cancellationToken);
            }
        }

        using var progress = new Progress.ProgressLine(context.Error, Text.Format("ProgressMatch", map.Source, Path.GetFileName(file)));
        table.Progress = progress.Report;
        return MatchFileRunner.Run(table, population, outPath);
    }
}
