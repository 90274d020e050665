using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Dialects;

/// <summary>
/// A connection's own mutex (<c>sqlite3_db_mutex</c>), which SQLite in its serialized mode (the bundle's) takes and
/// gives back around every call on the connection, each column read included. Held across a whole read, each of those
/// calls only counts itself in and out of a mutex this thread already owns (a recursive one), instead of locking it:
/// about 0.3 s of the 2.3 s a run took to load a million persons from the database. Only for a read that runs to its
/// end on one thread, with no <c>await</c> in it: the thread that takes the mutex must give it back. The library is
/// the one SQLitePCLRaw's bundle already loaded (e_sqlite3).
/// </summary>
internal static partial class SqliteMutex
{
    private const string Library = "e_sqlite3";

    /// <summary>Takes <paramref name="connection"/>'s mutex until the returned hold is disposed, on this thread.</summary>
    public static Hold Take(SqliteConnection connection)
    {
        var mutex = DbMutex(connection.Handle!.DangerousGetHandle());
        Enter(mutex);
        return new Hold(mutex);
    }

    /// <summary>A connection's mutex, taken (<see cref="Take"/>): given back by <see cref="Dispose"/>, once.</summary>
    public sealed class Hold(nint mutex) : IDisposable
    {
        private nint _mutex = mutex;

        public void Dispose()
        {
            // On the thread that took it (a hold is never shared), so no atomics.
            if (_mutex != 0)
            {
                Leave(_mutex);
                _mutex = 0;
            }
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_db_mutex")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial nint DbMutex(nint connection);

    [LibraryImport(Library, EntryPoint = "sqlite3_mutex_enter")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial void Enter(nint mutex);

    [LibraryImport(Library, EntryPoint = "sqlite3_mutex_leave")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial void Leave(nint mutex);
}
