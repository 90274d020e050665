using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Matching.Core.Population;
using Matching.Storage.Dialects;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>
/// The low-income population (<c>household</c>, <c>member</c>): its snapshot imports, counts, household entries, and the
/// forms a match or run loads it in (an index, a subset, the rules' columns).
/// </summary>
public sealed partial class PopulationStore
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

    private readonly StoreContext _db;
    private readonly ISqlDialect _dialect;
    private readonly BatchStore _batches;

    internal PopulationStore(StoreContext db, BatchStore batches)
    {
        _db = db;
        _dialect = db.Dialect;
        _batches = batches;
    }

    /// <summary>
    /// Loads a full low-income snapshot in one transaction: everyone in it is active afterwards, everyone else
    /// inactive (their rows and history stay). Returns the new batch id. A transient fault starts the transaction over.
    /// </summary>
    /// <param name="snapshot">The households and members, all of them.</param>
    /// <param name="batch">The batch to record (its file, hash, operator, time).</param>
    /// <param name="rowsRead">Rows the file held.</param>
    /// <param name="rowsRejected">Rows refused (in the reject report).</param>
    /// <param name="cancellationToken">Cancels the import; nothing is stored.</param>
    /// <param name="stored">
    /// Called as the rows go to the database with how many so far, households then members (every 4,096 rows, and
    /// once with all of them, <c>Households.Count + Members.Count</c>, when every row is handed to the loader: on a server database the merge from the staging tables and the commit are left); from the start
    /// again if the transaction starts over.
    /// </param>
    public async Task<long> ImportAsync(
        LowIncomeSnapshot snapshot, BatchInfo batch, long rowsRead, long rowsRejected, CancellationToken cancellationToken, Action<long>? stored = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(batch);
        return await _db.CommitAsync("low-income import", Text.Format("FailedLowIncome", batch.FileName), requireSchema: true,
            (transaction, token) => WriteSnapshotAsync(snapshot, batch, rowsRead, rowsRejected, stored ?? (_ => { }), transaction, token), cancellationToken);
    }

    private async Task<long> WriteSnapshotAsync(LowIncomeSnapshot snapshot, BatchInfo batch, long rowsRead, long rowsRejected, Action<long> stored,
        DbTransaction transaction, CancellationToken cancellationToken)
    {
        var batchId = await _batches.InsertAsync(batch, transaction, cancellationToken);

        await _db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE member SET active = 0 WHERE active = 1; UPDATE household SET active = 0 WHERE active = 1;",
            transaction: transaction, cancellationToken: cancellationToken));

        // A first load (no household or member stored yet) inserts the rows plainly: there is nothing to merge with.
        // Into SQLite, the members' ID index is built once after them, sorted and bottom-up, rather than grown by a
        // million inserts in random key order (1M members: 4.6 -> 3.4 s with the index build). Into PostgreSQL, the
        // tables' foreign keys and secondary indexes are set aside and the rows copied straight in, no staging table
        // and no merge (PostgresFirstLoad; 1M persons: 40 -> 12 s for the whole import). All in the import's
        // transaction: an import that fails rolls the indexes and keys back with the rest. SQL Server keeps its path.
        var firstLoad = _db.Connection is SqliteConnection or NpgsqlConnection && !await _db.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM member) OR EXISTS (SELECT 1 FROM household)", transaction: transaction, cancellationToken: cancellationToken));
        var indexAfter = firstLoad && _db.Connection is SqliteConnection;
        if (indexAfter)
        {
            await _db.Connection.ExecuteAsync(new CommandDefinition("DROP INDEX IF EXISTS ix_member_id_key", transaction: transaction, cancellationToken: cancellationToken));
        }

        var setAside = firstLoad && _db.Connection is NpgsqlConnection postgres
            ? await PostgresFirstLoad.SetAsideAsync(postgres, transaction, cancellationToken)
            : null;
        var (households, members) = !firstLoad
            ? (HouseholdTarget, MemberTarget)
            : (HouseholdTarget with { Key = [], Keep = [] }, MemberTarget with { Key = [], Keep = [] });
        await WriteHouseholdsAsync(snapshot.Households, households, batchId, stored, transaction, cancellationToken);
        await WriteMembersAsync(snapshot.Members, members, batchId, n => stored(snapshot.Households.Count + n), transaction, cancellationToken);
        if (indexAfter)
        {
            // As Sql/sqlite/001_initial.sql declares it.
            await _db.Connection.ExecuteAsync(new CommandDefinition(
                "CREATE INDEX IF NOT EXISTS ix_member_id_key ON member (id_key)", transaction: transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        }

        if (setAside is not null)
        {
            await setAside.RestoreAsync((NpgsqlConnection)_db.Connection, transaction, cancellationToken);
        }

        await _db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE import_batch SET rows_read = @rowsRead, rows_accepted = @accepted, rows_rejected = @rowsRejected WHERE batch_id = @batchId",
            new { rowsRead, accepted = snapshot.Members.Count, rowsRejected, batchId }, transaction, cancellationToken: cancellationToken));
        return batchId;
    }

    /// <summary>How many active households and members the database holds.</summary>
    public async Task<(long Households, long Members)> CountActiveAsync(CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var households = await _db.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM household WHERE active = 1", cancellationToken: cancellationToken));
        var members = await _db.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM member WHERE active = 1", cancellationToken: cancellationToken));
        return (households, members);
    }

    /// <summary>Every household entry of the person with ID key <paramref name="idKey"/>, active or not, and of their household members.</summary>
    public async Task<IReadOnlyList<PersonEntry>> HouseholdEntriesAsync(long idKey, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var rows = await _db.Connection.QueryAsync<(string HouseholdId, string IdText, string Name, string Relation, string Categories, long Ill, long Disabled,
            long Active, string Subdistrict, string Village, double? Income, long Housing, string Aid, long HouseholdActive)>(new CommandDefinition(
            $"""
            SELECT m.household_id, m.id_number, m.name, m.relation, m.categories, m.serious_illness, m.severe_disability, m.active,
                   h.subdistrict, h.village, h.annual_income, h.housing_difficulty, h.aid, h.active
            FROM member m JOIN household h ON h.household_id = m.household_id
            WHERE m.household_id IN (SELECT household_id FROM member WHERE id_key = @idKey)
            ORDER BY m.household_id, m.{_dialect.MemberOrder}
            """, new { idKey }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new PersonEntry(r.HouseholdId, r.IdText, r.Name, r.Relation, r.Categories, r.Ill != 0, r.Disabled != 0, r.Active != 0,
            r.Subdistrict, r.Village, r.Income is { } i ? Math.Round((decimal)i, 2) : null, r.Housing != 0, r.Aid, r.HouseholdActive != 0))];
    }

    private async Task WriteHouseholdsAsync(
        IReadOnlyList<Household> households, BulkTarget target, long batchId, Action<long> stored, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var upsert = _dialect.CreateBulkLoader(_db.Connection, transaction, target);
        var n = 0;
        foreach (var h in households)
        {
            await upsert.AddAsync(cancellationToken, h.HouseholdId, h.Subdistrict, h.Village, h.AnnualIncome, h.HousingDifficulty ? 1 : 0,
                Codes.AidText(h.Aid), 1, batchId, batchId);
            if ((++n & 0xFFF) == 0)
            {
                stored(n);
            }
        }

        // Before the loader completes: on a server database that is the merge from the staging table, which the
        // caller shows as time spent, not as rows.
        stored(n);
        await upsert.CompleteAsync(cancellationToken);
    }

    private async Task WriteMembersAsync(
        IReadOnlyList<Member> members, BulkTarget target, long batchId, Action<long> stored, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var upsert = _dialect.CreateBulkLoader(_db.Connection, transaction, target);
        var n = 0;
        foreach (var m in members)
        {
            await upsert.AddAsync(cancellationToken, m.HouseholdId, m.Id.Key, m.Id.Value, m.Name, m.Relation, Codes.CategoryText(m.Categories),
                m.SeriousIllness ? 1 : 0, m.SevereDisability ? 1 : 0, m.TekunSupport, 1, batchId, batchId);
            if ((++n & 0xFFF) == 0)
            {
                stored(n);
            }
        }

        // Before the loader completes: on a server database that is the merge from the staging table, which the
        // caller shows as time spent, not as rows.
        stored(n);
        await upsert.CompleteAsync(cancellationToken);
    }
}
