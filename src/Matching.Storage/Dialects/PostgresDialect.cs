using System.Data.Common;
using Npgsql;

namespace Matching.Storage.Dialects;

/// <summary>
/// PostgreSQL through Npgsql, and the servers that speak its protocol (openGauss, KingbaseES). Bulk loads go through
/// binary COPY; an upsert copies into a staging table and merges with <c>INSERT … ON CONFLICT</c>.
/// </summary>
public sealed class PostgresDialect : ISqlDialect
{
    public string Folder => "postgres";

    public DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public string MemberOrder => "member_seq";

    /// <summary>One snapshot for the whole transaction (READ COMMITTED would see an import commit half-way).</summary>
    public System.Data.IsolationLevel? ReadIsolation => System.Data.IsolationLevel.RepeatableRead;

    /// <summary>Autovacuum never analyzes temporary tables: without this the planner guesses their size.</summary>
    public string? Analyze(string table) => $"ANALYZE {table}";

    /// <summary>Dapper sends a list to Npgsql as one array parameter.</summary>
    public string AnyOf(string column, string parameter) => $"{column} = ANY({parameter})";

    public IBulkLoader CreateBulkLoader(DbConnection connection, DbTransaction transaction, BulkTarget target) =>
        new PostgresCopyLoader((NpgsqlConnection)connection, target);
}
