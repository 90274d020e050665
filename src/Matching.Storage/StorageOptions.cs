using Matching.Core.Errors;
using Matching.Storage.Resilience;
using Microsoft.Data.Sqlite;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>Where the data lives: a provider and its connection string.</summary>
public sealed record StorageOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The embedded default: <c>./data/matching.db</c>.</summary>
    public const string DefaultSqliteFile = "data/matching.db";

    /// <value>
    /// The retry, timeout and circuit-breaker pipelines around opening and committing. Default
    /// <see cref="StorageResilience.Default"/> (default settings, logging nowhere); a host that logs builds one
    /// <see cref="StorageResilience"/> with its logger and sets it here with <c>with { Resilience = … }</c>.
    /// </value>
    public StorageResilience Resilience { get; init; } = StorageResilience.Default;

    /// <value>
    /// The Unix mode an embedded SQLite database file (and its <c>-wal</c>, <c>-shm</c>) is given when
    /// <c>matching init</c> opens it, and its folder when created (with x beside each r). Default 0600: the service
    /// account only; the command line sets <c>output:fileMode</c> here.
    /// </value>
    public UnixFileMode FileMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The page cache an embedded SQLite connection is opened with unless told otherwise.</summary>
    public const int DefaultPageCacheMegabytes = 64;

    /// <value>
    /// SQLite only: each connection's page cache, in megabytes, filled only as pages are read. The default, 64, holds
    /// the ID index that a million-member snapshot inserts into in random order (measured at 1M persons: 42 s with
    /// SQLite's own 2 MB, 16 s with 64 MB). A run reads its records once through and needs little: it opens with
    /// <see cref="RunPageCacheMegabytes"/>.
    /// </value>
    public int PageCacheMegabytes { get; init; } = DefaultPageCacheMegabytes;

    /// <summary>
    /// The page cache of a run's connection: 8 MB (bench at 1M persons and 6M records: peak 591 → 531 MB, time within
    /// the noise, the warnings identical).
    /// </summary>
    public const int RunPageCacheMegabytes = 8;

    /// <summary>
    /// Resolves <c>--db</c> / <c>MATCHING_DB</c> and <c>--provider</c> / <c>MATCHING_PROVIDER</c>. A bare path means a
    /// SQLite file; a connection string names its provider by its keys where it is plain.
    /// </summary>
    public static StorageOptions Resolve(string? db, string? provider)
    {
        db = string.IsNullOrWhiteSpace(db) ? DefaultSqliteFile : db.Trim();
        var chosen = string.IsNullOrWhiteSpace(provider) ? Infer(db) : Parse(provider);
        if (chosen == DatabaseProvider.Sqlite && !db.Contains('=', StringComparison.Ordinal))
        {
            db = $"Data Source={db}";
        }

        return new StorageOptions(chosen, db);
    }

    /// <summary>
    /// These options with the embedded database file created when missing (<paramref name="allowed"/>: only
    /// <c>matching init</c>, which the demo runs) or not (every other command: a mistyped <c>--db</c> must not leave
    /// an empty database behind; it is refused with "database … does not exist; run `matching init`"). SQLite files
    /// only (<c>Mode=ReadWriteCreate</c> or <c>Mode=ReadWrite</c>); in-memory and read-only SQLite and the servers are
    /// left as they are.
    /// </summary>
    public StorageOptions WithCreation(bool allowed)
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return this;
        }

        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        if (builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly || builder.DataSource is "" or ":memory:")
        {
            return this;
        }

        builder.Mode = allowed ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite;
        return this with { ConnectionString = builder.ToString() };
    }

    private static DatabaseProvider Parse(string provider) => provider.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new MatchingException(Text.Format("UnknownProvider", provider)),
    };

    private static DatabaseProvider Infer(string db)
    {
        if (!db.Contains('=', StringComparison.Ordinal))
        {
            return DatabaseProvider.Sqlite;
        }

        var lower = db.ToLowerInvariant();
        if (lower.Contains("host=", StringComparison.Ordinal))
        {
            return DatabaseProvider.Postgres;
        }

        if (lower.Contains("server=", StringComparison.Ordinal) || lower.Contains("initial catalog=", StringComparison.Ordinal))
        {
            return DatabaseProvider.SqlServer;
        }

        return DatabaseProvider.Sqlite;
    }
}
