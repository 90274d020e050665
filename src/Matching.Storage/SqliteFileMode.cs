using Matching.Core.Errors;
using Microsoft.Data.Sqlite;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>
/// Least disclosure for the embedded database: the file holds every person's data. When a command may create it
/// (<c>matching init</c>, the demo), its folder is created owner-only and the file and its <c>-wal</c>/<c>-shm</c>
/// get <see cref="StorageOptions.FileMode"/>; SQLite creates later <c>-wal</c>/<c>-shm</c> files with the database
/// file's own mode. An existing file opened by other commands is left as it is (a reader in the group of a 0640
/// file cannot change its mode).
/// </summary>
internal static class SqliteFileMode
{
    /// <summary>Before opening: the database's folder, created with the folder mode when missing.</summary>
    public static void PrepareFolder(StorageOptions options)
    {
        if (FileOf(options) is not { } file || OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Path.GetDirectoryName(file);
        if (folder is null || Directory.Exists(folder))
        {
            return;
        }

        var mode = FolderMode(options.FileMode);
        Directory.CreateDirectory(folder, mode);
        File.SetUnixFileMode(folder, mode);
    }

    /// <summary>After opening: the database file and its companions set to the file mode.</summary>
    public static void Apply(StorageOptions options)
    {
        if (FileOf(options) is not { } file || OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in (ReadOnlySpan<string>)[file, file + "-wal", file + "-shm", file + "-journal"])
        {
            try
            {
                if (File.Exists(path))
                {
                    File.SetUnixFileMode(path, options.FileMode);
                }
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new MatchingException(Text.Format("FileModeFailed", path, ex.Message), ex);
            }
        }
    }

    internal static UnixFileMode FolderMode(UnixFileMode fileMode)
    {
        var mode = fileMode | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        return (mode & UnixFileMode.GroupRead) != 0 ? mode | UnixFileMode.GroupExecute : mode;
    }

    /// <summary>The database file's full path, for a SQLite file a command may create; otherwise null.</summary>
    private static string? FileOf(StorageOptions options)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        return builder.Mode == SqliteOpenMode.ReadWriteCreate && builder.DataSource is not ("" or ":memory:")
            ? Path.GetFullPath(builder.DataSource)
            : null;
    }
}
