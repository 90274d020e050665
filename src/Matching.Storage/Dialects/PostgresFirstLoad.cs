using System.Data.Common;
using Dapper;
using Npgsql;

namespace Matching.Storage.Dialects;

/// <summary>
/// A first low-income load into PostgreSQL (no member stored yet), done as PostgreSQL's guide to populating a database
/// advises: the foreign keys and secondary indexes of <c>household</c> and <c>member</c> are set aside, the rows are
/// copied straight into the tables (nothing there to merge with), and the indexes and keys are put back after them,
/// each key checked over all the rows in one query instead of one query per row. At a million members the keys alone
/// cost about 14 s of row-by-row checks. All in the import's transaction: a load that fails rolls back with its keys
/// and indexes as they were. The definitions are read from the catalog, so what is put back is what was there.
/// </summary>
internal sealed class PostgresFirstLoad
{
    private static readonly string[] Tables = ["household", "member"];

    private readonly List<string> _restore;

    private PostgresFirstLoad(List<string> restore) => _restore = restore;

    public static async Task<PostgresFirstLoad> SetAsideAsync(NpgsqlConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var keys = (await connection.QueryAsync<(string Table, string Name, string Definition)>(new CommandDefinition(
            """
            SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid)
            FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY (SELECT to_regclass(t)::oid FROM unnest(@tables) AS t)
            ORDER BY conrelid::regclass::text, conname
            """, new { tables = Tables }, transaction, cancellationToken: cancellationToken))).ToList();
        var indexes = (await connection.QueryAsync<(string Name, string Definition)>(new CommandDefinition(
            """
            SELECT quote_ident(i.relname), pg_get_indexdef(x.indexrelid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = ANY (SELECT to_regclass(t)::oid FROM unnest(@tables) AS t)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY i.relname
            """, new { tables = Tables }, transaction, cancellationToken: cancellationToken))).ToList();

        var drop = keys.Select(k => $"ALTER TABLE {k.Table} DROP CONSTRAINT {k.Name};")
            .Concat(indexes.Select(i => $"DROP INDEX {i.Name};"));
        await connection.ExecuteAsync(new CommandDefinition(string.Join('\n', drop), transaction: transaction, cancellationToken: cancellationToken));
        return new PostgresFirstLoad([.. indexes.Select(i => i.Definition + ";"), .. keys.Select(k => $"ALTER TABLE {k.Table} ADD CONSTRAINT {k.Name} {k.Definition};")]);
    }

    /// <summary>Puts back the indexes, then the foreign keys (each checked against every row loaded).</summary>
    public async Task RestoreAsync(NpgsqlConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (_restore.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(string.Join('\n', _restore), transaction: transaction, cancellationToken: cancellationToken,
                commandTimeout: 0));
        }
    }
}
