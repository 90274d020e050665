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
                await context.Out.WriteLineAsync(
                    $"{file}: identical to batch {earlier.BatchId} ({earlier.FileName}, imported {earlier.ImportedAt} by {earlier.Operator}); skipped");
                return CliApp.Ok;
            }

            using var table = SourceTable.Open(file, map, context.Limits);
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
        await context.Out.WriteLineAsync($"batch {batchId}: {map.Source} {Path.GetFileName(file)}");
        await context.Out.WriteLineAsync($"rows read: {read.RowsRead}, accepted: {read.Records.Count}, rejected: {read.Rejected.Count}");
        if (read.IdProblems.Count > 0)
        {
            await context.Out.WriteLineAsync($"accepted with an ID to check: {read.IdProblems.Count}");
        }

        if (superseded.Count > 0)
        {
            await context.Out.WriteLineAsync($"supersedes batch {string.Join(", ", superseded)} for matching (kept in history)");
        }

        if (read.Records.Count == 0)
        {
            await context.Out.WriteLineAsync("no row was accepted: the department's earlier batches stay current");
        }

        if (report is not null)
        {
            await context.Out.WriteLineAsync($"reject report: {report}");
        }

        return CliApp.Ok;
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
