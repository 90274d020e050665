using System.CommandLine;
using Matching.Core.Errors;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Ingest;
using Matching.Ingest.LowIncome;
using Matching.Cli.Reports;
using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary><c>matching lowincome import &lt;file&gt;</c>: load a full snapshot of the low-income population.</summary>
internal static class LowIncomeCommand
{
    public static Command Create(CommandGuard guard)
    {
        var file = new Argument<string>("file") { Description = "Civil-affairs export (.csv, .xlsx or .xls)" };
        var rejects = new Option<string?>("--rejects") { Description = "Where to write the rejected rows workbook (default ./out/rejects/lowincome/<file>.rejects.xlsx)" };
        var import = new Command("import", "Load or refresh the low-income population from a civil-affairs export (a full snapshot)");
        import.Arguments.Add(file);
        import.Options.Add(rejects);
        import.SetAction((parse, ct) => guard(parse, (c, t) => ImportAsync(c, parse.GetValue(file)!, parse.GetValue(rejects), t), ct));

        var command = new Command("lowincome", "The low-income population database (低收入人口数据库)");
        command.Subcommands.Add(import);
        return command;
    }

    public static async Task<int> ImportAsync(CliContext context, string file, string? rejectsPath, CancellationToken cancellationToken)
    {
        // The rules are read before anything is stored: a broken rules file must refuse the import, not follow it.
        var rules = context.Rules;
        await using var store = await context.OpenStoreAsync(cancellationToken);
        await store.RequireSchemaAsync(cancellationToken);
        var (sha, size) = await FileFingerprint.OfAsync(file, cancellationToken);
        var last = await store.LastLowIncomeBatchAsync(cancellationToken);
        if (last is not null && last.Sha256 == sha)
        {
            await context.Out.WriteLineAsync(
                $"{file}: identical to batch {last.BatchId} ({last.FileName}, loaded {last.ImportedAt}); nothing to do");
            return CliApp.Ok;
        }

        LowIncomeReadResult read;
        using (var table = SourceTable.Open(file, context.HeaderMaps.Get("lowincome"), context.Limits))
        using (var progress = new Progress.ProgressLine(context, $"lowincome import {Path.GetFileName(file)}"))
        {
            table.Progress = progress.Report;
            read = new LowIncomeReader(table.Map).Read(table);
        }

        // The report is written before anything is stored: a report that cannot be written stops the import whole.
        string? report = null;
        if (read.Rejected.Count > 0)
        {
            report = rejectsPath ?? Path.Combine(context.Settings.RejectsFolder, "lowincome", Path.GetFileNameWithoutExtension(file) + ".rejects.xlsx");
            await RejectReportWorkbook.WriteAsync(report, file, read.Rejected, [], cancellationToken);
        }

        var batch = new BatchInfo
        {
            Kind = BatchInfo.LowIncomeKind,
            FileName = Path.GetFileName(file),
            Sha256 = sha,
            SizeBytes = size,
            Operator = CliContext.Operator,
            ImportedAt = context.Time.GetUtcNow(),
            RejectReport = report,
        };
        var batchId = await store.ImportLowIncomeAsync(read.Snapshot, batch, read.RowsRead, read.Rejected.Count, cancellationToken);
        var (households, members) = await store.CountActiveAsync(cancellationToken);

        await context.Out.WriteLineAsync($"batch {batchId}: {Path.GetFileName(file)}");
        await context.Out.WriteLineAsync($"rows read: {read.RowsRead}, loaded: {read.Snapshot.Members.Count}, rejected: {read.Rejected.Count}");
        await context.Out.WriteLineAsync($"active: {households} households, {members} members");
        if (report is not null)
        {
            await context.Out.WriteLineAsync($"rejected rows: {report}");
        }

        await ReportDuplicateAidAsync(context, rules, read.Snapshot);
        return CliApp.Ok;
    }

    /// <summary>
    /// 重复救助 is checked on every import, not only at the next run: the operator sees at once how many persons are in
    /// two households or under categories that exclude each other. The warnings themselves are stored by <c>run</c>.
    /// </summary>
    private static async Task ReportDuplicateAidAsync(CliContext context, RuleSetOptions ruleSet, LowIncomeSnapshot snapshot)
    {
        var rules = ruleSet.Rules.Where(r => r.Shape == RuleShape.DuplicateAid).ToList();
        if (rules.Count == 0)
        {
            return;
        }

        var engine = new RuleEngine(ruleSet with { Rules = rules }, new Dictionary<string, RuleDepartment>(StringComparer.Ordinal));
        foreach (var group in engine.Evaluate(new RulePopulation(snapshot), [], context.Today).GroupBy(w => w.Code))
        {
            await context.Out.WriteLineAsync(
                $"{group.Key}: {group.Count()} persons in two households or under categories that exclude each other (stored as warnings by `matching run`)");
        }
    }
}
