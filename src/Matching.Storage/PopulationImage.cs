using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Matching.Core.Population;
using Microsoft.Win32.SafeHandles;

namespace Matching.Storage;

/// <summary>
/// A <see cref="PopulationIndex"/> (keys and packed names) persisted as one file, so that <c>match</c> reads a million
/// persons in one sequential read instead of a million rows from the database. It holds IDs and names: written owner-only
/// (0600, its folder 0700) on Unix. Layout, little-endian:
/// <code>
/// "MATCHPIX" · format version (int32) · header length (int32: where the payload starts)
/// batch id (int64) · schema version (int32) · persons (int32) · name chars (int32)
/// sha256 and imported_at of the batch (each: byte length int16, UTF-8)
/// checksum (XxHash3, int64) of every byte before it and of the payload
/// payload: keys (persons × int64) · name offsets ((persons + 1) × int32) · names (chars × UTF-16)
///          · the look-up table by key (<see cref="PopulationIndex.LookupTable"/>: 16-byte slots, twice the persons
///            rounded up to a power of two)
/// </code>
/// An image is used only when everything checks: magic, version, length, the snapshot's stamp, then the checksum;
/// anything else means building the index from the database again. Version 2 added the look-up table: building it
/// from the keys was about a tenth of a second of a 1M-person <c>match</c>; reading and checking it, a few tens of
/// milliseconds. A change to how the table hashes or probes (<c>KeyTable</c>) bumps the version too.
/// </summary>
public static class PopulationImage
{
    /// <summary>Bumped whenever the layout changes: an image of another version is never read.</summary>
    public const int FormatVersion = 2;

    private const int FixedHeader = 36;

    private static ReadOnlySpan<byte> Magic => "MATCHPIX"u8;

    /// <summary>
    /// Writes the image whole to a temporary file beside <paramref name="path"/>, then renames it over: a reader sees the
    /// old image or the new one, never half of one.
    /// </summary>
    public static void Write(string path, PopulationIndex index, PopulationStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(stamp);
        if (!BitConverter.IsLittleEndian)
        {
            return; // the payload is the arrays' memory as is: only little-endian machines write (and read) it
        }

        var names = index.Names;
        var header = Header(stamp, index.Count, names.Length);
        var keys = MemoryMarshal.AsBytes(index.Keys);
        var starts = MemoryMarshal.AsBytes(names.Starts.AsSpan());
        var chars = MemoryMarshal.AsBytes(names.Chars.AsSpan(0, names.Length));
        var table = index.LookupTable;
        var hash = new XxHash3();
        hash.Append(header.AsSpan(0, header.Length - ImageFile.ChecksumBytes));
        hash.Append(keys);
        hash.Append(starts);
        hash.Append(chars);
        hash.Append(table);
        ImageFile.Seal(header, hash.GetCurrentHashAsUInt64());
        ImageFile.Write(path, file =>
        {
            file.Write(header);
            file.Write(MemoryMarshal.AsBytes(index.Keys));
            file.Write(MemoryMarshal.AsBytes(names.Starts.AsSpan()));
            file.Write(MemoryMarshal.AsBytes(names.Chars.AsSpan(0, names.Length)));
            file.Write(index.LookupTable);
        });
    }

    /// <summary>
    /// Reads the image at <paramref name="path"/> when it is sound and of <paramref name="stamp"/>'s snapshot
    /// (<see cref="PopulationImageState.Valid"/>); <paramref name="index"/> is null otherwise.
    /// </summary>
    public static PopulationImageState TryRead(string path, PopulationStamp stamp, out PopulationIndex? index)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        return ImageFile.TryRead(path, handle => (Read(handle, stamp, out var read), read), out index);
    }

    private static PopulationImageState Read(SafeFileHandle handle, PopulationStamp stamp, out PopulationIndex? index)
    {
        index = null;
        Span<byte> fixedPart = stackalloc byte[FixedHeader];
        if (!ImageFile.ReadFixedPart(handle, fixedPart, Magic, FormatVersion, out var length))
        {
            return PopulationImageState.Invalid;
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[12..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[28..]);
        var chars = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[32..]);
        if (count < 0 || chars < 0
            || length != headerLength + (count * 8L) + ((count + 1L) * 4) + (chars * 2L) + PopulationIndex.LookupTableLength(count)
            || ImageFile.ReadHeader(handle, fixedPart, out var sha, out var importedAt) is not { } header)
        {
            return PopulationImageState.Invalid;
        }

        if (!ImageFile.IsOf(header, sha, importedAt, stamp))
        {
            return PopulationImageState.Stale;
        }

        // Read straight into arrays on 2 MB pages: a fault for each 4 KB page was a tenth of a second of a match.
        var keys = HugePages.NewArray<long>(count);
        var starts = HugePages.NewArray<int>(count + 1);
        var nameChars = HugePages.NewArray<char>(chars);
        var keyBytes = MemoryMarshal.AsBytes(keys.AsSpan());
        var startBytes = MemoryMarshal.AsBytes(starts.AsSpan());
        var charBytes = MemoryMarshal.AsBytes(nameChars.AsSpan());
        if (!ImageFile.ReadExactly(handle, keyBytes, headerLength) || !ImageFile.ReadExactly(handle, startBytes, headerLength + keyBytes.Length)
            || !ImageFile.ReadExactly(handle, charBytes, headerLength + keyBytes.Length + (long)startBytes.Length))
        {
            return PopulationImageState.Invalid;
        }

        var hash = new XxHash3();
        hash.Append(header.AsSpan(0, headerLength - ImageFile.ChecksumBytes));
        hash.Append(keyBytes);
        hash.Append(startBytes);
        hash.Append(charBytes);
        var tableAt = headerLength + keyBytes.Length + (long)startBytes.Length + charBytes.Length;
        // Offsets that do not ascend throw ArgumentException: written by something else (ImageFile.TryRead: Invalid).
        var read = PopulationIndex.Restore(keys, new PackedNames(nameChars, starts), table =>
        {
            if (!ImageFile.ReadExactly(handle, table, tableAt))
            {
                return false;
            }

            hash.Append(table);
            return true;
        });

        if (read is null || hash.GetCurrentHashAsUInt64() != ImageFile.Checksum(header))
        {
            return PopulationImageState.Invalid;
        }

        index = read;
        return PopulationImageState.Valid;
    }

    private static byte[] Header(PopulationStamp stamp, int count, int chars)
    {
        var header = ImageFile.Header(Magic, FormatVersion, FixedHeader, stamp);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(ImageFile.OwnFields), count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(ImageFile.OwnFields + 4), chars);
        return header;
    }
}
