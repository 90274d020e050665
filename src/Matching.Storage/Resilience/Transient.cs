using System.Data.Common;
using Matching.Core.Errors;
using Microsoft.Data.Sqlite;
using Polly.Timeout;

namespace Matching.Storage.Resilience;

/// <summary>
/// The one place that decides whether a fault is transient: worth starting the unit of work over (opening a
/// connection, a whole transaction, moving one file). Conservative: anything not named here fails at once.
/// </summary>
public static class Transient
{
    /// <summary>SQLite's <c>SQLITE_BUSY</c>: another connection holds a lock this one needs.</summary>
    public const int SqliteBusy = 5;

    /// <summary>SQLite's <c>SQLITE_LOCKED</c>: a conflict inside one connection or a shared cache.</summary>
    public const int SqliteLocked = 6;

    private const int Win32Facility = unchecked((int)0x80070000);
    private const int ErrorSharingViolation = 32;
    private const int ErrorLockViolation = 33;
    private const int LinuxEwouldblock = 11;
    private const int BsdEwouldblock = 35;

    /// <summary>
    /// True for a transient fault:
    /// <list type="bullet">
    /// <item>a <see cref="DbException"/> whose provider says <see cref="DbException.IsTransient"/> (SQL Server, Npgsql);</item>
    /// <item>a <see cref="SqliteException"/> with <c>SQLITE_BUSY</c> (5) or <c>SQLITE_LOCKED</c> (6): Microsoft.Data.Sqlite
    /// 10 leaves <see cref="DbException.IsTransient"/> false for every code, so the codes decide;</item>
    /// <item>a <see cref="TimeoutException"/>, and an attempt cut off by the pipeline's own timeout;</item>
    /// <item>an <see cref="IOException"/> that is a sharing or lock violation: a scanner or a copy still holds the file.</item>
    /// </list>
    /// Never a cancellation, never a <see cref="MatchingException"/> (bad data, configuration, schema).
    /// </summary>
    /// <remarks>
    /// Microsoft.Data.Sqlite already waits out a busy or locked <em>statement</em> up to its command timeout
    /// (<c>Default Timeout</c>, 30 s), so Storage adds no statement-level loop and no busy handler. A busy or locked
    /// error that still comes out has outlived that wait, or is one that waiting inside the transaction cannot clear
    /// (a COMMIT that returned busy, a stale WAL snapshot); only starting the whole unit over can, so it counts as
    /// transient at that level, a few times, never per row.
    /// </remarks>
    public static bool IsTransient(Exception ex) => ex switch
    {
        null => false,
        OperationCanceledException or MatchingException => false,
        DbException { IsTransient: true } => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        DbException => false,
        TimeoutRejectedException or TimeoutException => true,
        IOException io => IsSharingOrLockViolation(io),
        _ => false,
    };

    /// <summary>
    /// Windows reports a sharing or lock violation as HRESULT 0x80070020 / 0x80070021; .NET on Unix emulates
    /// <see cref="FileShare.None"/> with advisory locks and reports a conflict with the raw errno EWOULDBLOCK. Other
    /// raw errnos are not compared: on Unix 32 and 33 are EPIPE and EDOM.
    /// </summary>
    private static bool IsSharingOrLockViolation(IOException io)
    {
        var hresult = io.HResult;
        if ((hresult & unchecked((int)0xFFFF0000)) == Win32Facility)
        {
            return (hresult & 0xFFFF) is ErrorSharingViolation or ErrorLockViolation;
        }

        return (OperatingSystem.IsLinux() && hresult == LinuxEwouldblock)
            || ((OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) && hresult == BsdEwouldblock);
    }
}
