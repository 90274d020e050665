using Matching.Core.Errors;
using Matching.Ingest.Localization;

namespace Matching.Ingest.Tables;

/// <summary>
/// What may be read as an input file: a regular file (a link to one is fine), not empty, within
/// <see cref="IngestLimits.MaxFileBytes"/>. Checked before a file is hashed or opened, so that a FIFO (opening it
/// waits for a writer), a device (<c>/dev/zero</c> never ends) or a socket can never hang a command or the worker.
/// </summary>
public static class InputFile
{
    /// <summary>Refuses anything but a regular, non-empty file within the size limit; returns its size.</summary>
    /// <exception cref="InputFileException">The path is missing, not a regular file, empty or too large.</exception>
    public static long Require(string path, IngestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        var status = FileStatus.Of(path);
        var problem = NotRegular(status);
        if (problem is not null)
        {
            throw new InputFileException(path, problem);
        }

        if (status.Size == 0)
        {
            throw new InputFileException(path, Text.Get("FileEmpty"));
        }

        if (status.Size > limits.MaxFileBytes)
        {
            throw new InputFileException(path, Text.Format("FileTooBig", status.Size, limits.MaxFileBytes));
        }

        return status.Size;
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be read as an input file (a FIFO, a device, a socket, a folder, nothing), or
    /// null for a regular file. Never opens it.
    /// </summary>
    public static string? NotRegular(string path) => NotRegular(FileStatus.Of(path));

    /// <summary>As <see cref="NotRegular(string)"/>; <paramref name="size"/> is the file's size, links followed.</summary>
    public static string? NotRegular(string path, out long size)
    {
        var status = FileStatus.Of(path);
        size = status.Size;
        return NotRegular(status);
    }

    /// <summary>
    /// Whether two paths name the same file: the same device and inode (so also through a link, a hard link or
    /// <c>..</c>), or on Windows the same full path once links are resolved. False when either does not exist.
    /// </summary>
    public static bool IsSameFile(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = FileStatus.Of(first);
        var b = FileStatus.Of(second);
        if (a.Kind == FileKind.Missing || b.Kind == FileKind.Missing)
        {
            return false;
        }

        if (a.Inode != 0 || b.Inode != 0)
        {
            return a.Device == b.Device && a.Inode == b.Inode;
        }

        return string.Equals(FinalPath(first), FinalPath(second), StringComparison.OrdinalIgnoreCase);
    }

    private static string FinalPath(string path)
    {
        var info = new FileInfo(path);
        var target = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true);
        return Path.GetFullPath((target ?? info).FullName);
    }

    private static string? NotRegular(FileStatus status) => status.Kind switch
    {
        FileKind.Regular => null,
        FileKind.Missing => Text.Get("NoSuchFile"),
        FileKind.Directory => Text.Get("IsFolder"),
        FileKind.Fifo => Text.Get("IsFifo"),
        FileKind.CharacterDevice => Text.Get("IsCharacterDevice"),
        FileKind.BlockDevice => Text.Get("IsBlockDevice"),
        FileKind.Socket => Text.Get("IsSocket"),
        _ => Text.Get("IsNotRegular"),
    };
}
