using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Matching.Core.Population;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
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
        var households = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM household WHERE active = 1", cancellationToken: cancellationToken));
        var members = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM member WHERE active = 1", cancellationToken: cancellationToken));
        return (households, members);
    }

    private async Task<long> InsertBatchAsync(BatchInfo batch, DbTransaction transaction, CancellationToken cancellationToken) =>
        await _connection.ExecuteScalarAsync<long>(new CommandDefinition(_dialect.InsertBatch, new
        {
            batch.Kind,
            batch.Department,
            batch.FileName,
            batch.Sha256,
            batch.SizeBytes,
            batch.Operator,
            ImportedAt = batch.ImportedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            batch.RejectReport,
        }, transaction, cancellationToken: cancellationToken));

    private async Task WriteHouseholdsAsync(
        IReadOnlyList<Household> households, long batchId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var upsert = new BulkInsert(_connection, transaction, "household",
            ["household_id", "subdistrict", "village", "annual_income", "housing_difficulty", "aid", "active", "first_batch_id", "last_batch_id"],
            _dialect.UpsertHouseholdTail);
        foreach (var h in households)
        {
            await upsert.AddAsync(cancellationToken, h.HouseholdId, h.Subdistrict, h.Village, h.AnnualIncome, h.HousingDifficulty ? 1 : 0,
                Codes.AidText(h.Aid), 1, batchId, batchId);
        }

        await upsert.FlushAsync(cancellationToken);
    }

    private async Task WriteMembersAsync(
        IReadOnlyList<Member> members, long batchId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var upsert = new BulkInsert(_connection, transaction, "member",
            ["household_id", "id_key", "id_number", "name", "relation", "categories", "serious_illness", "severe_disability", "tekun_support", "active", "first_batch_id", "last_batch_id"],
            _dialect.UpsertMemberTail);
        foreach (var m in members)
        {
            await upsert.AddAsync(cancellationToken, m.HouseholdId, m.Id.Key, m.Id.Value, m.Name, m.Relation, Codes.CategoryText(m.Categories),
                m.SeriousIllness ? 1 : 0, m.SevereDisability ? 1 : 0, m.TekunSupport, 1, batchId, batchId);
        }

        await upsert.FlushAsync(cancellationToken);
    }
}
