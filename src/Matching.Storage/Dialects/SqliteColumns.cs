using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Matching.Storage.Dialects;

/// <summary>
/// SQLite's column accessors called directly on the statement's pointer, for <see cref="SqliteRawReader"/>. Through
/// SQLitePCLRaw each call takes the statement's SafeHandle (a reference count up and down) and a full GC transition;
/// a run reads about twenty values a row from millions of rows, and that overhead was the larger part of reading them
/// (profiled here: 5.9 s of a 11.3 s fill of 6.09M records). These only read the current row and return at once,
/// which is what <see cref="SuppressGCTransitionAttribute"/> asks of a function. The library is the one
/// SQLitePCLRaw's bundle already loaded (e_sqlite3).
/// </summary>
internal static unsafe partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static partial int Type(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static partial long Int64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static partial double Double(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static partial byte* Blob(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static partial int Bytes(nint statement, int column);

    /// <summary>A column's bytes as SQLite holds them (a text column's UTF-8, unconverted); valid until the statement steps again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ReadOnlySpan<byte> Utf8(nint statement, int column)
    {
        // Blob first, then its length, as SQLite asks.
        var start = Blob(statement, column);
        return start is null ? default : new ReadOnlySpan<byte>(start, Bytes(statement, column));
    }
}
