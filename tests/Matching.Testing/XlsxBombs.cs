using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Matching.Testing;

/// <summary>
/// Hostile .xlsx files (issue 19): a workbook from <see cref="XlsxBuilder"/> with a part that unpacks to far more than
/// it takes in the zip, or that lies about its size.
/// </summary>
public static class XlsxBombs
{
    /// <summary>The workbook with a shared-strings part of about <paramref name="bytes"/> bytes (one long string), referenced from the workbook.</summary>
    public static byte[] WithSharedStrings(byte[] workbook, int bytes)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>");
        text.Append('a', Math.Max(0, bytes - 200));
        text.Append("</t></si></sst>");
        return WithPart(workbook, "xl/sharedStrings.xml", Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The workbook with one more part, and the relationship from the workbook that points to the shared strings.</summary>
    public static byte[] WithPart(byte[] workbook, string name, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var rels = zip.GetEntry("xl/_rels/workbook.xml.rels") ?? throw new InvalidOperationException("not an XlsxBuilder workbook");
            string xml;
            using (var reader = new StreamReader(rels.Open()))
            {
                xml = reader.ReadToEnd();
            }

            rels.Delete();
            xml = xml.Replace("</Relationships>",
                "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
                StringComparison.Ordinal);
            using (var writer = new StreamWriter(zip.CreateEntry("xl/_rels/workbook.xml.rels").Open()))
            {
                writer.Write(xml);
            }

            using var part = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            part.Write(content);
        }

        return buffer.ToArray();
    }

    /// <summary>Rewrites the unpacked size an entry declares, in its local header and in the central directory.</summary>
    public static byte[] DeclareSize(byte[] zip, string name, uint size)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var copy = (byte[])zip.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < copy.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(i));
            if (signature == 0x04034b50 && copy.AsSpan(i + 30).StartsWith(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && copy.AsSpan(i + 46).StartsWith(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 24), size);
            }
        }

        return copy;
    }
}
