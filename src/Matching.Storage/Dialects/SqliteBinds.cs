using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Matching.Storage.Dialects;

/// <summary>
/// SQLite's bind calls on the statement's pointer, for <see cref="SqliteRawInsert"/>: as <see cref="SqliteColumns"/>
/// does for reads. Through SQLitePCLRaw each bind takes the statement's SafeHandle and a full GC transition; a run
/// writing 325k new warnings binds ten million values, and those binds were 2.0 s of its 5.3 s of inserting
/// (dotnet-trace, a 1M-person run of a 1M-row list). A bind only stores the value in the statement (text is copied,
/// <see cref="Transient"/>) and returns: nothing calls back into .NET, and only the thread that owns the connection
/// binds. A text bind copies its bytes, so a long text holds a collection off for as long as that copy takes (a few
/// kilobytes at most here). Stepping and resetting the statement (a row's real work: these two keep the GC
/// transition) go through its pointer too, not through SQLitePCLRaw's SafeHandle, whose reference counting per call
/// was about 4% of a 1M-row department import's loading thread (<see cref="SqliteRawReader"/> steps through them too).
/// </summary>
internal static unsafe partial class SqliteBinds
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.</summary>
    private static readonly nint Transient = -1;

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static partial int Null(nint statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static partial int Int64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static partial int Double(nint statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static partial int Text(nint statement, int index, byte* text, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static partial int Reset(nint statement);

    /// <summary>Binds UTF-8 text, copied by SQLite. An empty span binds <c>''</c>, not NULL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Utf8(nint statement, int index, ReadOnlySpan<byte> text)
    {
        // A pointer to a byte that stays valid for the call: SQLite reads no byte of a zero-length text.
        byte empty = 0;
        fixed (byte* start = text)
        {
            return Text(statement, index, text.IsEmpty ? &empty : start, text.Length, Transient);
        }
    }
}
