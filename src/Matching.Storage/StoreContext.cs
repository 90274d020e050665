using System.Data.Common;
using Matching.Core.Errors;
using Matching.Storage.Dialects;
using Matching.Storage.Resilience;
using Microsoft.Data.Sqlite;
using Polly;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>
/// What the aggregate stores of one <see cref="MatchingStore"/> share: the one connection, its dialect, the clock and
/// the resilience pipeline, and the helpers that check the schema and run a transaction. The connection is replaced
/// when the server dropped it (<see cref="EnsureOpenAsync"/>), so a store reads <see cref="Connection"/> each time
/// and never keeps it.
/// </summary>
internal sealed class StoreContext(
    ISqlDialect dialect, DbConnection connection, string connectionString, TimeProvider time, StorageResilience resilience, string dataSource)
{
    public ISqlDialect Dialect { get; } = dialect;

    public DbConnection Connection { get; private set; } = connection;

    public TimeProvider Time { get; } = time;

    /// <summary>The newest schema version this program knows.</summary>
    public int TargetVersion => Migrator.Scripts(Dialect.Folder)[^1].Version;

    /// <summary>One attempt at opening: a connection that fails half-way is disposed, so the next attempt starts clean.</summary>
    public static async Task<DbConnection> ConnectAsync(ISqlDialect dialect, string connectionString, CancellationToken cancellationToken)
    {
        var connection = dialect.CreateConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await dialect.PrepareAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Fails with a clear message when the schema is missing or older than this program.</summary>
    public async Task RequireSchemaAsync(CancellationToken cancellationToken)
    {
        var version = await Migrator.CurrentVersionAsync(Connection, Dialect, cancellationToken);
        if (version < TargetVersion)
        {
            throw new MatchingException(version == 0
                ? Text.Get("NoSchema")
                : Text.Format("OldSchema", version, TargetVersion));
        }
    }

    /// <summary>
    /// A read-only transaction that sees one snapshot of the data (<see cref="ISqlDialect.ReadIsolation"/>). On SQLite a
    /// plain (deferred) BEGIN: under WAL its first read fixes the snapshot, and no lock is taken. Microsoft.Data.Sqlite
    /// begins IMMEDIATE unless told otherwise, which takes the write lock: a run loading its population, or a `match`
    /// building its index, waited for an import writing meanwhile (and failed after the busy timeout), and held off
    /// any import for as long as it read.
    /// </summary>
    public ValueTask<DbTransaction> BeginReadAsync(CancellationToken cancellationToken) => Connection switch
    {
        SqliteConnection sqlite => ValueTask.FromResult<DbTransaction>(sqlite.BeginTransaction(deferred: true)),
        _ when Dialect.ReadIsolation is { } level => Connection.BeginTransactionAsync(level, cancellationToken),
        _ => Connection.BeginTransactionAsync(cancellationToken),
    };

    /// <summary>Now, as stored.</summary>
    public string Now() => StoredTime.Format(Time.GetUtcNow());

    /// <summary>
    /// Runs <paramref name="body"/> as one transaction through the database pipeline and commits it. A transient fault
    /// rolls the attempt back and starts the whole transaction over (the schema check included), so a body must build
    /// everything it returns inside itself; nothing is retried per row. A database fault that is not transient, or
    /// one that outlasted the retries, the timeout or the circuit breaker, becomes a <see cref="MatchingException"/>
    /// saying "database: <paramref name="failure"/> (…)".
    /// </summary>
    public async Task<T> CommitAsync<T>(
        string operation, string failure, bool requireSchema, Func<DbTransaction, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await resilience.ExecuteAsync(operation, dataSource, async token =>
            {
                await EnsureOpenAsync(token);
                if (requireSchema)
                {
                    await RequireSchemaAsync(token);
                }

                await using var transaction = await Connection.BeginTransactionAsync(token);
                var result = await body(transaction, token);
                await transaction.CommitAsync(token);
                return result;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or ExecutionRejectedException or InvalidOperationException)
        {
            throw new MatchingException(Text.Format("DatabaseFailed", failure, ConnectionSecrets.Scrub(ex.Message, connectionString)), ex);
        }
    }

    /// <summary>
    /// SQLite: runs <paramref name="load"/> (a bulk load, its own transaction inside) with the connection's
    /// foreign-key checks off, and its automatic checkpoints too unless <paramref name="checkpoints"/>; both are put
    /// back as they were after it, however it ended. Only for a load whose every reference is to a row it writes itself
    /// in the same transaction or to one it knows is there (a department's records to their batch; a snapshot's members
    /// to its households, checked in memory; a run's warnings to the run and their events to them): checking them costs
    /// a look-up of the parent per row, and a statement of several rows checked at once makes SQLite journal it.
    /// Both settings belong to the connection and can change only outside a transaction; a connection opened anew for
    /// an attempt is prepared with the checks on and SQLite's checkpoints, which only makes that attempt slower. On a
    /// server database it just runs <paramref name="load"/>.
    /// </summary>
    public async Task<T> UncheckedLoadAsync<T>(bool checkpoints, Func<Task<T>> load, CancellationToken cancellationToken)
    {
        if (Connection is not SqliteConnection sqlite)
        {
            return await load();
        }

        var (foreignKeys, autoCheckpoint) = (await PragmaAsync(sqlite, "foreign_keys", cancellationToken), await PragmaAsync(sqlite, "wal_autocheckpoint", cancellationToken));
        try
        {
            await SetAsync(sqlite, checkpoints ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = OFF; PRAGMA wal_autocheckpoint = 0", cancellationToken);
            return await load();
        }
        finally
        {
            await RestoreAsync(foreignKeys, autoCheckpoint);
        }
    }

    /// <summary>The connection's settings put back as they were, whatever the load ended with (a failure here hides nothing).</summary>
    private async Task RestoreAsync(long foreignKeys, long autoCheckpoint)
    {
        if (Connection is not SqliteConnection { State: System.Data.ConnectionState.Open } open)
        {
            // A connection opened anew for an attempt was prepared with the checks on and SQLite's checkpoints.
            return;
        }

        try
        {
            await SetAsync(open, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"PRAGMA foreign_keys = {foreignKeys}; PRAGMA wal_autocheckpoint = {autoCheckpoint}"), CancellationToken.None);
        }
        catch (SqliteException)
        {
            // The connection broke with the load: the next open prepares a new one.
        }
    }

    private static async Task<long> PragmaAsync(SqliteConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task SetAsync(SqliteConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite: copies what the write-ahead log holds into the database file (a passive checkpoint: readers go on, it
    /// copies what no reader still needs), on a connection of its own, not pooled, so that this one can go on reading
    /// meanwhile. Nothing on a server database, or on a store made over a bare connection (tests).
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var side = await OpenSideAsync(cancellationToken);
        if (side is null)
        {
            return;
        }

        await using var command = side.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite: another connection to the same file, not pooled, for work beside this one's (a checkpoint, a second
    /// reader); null on a server database, an in-memory one, or a store made over a bare connection (tests).
    /// </summary>
    public async Task<SqliteConnection?> OpenSideAsync(CancellationToken cancellationToken)
    {
        if (Connection is not SqliteConnection || connectionString.Length == 0)
        {
            return null;
        }

        var options = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        if (options.Mode == SqliteOpenMode.Memory || options.DataSource is "" or ":memory:")
        {
            return null;
        }

        var side = (SqliteConnection)Dialect.CreateConnection(options.ToString());
        try
        {
            await side.OpenAsync(cancellationToken);
            return side;
        }
        catch (Exception)
        {
            await side.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Before each attempt at a transaction: a connection the server dropped (killed, timed out, a fault that broke
    /// it) is replaced by a fresh one, so that a retry does not start over on a dead connection.
    /// </summary>
    private async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (Connection.State == System.Data.ConnectionState.Open)
        {
            return;
        }

        await Connection.DisposeAsync();
        Connection = await ConnectAsync(Dialect, connectionString, cancellationToken);
    }
}
