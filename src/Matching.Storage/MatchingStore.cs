using System.Data.Common;
using Dapper;
using Matching.Core.Errors;
using Matching.Storage.Dialects;
using Matching.Storage.Resilience;
using Polly;

namespace Matching.Storage;

/// <summary>
/// The one storage boundary: every SQL statement Matching sends goes through here (and its dialect). Opens one
/// connection per command; each import is one transaction, so a failure leaves the data as it was. Opening and each
/// transaction run through <see cref="StorageOptions.Resilience"/>: a transient fault starts them over, never one row.
/// </summary>
public sealed partial class MatchingStore : IAsyncDisposable
{
    private readonly ISqlDialect _dialect;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private DbConnection _connection;
    private readonly StorageResilience _resilience;
    private readonly string _dataSource;

    private MatchingStore(ISqlDialect dialect, DbConnection connection, string connectionString, TimeProvider time, StorageResilience resilience, string dataSource)
    {
        _dialect = dialect;
        _connection = connection;
        _connectionString = connectionString;
        _time = time;
        _resilience = resilience;
        _dataSource = dataSource;
    }

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
                token => ConnectAsync(dialect, options.ConnectionString, token), cancellationToken);
            SqliteFileMode.Apply(options);
            return new MatchingStore(dialect, connection, options.ConnectionString, time, resilience, dataSource);
        }
        catch (Exception ex) when (ex is DbException or ArgumentException or IOException or UnauthorizedAccessException or ExecutionRejectedException)
        {
            throw new MatchingException($"database: cannot open ({ConnectionSecrets.Scrub(ex.Message, options.ConnectionString)})", ex);
        }
    }

    /// <summary>
    /// A store over <paramref name="connection"/>, already open and prepared, in <paramref name="dialect"/>: for tests
    /// that record or replay what the store sends.
    /// </summary>
    internal static MatchingStore Over(ISqlDialect dialect, DbConnection connection, TimeProvider time) =>
        new(dialect, connection, connectionString: string.Empty, time, StorageResilience.Default, dataSource: "test");

    /// <summary>One attempt at opening: a connection that fails half-way is disposed, so the next attempt starts clean.</summary>
    private static async Task<DbConnection> ConnectAsync(ISqlDialect dialect, string connectionString, CancellationToken cancellationToken)
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

    /// <summary>
    /// Before each attempt at a transaction: a connection the server dropped (killed, timed out, a fault that broke
    /// it) is replaced by a fresh one, so that a retry does not start over on a dead connection.
    /// </summary>
    private async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            return;
        }

        await _connection.DisposeAsync();
        _connection = await ConnectAsync(_dialect, _connectionString, cancellationToken);
    }

    /// <summary>A read-only transaction that sees one snapshot of the data (<see cref="ISqlDialect.ReadIsolation"/>).</summary>
    private ValueTask<DbTransaction> BeginReadAsync(CancellationToken cancellationToken) => _dialect.ReadIsolation is { } level
        ? _connection.BeginTransactionAsync(level, cancellationToken)
        : _connection.BeginTransactionAsync(cancellationToken);

    /// <summary>The newest schema version this program knows.</summary>
    public int TargetVersion => Migrator.Scripts(_dialect.Folder)[^1].Version;

    /// <summary>Creates or upgrades the schema; idempotent. Returns the versions before and after.</summary>
    public Task<(int From, int To)> InitAsync(CancellationToken cancellationToken) =>
        Migrator.UpgradeAsync(_connection, _dialect, _time.GetUtcNow(), cancellationToken);

    /// <summary>Fails with a clear message when the schema is missing or older than this program.</summary>
    public async Task RequireSchemaAsync(CancellationToken cancellationToken)
    {
        var version = await Migrator.CurrentVersionAsync(_connection, _dialect, cancellationToken);
        if (version < TargetVersion)
        {
            throw new MatchingException(version == 0
                ? "database: no schema yet; run `matching init` first"
                : $"database: schema version {version} is older than {TargetVersion}; run `matching init` to upgrade");
        }
    }

    /// <summary>Row counts of every data table, for tests that check a failed import changed nothing (a test hook, internal).</summary>
    internal async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken)
    {
        string[] tables = ["import_batch", "household", "member", "source_record", "run", "warning", "warning_event"];
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table] = await _connection.ExecuteScalarAsync<long>(
                new CommandDefinition($"SELECT COUNT(*) FROM {table}", cancellationToken: cancellationToken));
        }

        return counts;
    }

    private const string BatchColumns = """
        SELECT batch_id AS BatchId, kind AS Kind, department AS Department, file_name AS FileName, sha256 AS Sha256,
               rows_read AS RowsRead, rows_accepted AS RowsAccepted, rows_rejected AS RowsRejected, rows_usable AS RowsUsable,
               new_events AS NewEvents, known_events AS KnownEvents, status AS Status, operator AS Operator, imported_at AS ImportedAt,
               layout AS Layout, reject_report AS RejectReport, withdrawn_at AS WithdrawnAt, withdrawn_by AS WithdrawnBy,
               withdraw_reason AS WithdrawReason, rule_gaps AS RuleGaps, purged_at AS PurgedAt
        """;

    /// <summary>The most recent batch of a kind whose file had these bytes, if any.</summary>
    internal Task<BatchRecord?> FindBatchByHashAsync(string kind, string sha256, CancellationToken cancellationToken) =>
        _connection.QueryFirstOrDefaultAsync<BatchRecord>(new CommandDefinition(
            $"{BatchColumns} FROM import_batch WHERE kind = @kind AND sha256 = @sha256 ORDER BY batch_id DESC {_dialect.FirstRows("1")}",
            new { kind, sha256 }, cancellationToken: cancellationToken));

    /// <summary>The latest low-income batch, if any.</summary>
    public Task<BatchRecord?> LastLowIncomeBatchAsync(CancellationToken cancellationToken) =>
        _connection.QueryFirstOrDefaultAsync<BatchRecord>(new CommandDefinition(
            $"{BatchColumns} FROM import_batch WHERE kind = @kind ORDER BY batch_id DESC {_dialect.FirstRows("1")}",
            new { kind = BatchInfo.LowIncomeKind }, cancellationToken: cancellationToken));

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
