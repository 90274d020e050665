using System.Data.Common;
using Dapper;
using Matching.Core.Departments;
using Matching.Core.Population;
using Matching.Storage.Dialects;
using Microsoft.Data.Sqlite;

namespace Matching.Storage;

public sealed partial class PopulationStore
{
    /// <summary>
    /// Reads every active member into an in-memory index for one matching run: keys and names in arrays sized
    /// from a count first (no growing and copying), household ids only when asked for.
    /// </summary>
    public async Task<PopulationIndex> LoadIndexAsync(CancellationToken cancellationToken, bool withHouseholds = false)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        await using var transaction = await _db.BeginReadAsync(cancellationToken);
        return await ReadPopulationAsync(transaction, withHouseholds, cancellationToken);
    }

    /// <summary>
    /// The whole active population (without household ids) and the stamp of the snapshot it is, read under one
    /// snapshot of the data: an import committing meanwhile changes neither. The stamp is null before any low-income import.
    /// </summary>
    public async Task<(PopulationIndex Index, PopulationStamp? Stamp)> LoadStampedIndexAsync(CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        await using var transaction = await _db.BeginReadAsync(cancellationToken);
        var stamp = await ReadStampAsync(_db.Connection, transaction, cancellationToken);
        return (await ReadPopulationAsync(transaction, withHouseholds: false, cancellationToken), stamp);
    }

    /// <summary>The stamp of the active population now (null before any low-income import): two small indexed reads.</summary>
    public async Task<PopulationStamp?> StampAsync(CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        return await ReadStampAsync(_db.Connection, transaction: null, cancellationToken);
    }

    private async Task<PopulationStamp?> ReadStampAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction: transaction, cancellationToken: cancellationToken));
        var batch = await connection.QueryFirstOrDefaultAsync<BatchRecord>(new CommandDefinition(
            $"{BatchStore.BatchColumns} FROM import_batch WHERE kind = @kind ORDER BY batch_id DESC {_dialect.FirstRows("1")}",
            new { kind = SourceCodes.LowIncome }, transaction, cancellationToken: cancellationToken));
        return batch is null ? null : new PopulationStamp(batch.BatchId, batch.Sha256, batch.ImportedAt, version);
    }

    private async Task<PopulationIndex> ReadPopulationAsync(DbTransaction transaction, bool withHouseholds, CancellationToken cancellationToken)
    {
        var count = await _db.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM member WHERE active = 1", transaction: transaction, cancellationToken: cancellationToken));
        var keys = HugePages.NewArray<long>(count);
        var names = new PackedNames.Builder(count);
        var households = withHouseholds ? new string[count] : null;
        // In listing order, as the set-based subset reads them: a person in two households answers by the same entry.
        var sql = withHouseholds
            ? $"SELECT id_key, name, household_id FROM member WHERE active = 1 ORDER BY {_dialect.MemberOrder}"
            : $"SELECT id_key, name FROM member WHERE active = 1 ORDER BY {_dialect.MemberOrder}";
        var i = 0;
        if (_db.Connection is SqliteConnection sqlite)
        {
            // Through SQLite's C API, each name decoded into one buffer and packed from there: no string per member
            // (what `lowincome import` reads back to write the index file, and `match` when that file is missing).
            using var rows = new SqliteRawReader(sqlite, sql);
            using var held = rows.HoldConnection();
            var buffer = new char[256];
            while (i < count && rows.Read())
            {
                keys[i] = rows.GetInt64(0);
                names.Add(rows.GetChars(1, buffer));

                if (households is not null)
                {
                    households[i] = rows.GetString(2);
                }

                if ((++i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            return new PopulationIndex(keys, names.Build(), households);
        }

        await using var command = _db.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (i < count && await reader.ReadAsync(cancellationToken))
        {
            keys[i] = reader.GetInt64(0);
            names.Add(reader.GetString(1));
            if (households is not null)
            {
                households[i] = reader.GetString(2);
            }

            i++;
        }

        return new PopulationIndex(keys, names.Build(), households);
    }
}
