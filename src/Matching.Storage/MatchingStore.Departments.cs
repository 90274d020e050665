using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Dapper;
using Matching.Core.Departments;
using Matching.Storage.Dialects;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    public const string DepartmentKind = "department";

    /// <summary>A batch's source records: plain inserts.</summary>
    private static readonly BulkTarget SourceRecordTarget = new("source_record",
    [
        new("batch_id", BulkColumnType.Whole), new("source_row", BulkColumnType.Whole), new("id_kind", BulkColumnType.Text),
        new("id_key", BulkColumnType.Whole), new("raw_id", BulkColumnType.Text), new("name", BulkColumnType.Text), new("fields", BulkColumnType.Text),
    ], Key: [], Keep: []);

    private static readonly JsonSerializerOptions FieldsJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>
    /// Stores a department extract as one batch in one transaction: the batch record, every source record, and the
    /// older batches of the same department marked superseded. Returns the new batch id and the ids it superseded.
    /// A transient fault starts the transaction over.
    /// </summary>
    public async Task<(long BatchId, IReadOnlyList<long> Superseded)> ImportDepartmentAsync(
        BatchInfo batch, IReadOnlyList<SourceRecord> records, long rowsRead, long rowsRejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(records);
        return await CommitAsync("department import", $"the import of {batch.FileName} was rolled back", requireSchema: true,
            (transaction, token) => WriteDepartmentBatchAsync(batch, records, rowsRead, rowsRejected, transaction, token), cancellationToken);
    }

    private async Task<(long BatchId, IReadOnlyList<long> Superseded)> WriteDepartmentBatchAsync(
        BatchInfo batch, IReadOnlyList<SourceRecord> records, long rowsRead, long rowsRejected, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var batchId = await InsertBatchAsync(batch, transaction, cancellationToken);
        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE import_batch SET status = 'pending', rows_read = @rowsRead, rows_accepted = @accepted, rows_rejected = @rowsRejected WHERE batch_id = @batchId",
            new { rowsRead, accepted = records.Count, rowsRejected, batchId }, transaction, cancellationToken: cancellationToken));
        await WriteRecordsAsync(records, batchId, transaction, cancellationToken);
        if (records.Count == 0)
        {
            // A file whose every row was refused replaces nothing: the department's current data stays current.
            return (batchId, []);
        }

        var superseded = (await _connection.QueryAsync<long>(new CommandDefinition(
            "SELECT batch_id FROM import_batch WHERE kind = @kind AND department = @department AND batch_id <> @batchId AND status <> 'superseded'",
            new { kind = DepartmentKind, department = batch.Department, batchId }, transaction, cancellationToken: cancellationToken))).ToList();
        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE import_batch SET status = 'superseded', superseded_by = @batchId WHERE kind = @kind AND department = @department AND batch_id <> @batchId AND status <> 'superseded'",
            new { kind = DepartmentKind, department = batch.Department, batchId }, transaction, cancellationToken: cancellationToken));
        return (batchId, superseded);
    }

    /// <summary>Audits an import that was refused (bad file, limits): what, who, when, and the message shown.</summary>
    public Task RecordRefusedAttemptAsync(
        BatchInfo attempt, string error, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync(new CommandDefinition(
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
                AttemptedAt = attempt.ImportedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                error,
            },
            cancellationToken: cancellationToken));

    /// <summary>The most recent department batch with these bytes, if any.</summary>
    public Task<BatchRecord?> FindDepartmentBatchAsync(string department, string sha256, CancellationToken cancellationToken) =>
        _connection.QueryFirstOrDefaultAsync<BatchRecord>(new CommandDefinition(
            $"{BatchColumns} FROM import_batch WHERE kind = 'department' AND department = @department AND sha256 = @sha256 ORDER BY batch_id DESC {_dialect.FirstRows("1")}",
            new { department, sha256 }, cancellationToken: cancellationToken));

    /// <summary>The status of a batch: pending, superseded, loaded.</summary>
    public Task<string?> BatchStatusAsync(long batchId, CancellationToken cancellationToken) =>
        _connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM import_batch WHERE batch_id = @batchId", new { batchId }, cancellationToken: cancellationToken));

    /// <summary>The source records of a batch, in row order.</summary>
    public async Task<IReadOnlyList<StoredSourceRecord>> SourceRecordsAsync(long batchId, CancellationToken cancellationToken)
    {
        var rows = await _connection.QueryAsync<(long SourceRow, string IdKind, long? IdKey, string? RawId, string Name, string Fields)>(
            new CommandDefinition(
                "SELECT source_row, id_kind, id_key, raw_id, name, fields FROM source_record WHERE batch_id = @batchId ORDER BY source_row",
                new { batchId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new StoredSourceRecord(r.SourceRow, r.IdKind, r.IdKey, r.RawId, r.Name,
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.Fields, FieldsJson) ?? []))];
    }

    private async Task WriteRecordsAsync(IReadOnlyList<SourceRecord> records, long batchId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = _dialect.CreateBulkLoader(_connection, transaction, SourceRecordTarget);
        foreach (var r in records)
        {
            await insert.AddAsync(cancellationToken, batchId, r.SourceRow, r.Parsed.Kind.ToString(), r.Parsed.IsValid ? r.Parsed.Id.Key : null,
                r.Parsed.IsExact ? null : r.RawId, r.Name, JsonSerializer.Serialize(r.Fields, FieldsJson));
        }

        await insert.CompleteAsync(cancellationToken);
    }
}
