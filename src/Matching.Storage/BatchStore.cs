using System.Data.Common;
using Dapper;
using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Storage.Dialects;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>
/// The import batches (<c>import_batch</c>) and the department records they hold (<c>source_record</c>): department
/// imports, listing, withdrawal, refused attempts, the records a run reads, and the upgrade of batches stored before
/// schema v5.
/// </summary>
public sealed partial class BatchStore
{
    /// <summary>The SELECT list of a <see cref="BatchRecord"/> from <c>import_batch</c> (the caller adds FROM and the rest).</summary>
    internal const string BatchColumns = """
        SELECT batch_id AS BatchId, kind AS Kind, department AS Department, file_name AS FileName, sha256 AS Sha256,
               rows_read AS RowsRead, rows_accepted AS RowsAccepted, rows_rejected AS RowsRejected, rows_usable AS RowsUsable,
               new_events AS NewEvents, known_events AS KnownEvents, status AS Status, operator AS Operator, imported_at AS ImportedAt,
               layout AS Layout, reject_report AS RejectReport, withdrawn_at AS WithdrawnAt, withdrawn_by AS WithdrawnBy,
               withdraw_reason AS WithdrawReason, rule_gaps AS RuleGaps, purged_at AS PurgedAt
        """;

    private readonly StoreContext _db;
    private readonly ISqlDialect _dialect;
    private readonly AccessStore _access;

    internal BatchStore(StoreContext db, AccessStore access)
    {
        _db = db;
        _dialect = db.Dialect;
        _access = access;
    }

    /// <summary>
    /// Every batch (of one department, or all of them and the population's), oldest first, each with its
    /// <see cref="BatchRecord.State"/>: a ledger department's batches count; of a snapshot department's (and of the
    /// population's), the newest not withdrawn that accepted rows is current, the others are superseded.
    /// </summary>
    /// <param name="department">A department code, or null for every batch.</param>
    /// <param name="ledgers">The departments whose header map declares them ledgers.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<BatchRecord>> ListAsync(string? department, IReadOnlySet<string> ledgers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        await _db.RequireSchemaAsync(cancellationToken);
        var rows = (await _db.Connection.QueryAsync<BatchRecord>(new CommandDefinition(
            $"{BatchColumns} FROM import_batch WHERE (@department IS NULL OR department = @department) ORDER BY batch_id",
            new { department }, cancellationToken: cancellationToken))).ToList();
        return WithStates(rows, ledgers);
    }

    /// <summary>Gives each batch its state; every batch of a snapshot department must be among <paramref name="rows"/>.</summary>
    private static List<BatchRecord> WithStates(List<BatchRecord> rows, IReadOnlySet<string> ledgers)
    {
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var b in rows)
        {
            if (b.Status != BatchStatus.Withdrawn && (b.IsLowIncome || b.RowsAccepted > 0))
            {
                current[b.IsLowIncome ? SourceCodes.LowIncome : b.Department ?? string.Empty] = b.BatchId;
            }
        }

        return [.. rows.Select(b => b with
        {
            State = b.Status == BatchStatus.Withdrawn ? BatchState.Withdrawn
                : !b.IsLowIncome && ledgers.Contains(b.Department ?? string.Empty) ? BatchState.Counting
                : current.TryGetValue(b.IsLowIncome ? SourceCodes.LowIncome : b.Department ?? string.Empty, out var id) && id == b.BatchId ? BatchState.Current
                : BatchState.Superseded,
        })];
    }

    /// <summary>
    /// Takes a department batch back, in one transaction: it stops counting (a snapshot's previous batch becomes
    /// current again; a ledger's events it alone had stop counting, while an event it shared with another batch
    /// goes on counting by that batch's row). Nothing is deleted: who, when and why are recorded. The next run
    /// resolves the warnings only it raised. Returns the batch as it now stands. Without an access record: a test hook
    /// (<c>matching batch withdraw</c> records its access by the overload below).
    /// </summary>
    /// <exception cref="MatchingException">No such batch, already withdrawn, or a low-income snapshot.</exception>
    internal Task<BatchRecord> WithdrawAsync(long batchId, string reason, string operatorName, IReadOnlySet<string> ledgers, CancellationToken cancellationToken) =>
        WithdrawAsync(batchId, reason, operatorName, ledgers, access: null, cancellationToken);

    /// <summary>As above, and <paramref name="access"/> recorded in the access audit inside the withdrawal's own transaction.</summary>
    public async Task<BatchRecord> WithdrawAsync(
        long batchId, string reason, string operatorName, IReadOnlySet<string> ledgers, AccessRecord? access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        await _db.RequireSchemaAsync(cancellationToken);
        var batch = await _db.Connection.QueryFirstOrDefaultAsync<BatchRecord>(new CommandDefinition(
            $"{BatchColumns} FROM import_batch WHERE batch_id = @batchId", new { batchId }, cancellationToken: cancellationToken))
            ?? throw new MatchingException(Text.Format("NoSuchBatch", batchId));
        if (batch.IsLowIncome)
        {
            throw new MatchingException(
                Text.Format("LowIncomeNotWithdrawn", batchId, batch.FileName));
        }

        if (batch.Status == BatchStatus.Withdrawn)
        {
            throw new MatchingException(Text.Format("AlreadyWithdrawn", batchId, batch.FileName, batch.WithdrawnAt, batch.WithdrawnBy, batch.WithdrawReason));
        }

        var ledger = ledgers.Contains(batch.Department ?? string.Empty);
        await _db.CommitAsync("batch withdrawal", Text.Format("FailedWithdrawal", batchId), requireSchema: false, async (transaction, token) =>
        {
            await _db.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE import_batch SET status = @withdrawn, withdrawn_at = @now, withdrawn_by = @operatorName, withdraw_reason = @reason
                WHERE batch_id = @batchId
                """, new { withdrawn = BatchStatus.Withdrawn.Text(), now = _db.Now(), operatorName, reason, batchId }, transaction, cancellationToken: token));
            if (ledger)
            {
                await HandOverEventsAsync(batch.Department!, batchId, transaction, token);
            }

            if (access is not null)
            {
                await _access.InsertAsync(access, transaction, token);
            }

            return 0;
        }, cancellationToken);
        var all = await ListAsync(batch.Department, ledgers, cancellationToken);
        return all.Single(b => b.BatchId == batchId);
    }

    /// <summary>
    /// The events withdrawn ledger batch <paramref name="batchId"/> counted go on counting where another batch of the
    /// department (not withdrawn) sent them too: by that batch's first row of each.
    /// </summary>
    private async Task HandOverEventsAsync(string department, long batchId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var others = await _db.Connection.QueryAsync<(long BatchId, long SourceRow, long Day, long High, long Low)>(new CommandDefinition(
            $"""
            SELECT o.batch_id, o.source_row, o.event_day, o.event_hi, o.event_lo
            FROM source_record x JOIN source_record o
              ON o.event_day = x.event_day AND o.event_hi = x.event_hi AND o.event_lo = x.event_lo
            WHERE x.batch_id = @batchId AND x.counted = 1 AND o.batch_id <> @batchId AND o.batch_id IN ({CountingBatchesOf})
            ORDER BY o.batch_id, o.source_row
            """, new { batchId, department, kind = DepartmentBatchKind, withdrawn = BatchStatus.Withdrawn.Text() }, transaction, cancellationToken: cancellationToken,
            commandTimeout: 0));
        var seen = new HashSet<(long, long, long)>();
        var heirs = others.Where(o => seen.Add((o.Day, o.High, o.Low))).ToList();
        if (heirs.Count == 0)
        {
            return;
        }

        var heir = _dialect.TempTable("heir");
        await _db.Connection.ExecuteAsync(new CommandDefinition(
            _dialect.CreateTempTable("heir", "batch_id BIGINT NOT NULL, source_row BIGINT NOT NULL"), transaction: transaction, cancellationToken: cancellationToken));
        await using (var load = _dialect.CreateBulkLoader(_db.Connection, transaction,
            new BulkTarget(heir, [new("batch_id", BulkColumnType.Whole), new("source_row", BulkColumnType.Whole)], Key: [], Keep: [])))
        {
            foreach (var h in heirs)
            {
                await load.AddAsync(cancellationToken, h.BatchId, h.SourceRow);
            }

            await load.CompleteAsync(cancellationToken);
        }

        await _db.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            {_dialect.ManyRows("UPDATE")} source_record SET counted = 1
            WHERE batch_id IN (SELECT DISTINCT batch_id FROM {heir})
              AND EXISTS (SELECT 1 FROM {heir} h WHERE h.batch_id = source_record.batch_id AND h.source_row = source_record.source_row)
            """, transaction: transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        await _db.Connection.ExecuteAsync(new CommandDefinition($"DROP TABLE {heir}", transaction: transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The most recent batch of a kind whose file had these bytes, if any.</summary>
    internal Task<BatchRecord?> FindByHashAsync(string kind, string sha256, CancellationToken cancellationToken) =>
        _db.Connection.QueryFirstOrDefaultAsync<BatchRecord>(new CommandDefinition(
            $"{BatchColumns} FROM import_batch WHERE kind = @kind AND sha256 = @sha256 ORDER BY batch_id DESC {_dialect.FirstRows("1")}",
            new { kind, sha256 }, cancellationToken: cancellationToken));

    /// <summary>The latest low-income batch, if any.</summary>
    public Task<BatchRecord?> LastLowIncomeAsync(CancellationToken cancellationToken) =>
        _db.Connection.QueryFirstOrDefaultAsync<BatchRecord>(new CommandDefinition(
            $"{BatchColumns} FROM import_batch WHERE kind = @kind ORDER BY batch_id DESC {_dialect.FirstRows("1")}",
            new { kind = SourceCodes.LowIncome }, cancellationToken: cancellationToken));

    /// <summary>Adds the row of a batch being imported, inside the import's <paramref name="transaction"/>; returns its id.</summary>
    internal async Task<long> InsertAsync(BatchInfo batch, DbTransaction transaction, CancellationToken cancellationToken) =>
        await _db.Connection.ExecuteScalarAsync<long>(new CommandDefinition(_dialect.InsertReturning("import_batch",
            "kind, department, file_name, sha256, size_bytes, operator, imported_at, reject_report, layout, rule_gaps",
            "@Kind, @Department, @FileName, @Sha256, @SizeBytes, @Operator, @ImportedAt, @RejectReport, @Layout, @RuleGaps", "batch_id"), new
        {
            batch.Kind,
            batch.Department,
            batch.FileName,
            batch.Sha256,
            batch.SizeBytes,
            batch.Operator,
            ImportedAt = StoredTime.Format(batch.ImportedAt),
            batch.RejectReport,
            batch.Layout,
            batch.RuleGaps,
        }, transaction, cancellationToken: cancellationToken));
}
