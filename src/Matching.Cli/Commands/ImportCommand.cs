using System.CommandLine;
using Matching.Cli.Reports;
using Matching.Core.Errors;
using Matching.Ingest;
using Matching.Ingest.Departments;
using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching import &lt;department&gt; &lt;file&gt;</c>: ingest one department extract as a batch, in one
/// transaction. The same bytes imported again are skipped; a newer extract supersedes the department's older ones.
/// A refused file is audited and changes nothing else.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CommandGuard guard)
    {
        var department = new Argument<string>("department") { Description = "Department code: education, unemployment, illness, disability, medical-bills, death, disaster" };
        var file = new Argument<string>("file") { Description = "The department's extract (.csv, .xlsx or .xls)" };
        var command = new Command("import", "Ingest one department extract as a batch (prints batch id, rows read, accepted, rejected)");
        command.Arguments.Add(department);
        command.Arguments.Add(file);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(department)!, parse.GetValue(file)!, t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string department, string file, CancellationToken cancellationToken)
    {
        var outcome = await ImportAsync(context, department, file, cancellationToken);
        var write = context.Out;
        if (outcome.Earlier is { } earlier)
        {
            await write.WriteLineAsync($"{file}: identical to batch {earlier.BatchId} ({earlier.FileName}, imported {earlier.ImportedAt} by {earlier.Operator}); skipped");
            return CliApp.Ok;
        }

        await write.WriteLineAsync($"batch {outcome.BatchId}: {outcome.Department} {Path.GetFileName(file)}");
        await write.WriteLineAsync($"rows read: {outcome.RowsRead}, accepted: {outcome.Accepted}, rejected: {outcome.Rejected}");
        if (outcome.IdProblems > 0)
        {
            await write.WriteLineAsync($"accepted with an ID to check: {outcome.IdProblems}");
        }

        if (outcome.Superseded.Count > 0)
        {
            await write.WriteLineAsync($"supersedes batch {string.Join(", ", outcome.Superseded)} for matching (kept in history)");
        }

        if (outcome.Accepted == 0)
        {
            await write.WriteLineAsync("no row was accepted: the department's earlier batches stay current");
        }

        if (outcome.Report is not null)
        {
            await write.WriteLineAsync($"reject report: {outcome.Report}");
        }

        return CliApp.Ok;
    }

    /// <summary>Imports without printing: what the batch became, or the earlier batch the same bytes already are.</summary>
    public static async Task<ImportOutcome> ImportAsync(CliContext context, string department, string file, CancellationToken cancellationToken)
    {
        var map = context.HeaderMaps.Get(department);
        if (!map.IsDepartment)
        {
            throw new MatchingException($"'{department}' is not a department (the population loads with `matching lowincome import`, labelled files go to `matching evaluate`)");
        }

        await using var store = await context.OpenStoreAsync(cancellationToken);
        await store.RequireSchemaAsync(cancellationToken);
        var attempt = new BatchInfo
        {
            Kind = MatchingStore.DepartmentKind,
            Department = map.Source,
            FileName = Path.GetFileName(file),
            Sha256 = string.Empty,
            SizeBytes = 0,
            Operator = CliContext.Operator,
            ImportedAt = context.Time.GetUtcNow(),
        };

        DepartmentReadResult read;
        try
        {
            var (sha, size) = await FileFingerprint.OfAsync(file, cancellationToken);
            attempt = attempt with { Sha256 = sha, SizeBytes = size };
            var earlier = await store.FindDepartmentBatchAsync(map.Source, sha, cancellationToken);
            if (earlier is not null)
            {
                return new ImportOutcome(map.Source, earlier.BatchId, earlier, 0, 0, 0, 0, [], null);
            }

            using var table = SourceTable.Open(file, map, context.Limits);
            using var progress = new Progress.ProgressLine(context, $"import {map.Source} {Path.GetFileName(file)}");
            table.Progress = progress.Report;
            read = DepartmentReader.Read(table);
        }
        catch (InputFileException ex)
        {
            await AuditAsync(store, attempt, ex.Message, cancellationToken);
            throw;
        }

        // The report is written before anything is stored: a report that cannot be written stops the import whole.
        string? report = null;
        if (read.Rejected.Count + read.IdProblems.Count > 0)
        {
            report = Path.Combine(context.Settings.RejectsFolder, map.Source,
                $"{Path.GetFileNameWithoutExtension(file)}-{attempt.Sha256[..8]}.rejects.xlsx");
            await RejectReportWorkbook.WriteAsync(report, file, read.Rejected, read.IdProblems, cancellationToken);
        }

        var (batchId, superseded) = await store.ImportDepartmentAsync(attempt with { RejectReport = report }, read.Records, read.RowsRead, read.Rejected.Count, cancellationToken);
        return new ImportOutcome(map.Source, batchId, null, read.RowsRead, read.Records.Count, read.Rejected.Count, read.IdProblems.Count, superseded, report);
    }

    /// <summary>Records a refused file; a database that cannot take even that must not hide the file's error.</summary>
    private static async Task AuditAsync(MatchingStore store, BatchInfo attempt, string error, CancellationToken cancellationToken)
    {
        try
        {
            await store.RecordRefusedAttemptAsync(attempt, error, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // The operator sees the file's error; the audit row is the lesser loss.
        }
    }
}
