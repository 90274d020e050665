using System.IO.Compression;
using Matching.Core.Errors;
using Matching.Ingest.Localization;

namespace Matching.Ingest.Tables;

/// <summary>
/// Checks an .xlsx's parts before the Excel reader sees it. The reader loads every shared string into memory before
/// the first row, so an 800 KB file whose shared strings unpack to gigabytes (a zip bomb) would exhaust the machine.
/// The sizes are the ones the zip declares: .NET's <see cref="ZipArchive"/> never unpacks more than an entry declares
/// (a part that lies about its size comes out truncated, and the reader then finds it damaged).
/// </summary>
internal static class XlsxParts
{
    /// <summary>Throws when a part, or the shared strings, unpack to more than the limits; leaves the stream at 0.</summary>
    public static void Check(Stream stream, string path, IngestLimits limits)
    {
        if (!IsZip(stream))
        {
            // An .xls (a compound file: no compression, bounded by the file size) or not a workbook at all, for
            // the reader to refuse.
            return;
        }

        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                if (IsSharedStrings(entry.FullName) && entry.Length > limits.MaxSharedStringsBytes)
                {
                    throw new InputFileException(path, Text.Format("XlsxSharedStringsTooBig", entry.FullName, entry.Length, limits.MaxSharedStringsBytes));
                }

                if (entry.Length > limits.MaxXlsxPartBytes)
                {
                    throw new InputFileException(path, Text.Format("XlsxPartTooBig", entry.FullName, entry.Length, limits.MaxXlsxPartBytes));
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InputFileException(path, Text.Get("NotWorkbook"), inner: ex);
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static bool IsZip(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        var n = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        return n == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
    }

    /// <summary><c>xl/sharedStrings.xml</c> as Excel names it; any name ending so, whatever the case, as other writers do.</summary>
    private static bool IsSharedStrings(string name) => name.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
}
