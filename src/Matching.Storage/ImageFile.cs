using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Matching.Storage;

/// <summary>
/// The frame the persisted population images share (<see cref="PopulationImage"/>, <see cref="RulePopulationImage"/>).
/// Each image starts with a header, little-endian:
/// <code>
/// magic (8 bytes) · format version (int32) · header length (int32) · batch id (int64) · schema version (int32)
/// · the image's own fixed fields, up to its fixed length
/// · sha256 and imported_at of the batch (each: byte length int16, UTF-8)
/// · checksum (XxHash3, int64) of every byte before it and of the payload
/// </code>
/// A file is written whole to a temporary file beside its path, owner-only, then renamed over it: a reader sees the
/// old image or the new one, never half of one.
/// </summary>
internal static class ImageFile
{
    public const int MaxHeader = 1024;
    public const int ChecksumBytes = 8;

    /// <summary>Where the image's own fixed fields start.</summary>
    public const int OwnFields = 28;

    /// <summary>
    /// A header with its stamp filled in; the image's own fixed fields (from <see cref="OwnFields"/> up to
    /// <paramref name="fixedLength"/>) and the checksum are the caller's to write.
    /// </summary>
    /// <exception cref="ArgumentException">The batch's hash and load time do not fit in <see cref="MaxHeader"/>.</exception>
    public static byte[] Header(ReadOnlySpan<byte> magic, int version, int fixedLength, PopulationStamp stamp)
    {
        var sha = Encoding.UTF8.GetBytes(stamp.Sha256);
        var importedAt = Encoding.UTF8.GetBytes(stamp.ImportedAt);
        var header = new byte[fixedLength + 2 + sha.Length + 2 + importedAt.Length + ChecksumBytes];
        if (header.Length > MaxHeader)
        {
            throw new ArgumentException("the batch's hash and load time are too long for an image header", nameof(stamp));
        }

        magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), header.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), stamp.BatchId);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), stamp.SchemaVersion);
        var at = fixedLength;
        foreach (var text in (ReadOnlySpan<byte[]>)[sha, importedAt])
        {
            BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(at), (short)text.Length);
            text.CopyTo(header.AsSpan(at + 2));
            at += 2 + text.Length;
        }

        return header;
    }

    /// <summary>
    /// The whole header, once its fixed part (<paramref name="fixedPart"/>, already read and of the right magic and
    /// version) gave its length; null when that length or the texts in it do not fit together.
    /// </summary>
    public static byte[]? ReadHeader(SafeFileHandle handle, ReadOnlySpan<byte> fixedPart, out string sha, out string importedAt)
    {
        sha = importedAt = string.Empty;
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[12..]);
        if (headerLength < fixedPart.Length + 4 + ChecksumBytes || headerLength > MaxHeader)
        {
            return null;
        }

        var header = new byte[headerLength];
        return ReadExactly(handle, header, 0) && TryReadText(header, fixedPart.Length, out sha, out var next)
            && TryReadText(header, next, out importedAt, out next) && next == headerLength - ChecksumBytes
            ? header
            : null;
    }

    /// <summary>Whether a header read by <see cref="ReadHeader"/> is of <paramref name="stamp"/>'s snapshot.</summary>
    public static bool IsOf(byte[] header, string sha, string importedAt, PopulationStamp stamp) =>
        BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16)) == stamp.BatchId
        && BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(24)) == stamp.SchemaVersion
        && string.Equals(sha, stamp.Sha256, StringComparison.Ordinal) && string.Equals(importedAt, stamp.ImportedAt, StringComparison.Ordinal);

    /// <summary>The checksum a header carries, in its last bytes.</summary>
    public static ulong Checksum(byte[] header) => BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(header.Length - ChecksumBytes));

    /// <summary>Puts <paramref name="checksum"/> in the header's last bytes.</summary>
    public static void Seal(byte[] header, ulong checksum) =>
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(header.Length - ChecksumBytes), checksum);

    /// <summary>
    /// How long a temporary file of an image is left alone: writing one takes a second or two (57 MB at 1M persons),
    /// so one this old was left by a write that was killed.
    /// </summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Writes a file at <paramref name="path"/> through <paramref name="write"/>: into a temporary file beside it,
    /// owner-only (0600; a folder created for it 0700), renamed over it once whole; the temporary file is deleted if
    /// anything fails. Temporary files of the same path that a killed write left (older than <see cref="LeftoverAge"/>)
    /// are deleted first: they hold IDs and names, and nothing else ever would.
    /// </summary>
    public static void Write(string path, Action<FileStream> write)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CreateFolder(folder);
        DeleteLeftovers(folder, Path.GetFileName(path));
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temp, options))
            {
                write(file);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void DeleteLeftovers(string folder, string name)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, $".{name}.*.tmp"))
            {
                try
                {
                    if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > LeftoverAge)
                    {
                        File.Delete(file);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Gone meanwhile, or not ours to delete: the image is written all the same.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be listed: the write below says what is wrong with it, if anything.
        }
    }

    /// <summary>
    /// Reads the image at <paramref name="path"/> through <paramref name="read"/>: <see cref="PopulationImageState.Missing"/>
    /// when there is none or it cannot be opened, and on a big-endian machine (the payload is the arrays' memory as
    /// is); <see cref="PopulationImageState.Invalid"/> when its lengths, offsets or numbers do not fit together behind
    /// a valid checksum (written by something else).
    /// </summary>
    public static PopulationImageState TryRead<T>(string path, Func<SafeFileHandle, (PopulationImageState State, T? Value)> read, out T? value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(path);
        value = null;
        if (!BitConverter.IsLittleEndian)
        {
            return PopulationImageState.Missing;
        }

        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            (var state, value) = read(handle);
            return state;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            value = null;
            return PopulationImageState.Missing;
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            value = null;
            return PopulationImageState.Invalid;
        }
    }

    /// <summary>
    /// Reads the header's fixed part into <paramref name="fixedPart"/> (its length) and checks the magic and format
    /// version; false when the file is shorter or of another format. <paramref name="length"/> is the file's.
    /// </summary>
    public static bool ReadFixedPart(SafeFileHandle handle, Span<byte> fixedPart, ReadOnlySpan<byte> magic, int version, out long length)
    {
        length = RandomAccess.GetLength(handle);
        return length >= fixedPart.Length && ReadExactly(handle, fixedPart, 0)
            && fixedPart[..8].SequenceEqual(magic) && BinaryPrimitives.ReadInt32LittleEndian(fixedPart[8..]) == version;
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; false when the file ends first.</summary>
    public static bool ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
            offset += read;
        }

        return true;
    }

    private static bool TryReadText(byte[] header, int at, out string text, out int next)
    {
        text = string.Empty;
        next = at;
        if (at + 2 > header.Length - ChecksumBytes)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt16LittleEndian(header.AsSpan(at));
        if (length < 0 || at + 2 + length > header.Length - ChecksumBytes)
        {
            return false;
        }

        text = Encoding.UTF8.GetString(header, at + 2, length);
        next = at + 2 + length;
        return true;
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // Only a folder created here gets 0700; an existing one keeps the mode its owner gave it.
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
