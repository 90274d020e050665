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

    public string EnsureVersionTable =>
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    public string InsertReturning(string table, string columns, string values, string idColumn) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING {idColumn}";

    public string FirstRows(string count) => $"LIMIT {count}";

    public string MemberOrder => "member_seq";

    public string TakeLock => """
        INSERT INTO run_lock (name, holder, token, acquired_at, expires_at) VALUES (@name, @holder, @token, @now, @expires)
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>Autovacuum never analyzes temporary tables: without this the planner guesses their size.</summary>
    public string? Analyze(string table) => $"ANALYZE {table}";

    /// <summary>Dapper sends a list to Npgsql as one array parameter.</summary>
    public string AnyOf(string column, string parameter) => $"{column} = ANY({parameter})";

    public IBulkLoader CreateBulkLoader(DbConnection connection, DbTransaction transaction, BulkTarget target) =>
        new PostgresCopyLoader((NpgsqlConnection)connection, target);
}
