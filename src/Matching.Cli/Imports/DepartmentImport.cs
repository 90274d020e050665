using Matching.Cli.Reports;
using Matching.Core.Errors;
using Matching.Ingest;
using Matching.Ingest.Coverage;
using Matching.Ingest.Departments;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Matching.Cli.Localization;

namespace Matching.Cli.Imports;

/// <summary>
/// Imports one department extract as a batch (<c>matching import</c>, and the worker's intake): the same bytes
/// imported again are skipped; a file that is not the department's (another department's list, a warning workbook)
/// is refused before anything is read into the database; the rows stream from the file into the batch in one
/// transaction, the rejected ones into the reject report; a snapshot much shorter than the current one is refused
/// unless accepted. A refused file is audited and changes nothing else. Fields the enabled rules need that the file
/// lacks or mostly leaves empty are found as it is read and stored with the batch (<see cref="RuleGap"/>).
/// </summary>
internal sealed class DepartmentImport(BureauConfig config, Stores stores, TimeProvider time, TextWriter progressOut)
{
    /// <param name="department">The department code.</param>
    /// <param name="file">The extract.</param>
    /// <param name="acceptShrink">Accept a snapshot much shorter than the current one.</param>
    /// <param name="rejectsFolder">Where the reject report goes (the worker: the department's outbox); null: <c>rejectsFolder/&lt;department&gt;</c> of matching.json.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    public async Task<DepartmentImportOutcome> ImportAsync(string department, string file, bool acceptShrink, CancellationToken cancellationToken, string? rejectsFolder = null)
    {
        var map = config.HeaderMaps.GetDepartment(department);

        await using var store = await stores.OpenAsync(cancellationToken);
        await store.RequireSchemaAsync(cancellationToken);
        var attempt = new BatchInfo
        {
            Kind = BatchStore.DepartmentBatchKind,
            Department = map.Source,
            FileName = Path.GetFileName(file),
            Sha256 = string.Empty,
            SizeBytes = 0,
            Operator = CliContext.Operator,
            ImportedAt = time.GetUtcNow(),
        };

        try
        {
            var (sha, size) = await FileFingerprint.OfAsync(file, config.Limits, cancellationToken);
            attempt = attempt with { Sha256 = sha, SizeBytes = size };
            if (await store.Batches.FindDepartmentBatchAsync(map.Source, sha, cancellationToken) is { } earlier)
            {
                return Skipped(map, earlier);
            }

            using (var table = SourceTable.Open(file, map, config.Limits))
            {
                ExtractCheck.Verify(table, config.HeaderMaps);
            }

            return await StoreAsync(store, map, file, attempt, acceptShrink, rejectsFolder, cancellationToken);
        }
        catch (Exception ex) when (ex is InputFileException or ImportRefusedException)
        {
            await AuditAsync(store, attempt, ex.Message, cancellationToken);
            throw;
        }
        catch (MatchingException) when (attempt.Sha256.Length > 0)
        {
            // The same file imported at the same moment by another process: the unique index let one batch through.
            if (await store.Batches.FindDepartmentBatchAsync(map.Source, attempt.Sha256, CancellationToken.None) is { } twin)
            {
                return Skipped(map, twin);
            }

            throw;
        }
    }

    private static DepartmentImportOutcome Skipped(HeaderMap map, BatchRecord earlier) =>
        new(map.Source, map.DepartmentKind, earlier.BatchId, earlier, 0, 0, 0, 0, null, null);

    private async Task<DepartmentImportOutcome> StoreAsync(
        MatchingStore store, HeaderMap map, string file, BatchInfo attempt, bool acceptShrink, string? rejectsFolder, CancellationToken cancellationToken)
    {
        var parsers = new CellParsers(map, config.Limits);
        var needs = RuleCoverage.Needs(config.Rules, map);
        IReadOnlyList<RuleGap> gaps = [];
        var reportPath = Path.Combine(rejectsFolder ?? Path.Combine(config.Settings.RejectsFolder, map.Source),
            $"{Path.GetFileNameWithoutExtension(file)}-{attempt.Sha256[..8]}.rejects.xlsx");
        string? report = null;
        long rowsRead = 0, rejected = 0, idProblems = 0;
        var request = new DepartmentBatchRequest(attempt, map.DepartmentKind, map.Layout(), config.Limits.MinShareOfCurrent, acceptShrink);
        Progress.PhaseProgress? storing = null;
        DepartmentBatchResult stored;
        try
        {
            stored = await ImportAsync();
        }
        finally
        {
            storing?.Dispose();
        }

        return new DepartmentImportOutcome(map.Source, map.DepartmentKind, stored.BatchId, null, rowsRead, stored.Accepted, rejected,
            idProblems, stored, report) { Gaps = gaps };

        Task<DepartmentBatchResult> ImportAsync() => store.Batches.ImportDepartmentAsync(request, async (writer, token) =>
        {
            // Called again from the start if a transient fault restarts the transaction.
            rejected = idProblems = 0;
            using var table = SourceTable.Open(file, map, config.Limits);
            using var progress = new Progress.ProgressLine(progressOut, Text.Format("ProgressImport", map.Source, Path.GetFileName(file)));
            table.Progress = progress.Report;
            var reader = new DepartmentReader(table, parsers);
            await using var rejects = new RejectReportWorkbook(reportPath, file);
            while (reader.Read())
            {
                if (reader.Rejected is { } refused)
                {
                    rejected++;
                    await rejects.AddAsync(refused, RejectReportWorkbook.NotImported, token);
                    continue;
                }

                if (reader.IdProblem is { } problem)
                {
                    idProblems++;
                    await rejects.AddAsync(problem, RejectReportWorkbook.CheckId, token);
                }

                await writer.WriteAsync(reader.Current, token);
            }

            // The report is complete before anything commits: a report that cannot be written stops the import whole.
            report = await rejects.FinishAsync(token);
            rowsRead = reader.RowsRead;
            gaps = RuleCoverage.Check(needs, table, reader.Fill, config.Limits.MaxEmptyShare);

            // Read: what is left is the database's (merging the rows, a ledger's known events, the commit).
            storing?.Dispose();
            storing = new Progress.PhaseProgress(progressOut, time, Text.Format("ProgressImportStoring", map.Source, Path.GetFileName(file), Progress.ProgressLine.N0(rowsRead - rejected)));
            return new DepartmentRead(rowsRead, rejected, report) { RuleGaps = RuleGap.ToJson(gaps) };
        }, cancellationToken);
    }

    /// <summary>Records a refused file; a database that cannot take even that must not hide the file's error.</summary>
    private static async Task AuditAsync(MatchingStore store, BatchInfo attempt, string error, CancellationToken cancellationToken)
    {
        try
        {
            await store.Batches.RecordRefusedAttemptAsync(attempt, error, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // The operator sees the file's error; the audit row is the lesser loss.
        }
    }
}
