using System.Data.Common;
using Dapper;
using Matching.Core.Errors;
using Matching.Storage.Dialects;
using Matching.Storage.Resilience;
using Polly;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>
/// The one storage boundary: every SQL statement Matching sends goes through here (and its dialect). Opens one
/// connection per command, which the aggregate stores (<see cref="Batches"/>, <see cref="Population"/>, <see cref="Runs"/>,
/// <see cref="Warnings"/>, <see cref="Access"/>, <see cref="Workers"/>) share; each import is one transaction, so a
/// failure leaves the data as it was. Opening and each transaction run through <see cref="StorageOptions.Resilience"/>:
/// a transient fault starts them over, never one row.
/// </summary>
public sealed partial class MatchingStore : IAsyncDisposable
{
    private readonly StoreContext _db;

    private MatchingStore(StoreContext db)
    {
        _db = db;
        Access = new AccessStore(db);
        Batches = new BatchStore(db, Access);
        Population = new PopulationStore(db, Batches);
        Runs = new RunStore(db, Batches);
        Warnings = new WarningStore(db, Access);
        Workers = new WorkerStore(db);
    }

    /// <summary>Import batches: listing, department imports, withdrawal, refused attempts, the records they hold.</summary>
    public BatchStore Batches { get; }

    /// <summary>The low-income population: its imports, counts and the indexes a match or run loads.</summary>
    public PopulationStore Population { get; }

    /// <summary>Warning runs: their start, end and history, and who holds the run lock.</summary>
    public RunStore Runs { get; }

    /// <summary>The warnings, their history and the departments' answers (dispositions).</summary>
    public WarningStore Warnings { get; }

    /// <summary>The access audit.</summary>
    public AccessStore Access { get; }

    /// <summary>The running workers, and the leases and locks behind them.</summary>
    public WorkerStore Workers { get; }

    /// <summary>
    /// Opens the database. Call <see cref="InitAsync"/> (or check <see cref="RequireSchemaAsync"/>) before use. A
    /// transient fault (<see cref="Transient"/>) is retried with a fresh connection through
    /// <see cref="StorageOptions.Resilience"/>.
    /// </summary>
    public static async Task<MatchingStore> OpenAsync(StorageOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dialect = SqlDialects.For(options);
        var resilience = options.Resilience ?? StorageResilience.Default;
        var dataSource = StorageResilience.DataSourceOf(options.ConnectionString);
        try
        {
            SqliteFileMode.PrepareFolder(options);
            var connection = await resilience.ExecuteAsync(StorageResilience.OpenOperation, dataSource,
                token => StoreContext.ConnectAsync(dialect, options.ConnectionString, token), cancellationToken);
            SqliteFileMode.Apply(options);
            return new MatchingStore(new StoreContext(dialect, connection, options.ConnectionString, time, resilience, dataSource));
        }
        catch (Exception ex) when (ex is DbException or ArgumentException or IOException or UnauthorizedAccessException or ExecutionRejectedException)
        {
            throw new MatchingException(Text.Format("CannotOpen", ConnectionSecrets.Scrub(ex.Message, options.ConnectionString)), ex);
        }
    }

    /// <summary>
    /// A store over <paramref name="connection"/>, already open and prepared, in <paramref name="dialect"/>: for tests
    /// that record or replay what the store sends.
    /// </summary>
    internal static MatchingStore Over(ISqlDialect dialect, DbConnection connection, TimeProvider time) =>
        new(new StoreContext(dialect, connection, connectionString: string.Empty, time, StorageResilience.Default, dataSource: "test"));

    /// <summary>The newest schema version this program knows.</summary>
    public int TargetVersion => _db.TargetVersion;

    /// <summary>Creates or upgrades the schema; idempotent. Returns the versions before and after.</summary>
    public Task<(int From, int To)> InitAsync(CancellationToken cancellationToken) =>
        Migrator.UpgradeAsync(_db.Connection, _db.Dialect, _db.Time.GetUtcNow(), cancellationToken);

    /// <summary>Fails with a clear message when the schema is missing or older than this program.</summary>
    public Task RequireSchemaAsync(CancellationToken cancellationToken) => _db.RequireSchemaAsync(cancellationToken);

    /// <summary>
    /// Into SQLite, copies what a large write left in the write-ahead log into the database file, on a connection of
    /// its own: a low-income import leaves it to this (or to the connection's close), so that its caller can read the
    /// population back on this connection meanwhile, on the other core. Nothing on a server database.
    /// </summary>
    public Task CheckpointAsync(CancellationToken cancellationToken) => _db.CheckpointAsync(cancellationToken);

    /// <summary>Row counts of every data table, for tests that check a failed import changed nothing (a test hook, internal).</summary>
    internal async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken)
    {
        string[] tables = ["import_batch", "household", "member", "source_record", "run", "warning", "warning_event"];
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table] = await _db.Connection.ExecuteScalarAsync<long>(
                new CommandDefinition($"SELECT COUNT(*) FROM {table}", cancellationToken: cancellationToken));
        }

        return counts;
    }

    /// <summary>
    /// Who the database is, for naming a persisted index image: the provider, server (or SQLite file) and database,
    /// never a user or password.
    /// </summary>
    public string Identity => $"{_db.Dialect.Folder}|{_db.Connection.DataSource}|{_db.Connection.Database}";

    public ValueTask DisposeAsync() => _db.Connection.DisposeAsync();
}
