using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Matching.Ingest.Tables;

/// <summary>
/// What a path is (regular file, FIFO, device, socket, folder) and which file it is (device and inode), links
/// followed. .NET has no public API for either: <see cref="FileInfo"/> calls a FIFO or <c>/dev/zero</c> a file of
/// length 0, and opening a FIFO blocks until someone writes to it. On Unix this asks <c>stat(2)</c> through the
/// runtime's own native shim (<c>libSystem.Native</c>, shipped with every .NET runtime), whose <c>FileStatus</c>
/// layout is the same on every Unix; on Windows, where a folder holds no FIFOs or devices, what .NET knows suffices.
/// </summary>
internal readonly record struct FileStatus(FileKind Kind, long Size, long Device, long Inode)
{
    // The runtime's PAL constants (pal_io.h), the same on every Unix.
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharDevice = 0x2000;
    private const int Directory = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int Regular = 0x8000;
    private const int Socket = 0xC000;

    /// <summary>The status of <paramref name="path"/>, links followed; <see cref="FileKind.Missing"/> when there is nothing.</summary>
    public static FileStatus Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return OfManaged(path);
        }

        try
        {
            if (NativeStat(path, out var status) != 0)
            {
                // ENOENT, a dangling link, a component that is not a folder, no permission to search a folder.
                return new FileStatus(FileKind.Missing, 0, 0, 0);
            }

            var kind = (status.Mode & TypeMask) switch
            {
                Regular => FileKind.Regular,
                Directory => FileKind.Directory,
                Fifo => FileKind.Fifo,
                CharDevice => FileKind.CharacterDevice,
                BlockDevice => FileKind.BlockDevice,
                Socket => FileKind.Socket,
                _ => FileKind.Other,
            };
            return new FileStatus(kind, status.Size, status.Dev, status.Ino);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A runtime without the shim: fall back to what .NET sees (a FIFO or device then shows as length 0,
            // which the caller refuses as empty before opening it).
            return OfManaged(path);
        }
    }

    private static FileStatus OfManaged(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            return new FileStatus(FileKind.Directory, 0, 0, 0);
        }

        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists)
        {
            return new FileStatus(FileKind.Missing, 0, 0, 0);
        }

        // FileInfo.Length of a link is the link's own size: measure its final target.
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                return new FileStatus(FileKind.Missing, 0, 0, 0);
            }

            info = target;
        }

        return info is FileInfo file
            ? new FileStatus(FileKind.Regular, file.Length, 0, 0)
            : new FileStatus(FileKind.Directory, 0, 0, 0);
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeStat(byte[] utf8Path, out NativeFileStatus status);

    private static int NativeStat(string path, out NativeFileStatus status)
    {
        // The path as NUL-terminated UTF-8, as the runtime passes it: no string marshalling to configure.
        var utf8 = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, utf8);
        return NativeStat(utf8, out status);
    }

    /// <summary>The runtime's <c>FileStatus</c> (pal_io.h), with room to spare should it grow.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long ATime;
        public long ATimeNsec;
        public long MTime;
        public long MTimeNsec;
        public long CTime;
        public long CTimeNsec;
        public long BirthTime;
        public long BirthTimeNsec;
        public long Dev;
        public long RDev;
        public long Ino;
        public uint UserFlags;
        public Spare Reserved;
    }

    [InlineArray(16)]
    private struct Spare
    {
        private long _element;
    }
}
