using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Matching.Core.Population;
using Matching.Storage.Dialects;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>Households of a snapshot: a household already stored is refreshed, keeping the batch that first listed it.</summary>
    private static readonly BulkTarget HouseholdTarget = new("household",
    [
        new("household_id", BulkColumnType.Text), new("subdistrict", BulkColumnType.Text), new("village", BulkColumnType.Text),
        new("annual_income", BulkColumnType.Amount), new("housing_difficulty", BulkColumnType.Whole), new("aid", BulkColumnType.Text),
        new("active", BulkColumnType.Whole), new("first_batch_id", BulkColumnType.Whole), new("last_batch_id", BulkColumnType.Whole),
    ], Key: ["household_id"], Keep: ["first_batch_id"]);

    /// <summary>Members of a snapshot, keyed by household and ID: a member already stored is refreshed.</summary>
    private static readonly BulkTarget MemberTarget = new("member",
    [
        new("household_id", BulkColumnType.Text), new("id_key", BulkColumnType.Whole), new("id_number", BulkColumnType.Text),
        new("name", BulkColumnType.Text), new("relation", BulkColumnType.Text), new("categories", BulkColumnType.Text),
        new("serious_illness", BulkColumnType.Whole), new("severe_disability", BulkColumnType.Whole), new("tekun_support", BulkColumnType.Text),
        new("active", BulkColumnType.Whole), new("first_batch_id", BulkColumnType.Whole), new("last_batch_id", BulkColumnType.Whole),
    ], Key: ["household_id", "id_key"], Keep: ["first_batch_id"]);

    /// <summary>
    /// Loads a full low-income snapshot in one transaction: everyone in it is active afterwards, everyone else
    /// inactive (their rows and history stay). Returns the new batch id. A transient fault starts the transaction over.
    /// </summary>
    public async Task<long> ImportLowIncomeAsync(
        LowIncomeSnapshot snapshot, BatchInfo batch, long rowsRead, long rowsRejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(batch);
        return await CommitAsync("low-income import", $"the low-income import of {batch.FileName} was rolled back", requireSchema: true,
            (transaction, token) => WriteSnapshotAsync(snapshot, batch, rowsRead, rowsRejected, transaction, token), cancellationToken);
    }

    private async Task<long> WriteSnapshotAsync(
        LowIncomeSnapshot snapshot, BatchInfo batch, long rowsRead, long rowsRejected, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var batchId = await InsertBatchAsync(batch, transaction, cancellationToken);

        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE member SET active = 0 WHERE active = 1; UPDATE household SET active = 0 WHERE active = 1;",
            transaction: transaction, cancellationToken: cancellationToken));

        await WriteHouseholdsAsync(snapshot.Households, batchId, transaction, cancellationToken);
        await WriteMembersAsync(snapshot.Members, batchId, transaction, cancellationToken);

        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE import_batch SET rows_read = @rowsRead, rows_accepted = @accepted, rows_rejected = @rowsRejected WHERE batch_id = @batchId",
            new { rowsRead, accepted = snapshot.Members.Count, rowsRejected, batchId }, transaction, cancellationToken: cancellationToken));
        return batchId;
    }

    /// <summary>How many active households and members the database holds.</summary>
    public async Task<(long Households, long Members)> CountActiveAsync(CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var households = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM household WHERE active = 1", cancellationToken: cancellationToken));
        var members = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM member WHERE active = 1", cancellationToken: cancellationToken));
        return (households, members);
    }

    private async Task<long> InsertBatchAsync(BatchInfo batch, DbTransaction transaction, CancellationToken cancellationToken) =>
        await _connection.ExecuteScalarAsync<long>(new CommandDefinition(_dialect.InsertReturning("import_batch",
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

    private async Task WriteHouseholdsAsync(
        IReadOnlyList<Household> households, long batchId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var upsert = _dialect.CreateBulkLoader(_connection, transaction, HouseholdTarget);
        foreach (var h in households)
        {
            await upsert.AddAsync(cancellationToken, h.HouseholdId, h.Subdistrict, h.Village, h.AnnualIncome, h.HousingDifficulty ? 1 : 0,
                Codes.AidText(h.Aid), 1, batchId, batchId);
        }

        await upsert.CompleteAsync(cancellationToken);
    }

    private async Task WriteMembersAsync(
        IReadOnlyList<Member> members, long batchId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var upsert = _dialect.CreateBulkLoader(_connection, transaction, MemberTarget);
        foreach (var m in members)
        {
            await upsert.AddAsync(cancellationToken, m.HouseholdId, m.Id.Key, m.Id.Value, m.Name, m.Relation, Codes.CategoryText(m.Categories),
                m.SeriousIllness ? 1 : 0, m.SevereDisability ? 1 : 0, m.TekunSupport, 1, batchId, batchId);
        }

        await upsert.CompleteAsync(cancellationToken);
    }
}
