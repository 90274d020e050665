using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
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
    /// <param name="batch">The batch to record (its file, hash, operator, time, reject report and rule gaps).</param>
    /// <param name="rowsRead">Rows the file held.</param>
    /// <param name="rowsRejected">Rows refused (in the reject report).</param>
    /// <param name="cancellationToken">Cancels the import; nothing is stored.</param>
    /// <param name="stored">As <see cref="ImportAsync(LowIncomeFeed, BatchInfo, CancellationToken, Action{long}?)"/>.</param>
    public Task<long> ImportAsync(
        LowIncomeSnapshot snapshot, BatchInfo batch, long rowsRead, long rowsRejected, CancellationToken cancellationToken, Action<long>? stored = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var feed = LowIncomeFeed.Of(new LowIncomeFeedEnd(snapshot, rowsRead, rowsRejected) { RejectReport = batch.RejectReport, RuleGaps = batch.RuleGaps });
        return ImportAsync(feed, batch, cancellationToken, stored);
    }

    /// <summary>
    /// Loads a full low-income snapshot in one transaction, as its file is read: everyone in it is active afterwards,
    /// everyone else inactive (their rows and history stay). Returns the new batch id. Into SQLite the members are
    /// written as the feed gives them, while the file is still being read on the other core, and the households once
    /// it has ended (with the foreign-key checks off for the load, a member's household checked in memory); a server
    /// database gets the snapshot whole, households first, and its transaction is not held open while the file is
    /// read. A transient fault starts the transaction over, with the members from the first. An error the feed ends with (<see cref="LowIncomeFeed.Fail"/>: the file
    /// was bad, the import refused it) rolls back and is thrown as it is.
    /// </summary>
    /// <param name="feed">The members as they are read, then the whole snapshot with its counts, reject report and rule gaps.</param>
    /// <param name="batch">The batch to record (its file, hash, operator, time); its counts, report and gaps come from the feed's end.</param>
    /// <param name="cancellationToken">Cancels the import; nothing is stored.</param>
    /// <param name="stored">
    /// Called as the rows go to the database with how many so far (every 4,096 rows), and once with all of them,
    /// households and members, when every row is handed to the loader: on a server database the merge from the
    /// staging tables and the commit are left; into SQLite the secondary index and the commit. From the start again if
    /// the transaction starts over.
    /// </param>
    public async Task<long> ImportAsync(LowIncomeFeed feed, BatchInfo batch, CancellationToken cancellationToken, Action<long>? stored = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(batch);
        if (_db.Connection is not SqliteConnection)
        {
            await feed.Ended.WaitAsync(cancellationToken);
            return await CommitAsync();
        }

        // SQLite checks no foreign key while the snapshot loads: the members go in before their households, and every
        // reference the load makes is to a row it writes itself (a member's household is in the snapshot, the batch
        // is the one it inserts). Checking them cost a look-up per member at the statement, or, deferred, a search of
        // the members per household at its insert (1M persons: households 1.4 -> 3 s). Nor does the commit copy the
        // write-ahead log into the file (0.5 s at 1M): MatchingStore.CheckpointAsync does, on the other core, while the
        // caller reads the population back; else the connection's close. Deferring stays on inside the transaction,
        // should the connection have been opened anew (with the checks on) for an attempt.
        return await _db.UncheckedLoadAsync(checkpoints: false, CommitAsync, cancellationToken);

        async Task<long> CommitAsync()
        {
            try
            {
                return await _db.CommitAsync("low-income import", Text.Format("FailedLowIncome", batch.FileName), requireSchema: true,
                    (transaction, token) => WriteSnapshotAsync(feed, batch, stored ?? (_ => { }), transaction, token), cancellationToken);
            }
            catch (FeedFailedException failed)
            {
                // The file's own error (a bad file, a refused import), as the reader threw it: not the database's.
                ExceptionDispatchInfo.Throw(failed.InnerException!);
                throw;
            }
        }
    }

    /// <summary>
    /// What the foreign key would have refused, with the checks off: a member whose household is not in the snapshot
    /// (the reader never makes one). Thrown as the database's refusal would be: the import is rolled back, not retried.
    /// </summary>
    private static void RequireHouseholds(LowIncomeSnapshot snapshot)
    {
        var households = new HashSet<string>(snapshot.Households.Count, StringComparer.Ordinal);
        foreach (var household in snapshot.Households)
        {
            households.Add(household.HouseholdId);
        }

        var orphans = 0;
        foreach (var member in snapshot.Members)
        {
            if (!households.Contains(member.HouseholdId))
            {
                orphans++;
            }
        }

        if (orphans > 0)
        {
            throw new InvalidOperationException($"FOREIGN KEY constraint failed: {orphans} member(s) of a household the snapshot does not hold");
        }
    }

    /// <summary>
    /// The transaction's body. An error the feed ended with goes out as <see cref="FeedFailedException"/>, which
    /// neither the retries (not transient) nor the database's message (not a database fault) take for theirs.
    /// </summary>
    private async Task<long> WriteSnapshotAsync(LowIncomeFeed feed, BatchInfo batch, Action<long> stored, DbTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteAsync(feed, batch, stored, transaction, cancellationToken);
        }
        catch (Exception ex) when (feed.Ended.IsFaulted && feed.Ended.Exception.InnerExceptions.Contains(ex))
        {
            throw new FeedFailedException(ex);
        }
    }

    private async Task<long> WriteAsync(LowIncomeFeed feed, BatchInfo batch, Action<long> stored, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var batchId = await _batches.InsertAsync(batch, transaction, cancellationToken);

        await _db.Connection.ExecuteAsync(new CommandDefinition(
            $"{_dialect.ManyRows("UPDATE")} member SET active = 0 WHERE active = 1; {_dialect.ManyRows("UPDATE")} household SET active = 0 WHERE active = 1;",
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
        LowIncomeFeedEnd end;
        if (_db.Connection is SqliteConnection)
        {
            // The members first, as the file is read; their households once it is read whole (a household's aid adds
            // up over its members' rows). No foreign key is checked (ImportAsync), or, on a connection opened anew,
            // only at the commit.
            await _db.Connection.ExecuteAsync(new CommandDefinition("PRAGMA defer_foreign_keys = ON", transaction: transaction, cancellationToken: cancellationToken));
            var written = await WriteMembersAsync(feed, members, batchId, stored, transaction, cancellationToken);
            end = await feed.Ended;
            RequireHouseholds(end.Snapshot);
            await WriteHouseholdsAsync(end.Snapshot.Households, households, batchId, n => stored(written + n), transaction, cancellationToken);
        }
        else
        {
            end = await feed.Ended;
            await WriteHouseholdsAsync(end.Snapshot.Households, households, batchId, stored, transaction, cancellationToken);
            await WriteMembersAsync(feed, members, batchId, n => stored(end.Snapshot.Households.Count + n), transaction, cancellationToken);
        }

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
            """
            UPDATE import_batch SET rows_read = @RowsRead, rows_accepted = @accepted, rows_rejected = @RowsRejected,
                reject_report = @RejectReport, rule_gaps = @RuleGaps
            WHERE batch_id = @batchId
            """,
            new { end.RowsRead, accepted = end.Snapshot.Members.Count, end.RowsRejected, end.RejectReport, end.RuleGaps, batchId }, transaction,
            cancellationToken: cancellationToken));
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
        object batch = batchId;
        var n = 0;
        foreach (var h in households)
        {
            await upsert.AddAsync(cancellationToken, h.HouseholdId, h.Subdistrict, h.Village, h.AnnualIncome, h.HousingDifficulty ? One : Zero,
                Codes.AidText(h.Aid), One, batch, batch);
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

    /// <summary>Members handed to the loader at once (a feed's segment may be larger).</summary>
    private const int MembersAtOnce = 1024;

    // The flags and the batch id as every household passes them to the loader, boxed once rather than per row.
    private static readonly object One = 1;
    private static readonly object Zero = 0;

    /// <summary>The feed's members, as it gives them; returns how many.</summary>
    private async Task<long> WriteMembersAsync(
        LowIncomeFeed feed, BulkTarget target, long batchId, Action<long> stored, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var upsert = _dialect.CreateBulkLoader(_db.Connection, transaction, target);
        long n = 0;
        await foreach (var segment in feed.MembersAsync(cancellationToken))
        {
            // A segment at a time, typed: SQLite's loader binds it under one hold of its mutex, several rows to a
            // statement, nothing boxed.
            for (var start = 0; start < segment.Length; start += MembersAtOnce)
            {
                var part = segment.Slice(start, Math.Min(MembersAtOnce, segment.Length - start));
                await upsert.AddRowsAsync(new MemberRows(part, batchId), cancellationToken);
                if (((n + part.Length) >> 12) != (n >> 12))
                {
                    stored(n + part.Length);
                }

                n += part.Length;
            }
        }

        // Before the loader completes: on a server database that is the merge from the staging table, which the
        // caller shows as time spent, not as rows.
        stored(n);
        await upsert.CompleteAsync(cancellationToken);
        return n;
    }
}

/// <summary>Members as rows of the member table (<see cref="PopulationStore"/>'s member target), each active and of batch <paramref name="batchId"/>.</summary>
internal readonly struct MemberRows(ReadOnlyMemory<Member> members, long batchId) : IBulkRows
{
    public int Count => members.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write<TSink>(int row, ref TSink sink)
        where TSink : struct, IRowSink
    {
        var m = members.Span[row];
        sink.Text(m.HouseholdId);
        sink.Whole(m.Id.Key);
        sink.Text(m.Id.Value);
        sink.Text(m.Name);
        sink.Text(m.Relation);
        sink.Text(Codes.CategoryText(m.Categories));
        sink.Whole(m.SeriousIllness ? 1 : 0);
        sink.Whole(m.SevereDisability ? 1 : 0);
        sink.Text(m.TekunSupport);
        sink.Whole(1);
        sink.Whole(batchId);
        sink.Whole(batchId);
    }
}

/// <summary>The error a <see cref="LowIncomeFeed"/> ended with, carried out of the import's transaction untouched.</summary>
internal sealed class FeedFailedException(Exception inner) : Exception(inner.Message, inner);
