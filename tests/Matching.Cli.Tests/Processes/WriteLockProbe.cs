using Microsoft.Data.Sqlite;

namespace Matching.Cli.Tests.Processes;

/// <summary>
/// The test's own connection to a SQLite database that a program under test writes: it asks, without waiting,
/// whether another process holds the write lock (a write transaction is under way there).
/// </summary>
internal static class WriteLockProbe
{
    /// <summary>A connection that never waits on a lock (busy timeout 0), not pooled.</summary>
    public static async Task<SqliteConnection> OpenAsync(string database)
    {
        var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await probe.OpenAsync();
        Exec(probe, "PRAGMA busy_timeout = 0");
        return probe;
    }

    /// <summary>
    /// True when another connection holds the write lock: this one's <c>BEGIN IMMEDIATE</c> is refused busy. Any other
    /// refusal is thrown (<see cref="SqliteException"/>; see <see cref="LookAsync"/>).
    /// </summary>
    public static bool WriterActive(SqliteConnection probe)
    {
        var rc = SQLitePCL.raw.sqlite3_exec(probe.Handle, "BEGIN IMMEDIATE");
        if (rc == SQLitePCL.raw.SQLITE_BUSY)
        {
            return true;
        }

        SqliteException.ThrowExceptionForRC(rc, probe.Handle);
        Exec(probe, "ROLLBACK");
        return false;
    }

    /// <summary>
    /// A look at the database while the program that writes it is frozen (<see cref="CliProcess.FreezeWhenAsync"/>).
    /// Frozen at some moments of a write (SQLite's shared WAL index left half changed, its locks held), it makes another
    /// process's read retry until SQLite gives up, about ten seconds later, with <c>SQLITE_PROTOCOL</c> (seen in a CI
    /// run, 2026-12-07) or busy: the look then answers "not at this moment", and the program runs another slice.
    /// Anything else still fails the test.
    /// </summary>
    public static async Task<bool> LookAsync(Func<Task<bool>> look)
    {
        ArgumentNullException.ThrowIfNull(look);
        try
        {
            return await look();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_PROTOCOL or SQLitePCL.raw.SQLITE_BUSY)
        {
            return false;
        }
    }

    private static void Exec(SqliteConnection connection, string sql) =>
        Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_exec(connection.Handle, sql));
}
