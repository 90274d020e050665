using System.Data.Common;
using Matching.Core.Population;
using Matching.Storage.Dialects;

namespace Matching.Storage;

public sealed partial class PopulationStore
{
    private const string NeedsTable = "match_need";

    private const int NeedKey = 0;
    private const int NeedPrefix = 1;
    private const int NeedBirthDate = 2;

    /// <summary>
    /// An index of only the active members a file's rows can touch (<see cref="PopulationNeeds"/>), found set-based in
    /// the database: the needs are bulk-loaded into a temporary table and joined with <c>member</c> by ID key, by key
    /// range for a 14-digit block, and by the birth-date digits for a birth date. For a population larger than memory
    /// should hold: the index holds about as many persons as the file has rows, not the whole population, and matches
    /// every row as the whole would. Nothing is written (the temporary table goes with the transaction).
    /// </summary>
    public async Task<PopulationIndex> LoadSubsetAsync(PopulationNeeds needs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needs);
        await _db.RequireSchemaAsync(cancellationToken);
        await using var transaction = await _db.Connection.BeginTransactionAsync(cancellationToken);
        var table = _dialect.TempTable(NeedsTable);
        await using (var create = _db.Connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = _dialect.CreateTempTable(NeedsTable, "kind BIGINT NOT NULL, value BIGINT NOT NULL");
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await LoadNeedsAsync(needs, table, transaction, cancellationToken);
        if (_dialect.Analyze(table) is { } analyze)
        {
            await using var statistics = _db.Connection.CreateCommand();
            statistics.Transaction = transaction;
            statistics.CommandText = analyze;
            await statistics.ExecuteNonQueryAsync(cancellationToken);
        }

        var keys = new List<long>(needs.Keys.Count + (needs.Prefixes.Count * 2));
        var names = new PackedNames.Builder(keys.Capacity);
        await using (var query = _db.Connection.CreateCommand())
        {
            query.Transaction = transaction;
            query.CommandText = SubsetQuery(table, needs.BirthDates.Count > 0);
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(reader.GetInt64(0));
                names.Add(reader.GetString(1));
            }
        }

        // Read only: rolling back drops the temporary table on every engine.
        await transaction.RollbackAsync(cancellationToken);
        return new PopulationIndex([.. keys], names.Build());
    }

    private async Task LoadNeedsAsync(PopulationNeeds needs, string table, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var target = new BulkTarget(table, [new("kind", BulkColumnType.Whole), new("value", BulkColumnType.Whole)], [], []);
        await using var load = _dialect.CreateBulkLoader(_db.Connection, transaction, target);
        foreach (var key in needs.Keys)
        {
            await load.AddAsync(cancellationToken, NeedKey, key);
        }

        foreach (var prefix in needs.Prefixes)
        {
            await load.AddAsync(cancellationToken, NeedPrefix, prefix);
        }

        foreach (var date in needs.BirthDates)
        {
            await load.AddAsync(cancellationToken, NeedBirthDate, (long)date);
        }

        await load.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Each member entry (household, person) found by a need, once: by key, by key range for a 14-digit block (keys
    /// have 17 digits: a block is 1,000 keys) and by the birth-date digits 7 to 14; in the order the snapshot listed
    /// members, so that a person in two households answers by the same entry as in the whole index. <c>CROSS JOIN</c>
    /// with the condition in WHERE is an inner join everywhere; SQLite takes it as "the needs outside, the member
    /// index inside", the order that makes each need one index probe (its planner, knowing nothing of a temporary
    /// table, may otherwise scan every member for every need). SQLite must also not use <c>active</c> to look members up
    /// (<see cref="ISqlDialect.NotIndexed"/>): it built an automatic index on it instead of using the ID index,
    /// 231 s against 4 s at 1M.
    /// </summary>
    private string SubsetQuery(string table, bool byBirthDate)
    {
        var order = _dialect.MemberOrder;
        var active = _dialect.NotIndexed("m.active");
        var byDate = byBirthDate
            ? $"""
              UNION
              SELECT m.id_key, m.name, m.household_id, m.{order} AS seq FROM member m
              WHERE m.active = 1 AND (m.id_key / 1000) % 100000000 IN (SELECT n.value FROM {table} n WHERE n.kind = {NeedBirthDate})
              """
            : string.Empty;
        return $"""
            SELECT id_key, name FROM (
              SELECT m.id_key, m.name, m.household_id, m.{order} AS seq FROM {table} n CROSS JOIN member m
              WHERE n.kind = {NeedKey} AND m.id_key = n.value AND {active} = 1
              UNION
              SELECT m.id_key, m.name, m.household_id, m.{order} AS seq FROM {table} n CROSS JOIN member m
              WHERE n.kind = {NeedPrefix} AND m.id_key BETWEEN n.value * 1000 AND n.value * 1000 + 999 AND {active} = 1
              {byDate}
            ) found ORDER BY seq
            """;
    }
}
