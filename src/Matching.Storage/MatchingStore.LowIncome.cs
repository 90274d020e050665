using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Matching.Core.Errors;
using Matching.Core.Population;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>
    /// Loads a full low-income snapshot in one transaction: everyone in it is active afterwards, everyone else
    /// inactive (their rows and history stay). Returns the new batch id.
    /// </summary>
    public async Task<long> ImportLowIncomeAsync(
        LowIncomeSnapshot snapshot, BatchInfo batch, long rowsRead, long rowsRejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(batch);
        await RequireSchemaAsync(cancellationToken);
        try
        {
            return await WriteSnapshotAsync(snapshot, batch, rowsRead, rowsRejected, cancellationToken);
        }
        catch (DbException ex)
        {
            throw new MatchingException($"database: the low-income import of {batch.FileName} was rolled back ({ex.Message})", ex);
        }
    }

    private async Task<long> WriteSnapshotAsync(
        LowIncomeSnapshot snapshot, BatchInfo batch, long rowsRead, long rowsRejected, CancellationToken cancellationToken)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        var batchId = await InsertBatchAsync(batch, transaction, cancellationToken);

        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE member SET active = 0 WHERE active = 1; UPDATE household SET active = 0 WHERE active = 1;",
            transaction: transaction, cancellationToken: cancellationToken));

        await WriteHouseholdsAsync(snapshot.Households, batchId, transaction, cancellationToken);
        await WriteMembersAsync(snapshot.Members, batchId, transaction, cancellationToken);

        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE import_batch SET rows_read = @rowsRead, rows_accepted = @accepted, rows_rejected = @rowsRejected WHERE batch_id = @batchId",
            new { rowsRead, accepted = snapshot.Members.Count, rowsRejected, batchId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
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
        }, transaction, cancellationToken: cancellationToken));

    private async Task WriteHouseholdsAsync(
        IReadOnlyList<Household> households, long batchId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var upsert = Prepare(_dialect.UpsertHousehold, transaction,
            "household_id", "subdistrict", "village", "annual_income", "housing_difficulty", "batch_id");
        await using var clearAid = Prepare("DELETE FROM household_aid WHERE household_id = @household_id", transaction, "household_id");
        await using var addAid = Prepare("INSERT INTO household_aid (household_id, aid) VALUES (@household_id, @aid)", transaction, "household_id", "aid");
        foreach (var h in households)
        {
            Set(upsert, h.HouseholdId, h.Subdistrict, h.Village, h.AnnualIncome, h.HousingDifficulty ? 1 : 0, batchId);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            Set(clearAid, h.HouseholdId);
            await clearAid.ExecuteNonQueryAsync(cancellationToken);
            foreach (var (aid, code) in Codes.Aid)
            {
                if ((h.Aid & aid) != 0)
                {
                    Set(addAid, h.HouseholdId, code);
                    await addAid.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }
    }

    private async Task WriteMembersAsync(
        IReadOnlyList<Member> members, long batchId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var upsert = Prepare(_dialect.UpsertMember, transaction,
            "household_id", "id_key", "id_number", "name", "relation", "serious_illness", "severe_disability", "tekun_support", "batch_id");
        await using var clear = Prepare("DELETE FROM member_category WHERE household_id = @household_id AND id_key = @id_key", transaction, "household_id", "id_key");
        await using var add = Prepare("INSERT INTO member_category (household_id, id_key, category) VALUES (@household_id, @id_key, @category)",
            transaction, "household_id", "id_key", "category");
        foreach (var m in members)
        {
            Set(upsert, m.HouseholdId, m.Id.Key, m.Id.Value, m.Name, m.Relation, m.SeriousIllness ? 1 : 0, m.SevereDisability ? 1 : 0, m.TekunSupport, batchId);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            Set(clear, m.HouseholdId, m.Id.Key);
            await clear.ExecuteNonQueryAsync(cancellationToken);
            foreach (var (category, code) in Codes.Categories)
            {
                if ((m.Categories & category) != 0)
                {
                    Set(add, m.HouseholdId, m.Id.Key, code);
                    await add.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }
    }

    /// <summary>A command prepared once and executed per row with new parameter values: no SQL parsed per row.</summary>
    private DbCommand Prepare(string sql, DbTransaction transaction, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var name in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            command.Parameters.Add(p);
        }

        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
