using System.Data.Common;
using System.Globalization;
using Dapper;
using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Storage.Localization;

namespace Matching.Storage;

public sealed partial class BatchStore
{
    /// <summary>The <c>kind</c> of a department extract's batch (the population's is <see cref="SourceCodes.LowIncome"/>).</summary>
    public const string DepartmentBatchKind = "department";


    /// <summary>
    /// Stores a department extract as one batch in one transaction, the records streamed in by
    /// <paramref name="read"/> (which returns the data rows it read, the rows it refused) through a
    /// <see cref="RecordWriter"/> (and the reject report it wrote). A ledger's rows that repeat an event already counted (by a batch not withdrawn, or
    /// earlier in the same file) are kept but do not count. A snapshot shorter than the current one
    /// (<see cref="DepartmentBatchRequest.MinShareOfCurrent"/>) is refused with <see cref="ImportRefusedException"/>
    /// and leaves nothing, unless accepted. A transient fault starts the transaction over: <paramref name="read"/>
    /// must read its file from the start each time it is called.
    /// </summary>
    public async Task<DepartmentBatchResult> ImportDepartmentAsync(
        DepartmentBatchRequest request, Func<RecordWriter, CancellationToken, Task<DepartmentRead>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);

        // Every record refers to the batch the transaction inserts first: SQLite need not look it up for each of them.
        return await _db.UncheckedLoadAsync(checkpoints: true, () => _db.CommitAsync("department import", Text.Format("FailedDepartment", request.Batch.FileName),
            requireSchema: true, (transaction, token) => WriteDepartmentBatchAsync(request, read, transaction, token), cancellationToken), cancellationToken);
    }

    private async Task<DepartmentBatchResult> WriteDepartmentBatchAsync(
        DepartmentBatchRequest request, Func<RecordWriter, CancellationToken, Task<DepartmentRead>> readRecords,
        DbTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = request.Batch;
        var batchId = await InsertAsync(batch with { Layout = request.Layout.Describe() }, transaction, cancellationToken);
        RecordWriter writer;
        DepartmentRead read;
        var columns = RecordWriter.ColumnsFor(request.Layout, request.Kind == DepartmentKind.Ledger);
        await using (var loader = _dialect.CreateBulkLoader(_db.Connection, transaction, columns))
        {
            // Disposed before the loader, and before anything else uses the connection: its loading task has stopped.
            await using (writer = new RecordWriter(loader, batchId, columns))
            {
                read = await readRecords(writer, cancellationToken);
                await writer.FlushAsync(cancellationToken);
            }

            await loader.CompleteAsync(cancellationToken);
        }

        long? newEvents = null, knownEvents = null, replaced = null;
        if (request.Kind == DepartmentKind.Ledger)
        {
            (newEvents, knownEvents) = await CountOnceAsync(batch.Department!, batchId, transaction, cancellationToken);
        }
        else if (writer.Accepted > 0)
        {
            // A file whose every row was refused replaces nothing: the department's current data stays current.
            var current = await CurrentSnapshotAsync(batch.Department!, batchId, transaction, cancellationToken);
            if (current is not null && !request.AcceptShrink &&
                ShrinkGuard.Check(writer.Accepted, writer.Usable, current.RowsAccepted, current.RowsUsable, request.MinShareOfCurrent, Text.Get("ShrinkRows")) is { } shrink)
            {
                throw new ImportRefusedException(
                    Text.Format("ShrinkRefusedDepartment", batch.FileName, shrink, current.BatchId, current.FileName, batch.Department));
            }

            if (current is not null)
            {
                replaced = current.BatchId;
                await _db.Connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE import_batch SET superseded_by = @batchId WHERE batch_id = @current",
                    new { batchId, current = current.BatchId }, transaction, cancellationToken: cancellationToken));
            }
        }

        await _db.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE import_batch SET status = @pending, rows_read = @rowsRead, rows_accepted = @accepted, rows_rejected = @rejected,
                   rows_usable = @usable, new_events = @newEvents, known_events = @knownEvents, reject_report = @report, rule_gaps = @gaps
            WHERE batch_id = @batchId
            """,
            new
            {
                pending = BatchStatus.Pending.Text(), rowsRead = read.RowsRead, accepted = writer.Accepted, rejected = read.Rejected, usable = writer.Usable,
                newEvents, knownEvents, report = read.RejectReport, gaps = read.RuleGaps, batchId,
            },
            transaction, cancellationToken: cancellationToken));
        return new DepartmentBatchResult(batchId, writer.Accepted, writer.Usable, newEvents, knownEvents, replaced);
    }

    /// <summary>
    /// Marks the rows of ledger batch <paramref name="batchId"/> whose event a counting batch of the department (or an
    /// earlier row of the same batch) already has: they are kept, but the event counts once, by its first row.
    /// Returns how many events were new and how many were already known. Nearly every bill's look-up through the events'
    /// index finds only itself: on SQLite that is told from the index (<see cref="Dialects.ISqlDialect.NotSameRow"/>) instead of by
    /// reading the row (the statement after 12 months of the bench's bills: 0.59–0.66 -> 0.46–0.48 s).
    /// </summary>
    private async Task<(long New, long Known)> CountOnceAsync(string department, long batchId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await _db.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            {_dialect.ManyRows("UPDATE")} source_record SET counted = 0
            WHERE batch_id = @batchId AND event_day IS NOT NULL AND EXISTS (
                SELECT 1 FROM source_record o
                WHERE o.event_day = source_record.event_day AND o.event_hi = source_record.event_hi{_dialect.NotSameRow("o", "source_record")}
                  AND o.event_lo = source_record.event_lo
                  AND o.counted = 1
                  AND (o.batch_id < source_record.batch_id OR (o.batch_id = source_record.batch_id AND o.source_row < source_record.source_row))
                  AND o.batch_id IN ({CountingBatchesOf})
            )
            """, new { batchId, department, kind = DepartmentBatchKind, withdrawn = BatchStatus.Withdrawn.Text() }, transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        var counts = (await _db.Connection.QueryAsync<(long Counted, long Rows)>(new CommandDefinition(
            "SELECT counted, COUNT(*) FROM source_record WHERE batch_id = @batchId GROUP BY counted",
            new { batchId }, transaction, cancellationToken: cancellationToken))).ToList();
        return (counts.Where(c => c.Counted == 1).Sum(c => c.Rows), counts.Where(c => c.Counted == 0).Sum(c => c.Rows));
    }

    /// <summary>The batches of <c>@department</c> that are not withdrawn (a subquery; parameters @department, @kind, @withdrawn).</summary>
    private const string CountingBatchesOf =
        "SELECT b.batch_id FROM import_batch b WHERE b.kind = @kind AND b.department = @department AND b.status <> @withdrawn";

    /// <summary>
    /// A snapshot department's current batch: its newest batch not withdrawn that accepted rows (other than
    /// <paramref name="except"/>), or null.
    /// </summary>
    private Task<BatchRecord?> CurrentSnapshotAsync(string department, long except, DbTransaction? transaction, CancellationToken cancellationToken) =>
        _db.Connection.QueryFirstOrDefaultAsync<BatchRecord>(new CommandDefinition(
            $"""
            {BatchColumns} FROM import_batch
            WHERE kind = @kind AND department = @department AND status <> @withdrawn AND rows_accepted > 0 AND batch_id <> @except
            ORDER BY batch_id DESC {_dialect.FirstRows("1")}
            """, new { kind = DepartmentBatchKind, department, withdrawn = BatchStatus.Withdrawn.Text(), except }, transaction, cancellationToken: cancellationToken));

    /// <summary>Audits an import that was refused (bad file, limits, a short snapshot): what, who, when, and the message shown.</summary>
    public Task RecordRefusedAttemptAsync(
        BatchInfo attempt, string error, CancellationToken cancellationToken) =>
        _db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO import_attempt (kind, department, file_name, sha256, size_bytes, operator, attempted_at, error)
            VALUES (@Kind, @Department, @FileName, @Sha256, @SizeBytes, @Operator, @AttemptedAt, @error)
            """,
            new
            {
                attempt.Kind,
                attempt.Department,
                attempt.FileName,
                attempt.Sha256,
                attempt.SizeBytes,
                attempt.Operator,
                AttemptedAt = StoredTime.Format(attempt.ImportedAt),
                error,
            },
            cancellationToken: cancellationToken));

    /// <summary>Refused imports (the audit) since <paramref name="since"/>, newest first (at most 20).</summary>
    public async Task<IReadOnlyList<(string At, string Kind, string? Department, string FileName, string Error)>> RecentRefusalsAsync(
        DateTimeOffset since, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        return [.. await _db.Connection.QueryAsync<(string, string, string?, string, string)>(new CommandDefinition(
            $"""
            SELECT attempted_at, kind, department, file_name, error FROM import_attempt
            WHERE attempted_at >= @since ORDER BY attempt_id DESC {_dialect.FirstRows("20")}
            """, new { since = StoredTime.Format(since) },
            cancellationToken: cancellationToken))];
    }

    /// <summary>The department's batch with these bytes that is not withdrawn, if any (the same file imported again).</summary>
    public Task<BatchRecord?> FindDepartmentBatchAsync(string department, string sha256, CancellationToken cancellationToken) =>
        _db.Connection.QueryFirstOrDefaultAsync<BatchRecord>(new CommandDefinition(
            $"""
            {BatchColumns} FROM import_batch WHERE kind = @kind AND department = @department AND sha256 = @sha256 AND status <> @withdrawn
            ORDER BY batch_id DESC {_dialect.FirstRows("1")}
            """,
            new { kind = DepartmentBatchKind, department, sha256, withdrawn = BatchStatus.Withdrawn.Text() }, cancellationToken: cancellationToken));
}
