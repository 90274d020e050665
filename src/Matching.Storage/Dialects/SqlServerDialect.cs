using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Matching.Storage.Dialects;

/// <summary>
/// Microsoft SQL Server 2016 or later (and Azure SQL) through Microsoft.Data.SqlClient. Bulk loads go through
/// SqlBulkCopy (<see cref="SqlServerBulkLoader"/>); an upsert copies into a <c>#load_&lt;table&gt;</c> temporary table
/// and merges it from there.
/// </summary>
public sealed class SqlServerDialect : ISqlDialect
{
    private readonly BulkWrite _write;

    public SqlServerDialect()
        : this(SqlServerBulkLoader.CopyAsync)
    {
    }

    /// <summary>A dialect whose bulk loads hand their rows to <paramref name="write"/> (SqlBulkCopy unless a test records them).</summary>
    internal SqlServerDialect(BulkWrite write) => _write = write;

    public string Folder => "sqlserver";

    public DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    /// <summary>
    /// <c>XACT_ABORT ON</c>: any error, a command timeout included, rolls the whole transaction back on the server at
    /// once, instead of leaving it open and holding its locks until the client notices.
    /// </summary>
    public async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "SET XACT_ABORT ON";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public string EnsureVersionTable => """
        IF OBJECT_ID(N'schema_version', N'U') IS NULL
        CREATE TABLE schema_version (
            version    INT NOT NULL CONSTRAINT pk_schema_version PRIMARY KEY,
            name       NVARCHAR(MAX) NOT NULL,
            applied_at NVARCHAR(MAX) NOT NULL
        )
        """;

    public string InsertReturning(string table, string columns, string values, string idColumn) =>
        $"INSERT INTO {table} ({columns}) OUTPUT INSERTED.{idColumn} VALUES ({values})";

    /// <summary>T-SQL's paging clause, valid only after an ORDER BY (every caller has one).</summary>
    public string FirstRows(string count) => $"OFFSET 0 ROWS FETCH NEXT {count} ROWS ONLY";

    public string MemberOrder => "member_seq";

    /// <summary>
    /// Reads that span statements see no commit half-way: SERIALIZABLE (SNAPSHOT would need the database option
    /// ALLOW_SNAPSHOT_ISOLATION); an import waits the second or so such a read takes.
    /// </summary>
    public System.Data.IsolationLevel? ReadIsolation => System.Data.IsolationLevel.Serializable;

    /// <summary>
    /// <c>UPDLOCK, HOLDLOCK</c> make the existence check lock the key (range) it read until the transaction ends: a
    /// second process checking the same name waits for the first to commit and then sees its row, so two cannot both
    /// insert.
    /// </summary>
    public string TakeLock => """
        INSERT INTO run_lock (name, holder, token, acquired_at, expires_at)
        SELECT @name, @holder, @token, @now, @expires
        WHERE NOT EXISTS (SELECT 1 FROM run_lock WITH (UPDLOCK, HOLDLOCK) WHERE name = @name)
        """;

    /// <summary>A <c>#</c> table: this session's own, dropped with the transaction that created it or with the session.</summary>
    public string TempTable(string name) => $"#{name}";

    public string CreateTempTable(string name, string columns) => $"CREATE TABLE {TempTable(name)} ({columns})";

    public IBulkLoader CreateBulkLoader(DbConnection connection, DbTransaction transaction, BulkTarget target) =>
        new SqlServerBulkLoader(connection, transaction, target, _write);
}
