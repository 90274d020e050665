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

    /// <summary>True when another connection holds the write lock: this one's <c>BEGIN IMMEDIATE</c> is refused busy.</summary>
    public static bool WriterActive(SqliteConnection probe)
    {
        var rc = SQLitePCL.raw.sqlite3_exec(probe.Handle, "BEGIN IMMEDIATE");
        if (rc == SQLitePCL.raw.SQLITE_BUSY)
        {
            return true;
        }

        Assert.Equal(SQLitePCL.raw.SQLITE_OK, rc);
        Exec(probe, "ROLLBACK");
        return false;
    }

    private static void Exec(SqliteConnection connection, string sql) =>
        Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_exec(connection.Handle, sql));
}
