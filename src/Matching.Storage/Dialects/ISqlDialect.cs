using System.Data.Common;

namespace Matching.Storage.Dialects;

/// <summary>
/// What differs between database engines: the connection, session set-up, the migration folder, bulk loading and the
/// few statement shapes whose syntax differs. Everything else is plain SQL shared by all (and tested on each). The
/// default members are the forms SQLite and PostgreSQL share; SQL Server overrides them.
/// </summary>
public interface ISqlDialect
{
    /// <summary>The folder under <c>Sql/</c> holding this engine's numbered migrations.</summary>
    string Folder { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>Runs once on each opened connection (pragmas, session settings).</summary>
    Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Creates the <c>schema_version</c> table when it is missing.</summary>
    string EnsureVersionTable =>
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    /// <summary>
    /// An INSERT of one row that returns the generated <paramref name="idColumn"/> as its only result.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">Comma-separated column list.</param>
    /// <param name="values">Comma-separated values (parameters).</param>
    /// <param name="idColumn">The generated key to return.</param>
    string InsertReturning(string table, string columns, string values, string idColumn) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING {idColumn}";

    /// <summary>What follows an ORDER BY so that only the first <paramref name="count"/> rows come back (a number or a parameter).</summary>
    string FirstRows(string count) => $"LIMIT {count}";

    /// <summary>
    /// The column that orders members in the order their snapshot listed them (kept across refreshes): SQLite's
    /// <c>rowid</c>, an identity column on servers.
    /// </summary>
    string MemberOrder { get; }

    /// <summary>
    /// Inserts the lock row (<c>@name, @holder, @token, @now, @expires</c>) unless a row of that name exists, without
    /// failing when another process inserts it at the same moment.
    /// </summary>
    string TakeLock => """
        INSERT INTO run_lock (name, holder, token, acquired_at, expires_at) VALUES (@name, @holder, @token, @now, @expires)
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>
    /// A condition that <paramref name="column"/> is one of the list parameter <paramref name="parameter"/>. Dapper
    /// expands <c>IN @list</c> into one parameter per item, except for providers that take arrays (Npgsql), where it
    /// sends one array parameter.
    /// </summary>
    string AnyOf(string column, string parameter) => $"{column} IN {parameter}";

    /// <summary>The name a temporary table of this session goes by (SQL Server marks them with <c>#</c>).</summary>
    string TempTable(string name) => name;

    /// <summary>Creates a temporary table of this session, gone at the end of the transaction that created it or of the session.</summary>
    string CreateTempTable(string name, string columns) => $"CREATE TEMP TABLE {TempTable(name)} ({columns})";

    /// <summary>
    /// A statement that gives the planner the size of a freshly loaded temporary table, where the engine does not
    /// find out by itself (PostgreSQL never auto-analyzes temporary tables); null where none is needed.
    /// </summary>
    string? Analyze(string table) => null;

    /// <summary>
    /// <paramref name="column"/> in a condition that must only filter, never lead the planner to look rows up by it.
    /// Only SQLite needs telling (the unary <c>+</c>); elsewhere the column as is (PostgreSQL misjudges <c>+x = 1</c>
    /// as rare and picks a plan that is quadratic).
    /// </summary>
    string NotIndexed(string column) => column;

    /// <summary>
    /// A condition that row <paramref name="other"/> of a table is not row <paramref name="row"/> of the same table,
    /// answered from any of its indexes where the engine keeps the row's address in them (SQLite's rowid: <c>AND
    /// o.rowid &lt;&gt; r.rowid</c>), so that a look-up through an index that finds the row itself stops there; empty
    /// elsewhere (the caller's own conditions already tell the rows apart).
    /// </summary>
    string NotSameRow(string other, string row) => string.Empty;

    /// <summary>
    /// The isolation of a read that must see one snapshot across several statements (count then rows, households
    /// then members) while an import may commit: null where a plain transaction already does (SQLite).
    /// </summary>
    System.Data.IsolationLevel? ReadIsolation => null;

    /// <summary>
    /// The verb (<c>UPDATE</c>, <c>INSERT</c>) of a statement that changes many rows inside a transaction its caller
    /// rolls back whole on any error. SQLite's <c>OR FAIL</c> form keeps no journal to undo the statement alone: a
    /// constraint it breaks still fails it, and the caller rolls back. With the plain verb, SQLite first copied every
    /// page such a statement changed to a temporary file (the night after a first run of 325k warnings: 138 MB). The
    /// plain verb elsewhere.
    /// </summary>
    string ManyRows(string verb) => verb;

    /// <summary>Starts a bulk load into <paramref name="target"/> inside <paramref name="transaction"/>.</summary>
    IBulkLoader CreateBulkLoader(DbConnection connection, DbTransaction transaction, BulkTarget target);
}
