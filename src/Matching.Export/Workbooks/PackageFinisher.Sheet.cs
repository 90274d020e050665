using System.Text;
using System.Xml;

namespace Matching.Export.Workbooks;

/// <summary>
/// A worksheet part streamed through: sheetPr's fit to page, the filter's range, protection, page setup. Only what comes
/// before and after the rows goes through the XML reader and writer; the rows themselves (<c>sheetData</c>: all but a
/// few KB of a sheet of 200k warnings) are copied as the bytes SpreadCheetah wrote, which parsing and writing again
/// took a third of an export's time for.
/// </summary>
internal static partial class PackageFinisher
{
    private static readonly XmlReaderSettings SheetReading = new() { IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit };

    private static ReadOnlySpan<byte> RowsStart => "<sheetData"u8;

    private static ReadOnlySpan<byte> RowsEnd => "</sheetData>"u8;

    internal static void Sheet(Stream from, Stream to, SheetFinish finish)
    {
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        var state = new SheetState();
        writer.WriteStartDocument();
        var (head, rows) = ReadToRows(from);
        if (rows is null)
        {
            // No rows element found as SpreadCheetah writes it: the whole (small) part through the reader.
            using var whole = XmlReader.Create(new MemoryStream(head), SheetReading);
            var root = StartRoot(whole, writer);
            if (root is not null)
            {
                Children(whole, writer, finish, state, stopAtRows: false);
            }

            EndRoot(writer, finish, state);
            return;
        }

        // What comes before the rows, with an empty rows element standing in for them, up to it.
        string rootTag;
        using (var before = XmlReader.Create(new MemoryStream([.. head, .. "<sheetData/>"u8, .. RootEnd(head)]), SheetReading))
        {
            rootTag = StartRoot(before, writer) ?? throw new XmlException("a worksheet part whose root is empty before its rows");
            Children(before, writer, finish, state, stopAtRows: true);
        }

        // The rows as written, then what comes after them.
        writer.Flush();
        var tail = CopyRows(rows, from, to);
        if (finish.Protect)
        {
            Protection(writer);
        }

        using (var after = XmlReader.Create(new MemoryStream([.. Encoding.UTF8.GetBytes(rootTag), .. tail]), SheetReading))
        {
            after.MoveToContent();
            if (!after.IsEmptyElement)
            {
                after.Read();
                Children(after, writer, finish, state, stopAtRows: false);
            }
        }

        EndRoot(writer, finish, state);
    }

    private sealed class SheetState
    {
        public bool First { get; set; } = true;

        public bool PageSetupWritten { get; set; }
    }

    /// <summary>Writes the root element's start as read; returns it as a start tag (for what follows the rows), or null for an empty root.</summary>
    private static string? StartRoot(XmlReader reader, XmlWriter writer)
    {
        reader.MoveToContent();
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        var tag = new StringBuilder("<").Append(reader.Name);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                tag.Append(' ').Append(reader.Name).Append("=\"").Append(System.Security.SecurityElement.Escape(reader.Value)).Append('"');
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        writer.WriteAttributes(reader, defattr: false);
        if (reader.IsEmptyElement)
        {
            return null;
        }

        reader.Read();
        return tag.Append('>').ToString();
    }

    /// <summary>
    /// Copies the children of the root the reader is in, until its end, or with <paramref name="stopAtRows"/> until the
    /// rows (the reader left on them). What comes before the page setup gets it first; the first child sheetPr.
    /// </summary>
    private static void Children(XmlReader reader, XmlWriter writer, SheetFinish finish, SheetState state, bool stopAtRows)
    {
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            var name = reader.LocalName;
            if (state.First && name != "sheetPr")
            {
                SheetProperties(writer);
            }

            state.First = false;
            if (!state.PageSetupWritten && AfterPageSetup.Contains(name))
            {
                PageSetup(writer, finish);
                state.PageSetupWritten = true;
            }

            switch (name)
            {
                case "sheetPr":
                    CopySheetProperties(reader, writer);
                    break;
                case "sheetData" when stopAtRows:
                    return;
                case "sheetData":
                    writer.WriteNode(reader, defattr: false);
                    if (finish.Protect)
                    {
                        Protection(writer);
                    }

                    continue;
                case "autoFilter" when finish.AutoFilter is not null:
                    writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    writer.WriteAttributeString("ref", finish.AutoFilter);
                    writer.WriteEndElement();
                    reader.Skip();
                    continue;
                case var replaced when Replaced.Contains(replaced):
                    reader.Skip();
                    continue;
                default:
                    writer.WriteNode(reader, defattr: false);
                    continue;
            }

            reader.Read();
        }
    }

    private static void EndRoot(XmlWriter writer, SheetFinish finish, SheetState state)
    {
        if (state.First)
        {
            SheetProperties(writer);
        }

        if (!state.PageSetupWritten)
        {
            PageSetup(writer, finish);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    /// <summary>
    /// Reads the part up to its rows element: what comes before it, and what was read from its start on (null when the
    /// part has none; the head is then the whole part). Cell text is escaped, so the tag's bytes appear nowhere else.
    /// </summary>
    private static (byte[] Head, byte[]? Rows) ReadToRows(Stream from)
    {
        var read = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = from.Read(buffer)) > 0)
        {
            var searchFrom = (int)Math.Max(0, read.Length - (RowsStart.Length - 1));
            read.Write(buffer, 0, n);
            var at = read.GetBuffer().AsSpan(searchFrom, (int)read.Length - searchFrom).IndexOf(RowsStart);
            if (at >= 0)
            {
                var all = read.GetBuffer().AsSpan(0, (int)read.Length);
                return (all[..(searchFrom + at)].ToArray(), all[(searchFrom + at)..].ToArray());
            }
        }

        return (read.ToArray(), null);
    }

    /// <summary>The end tag of the root that <paramref name="head"/> starts (for the stand-in before the rows).</summary>
    private static byte[] RootEnd(byte[] head)
    {
        using var reader = XmlReader.Create(new MemoryStream(head), SheetReading);
        reader.MoveToContent();
        return Encoding.UTF8.GetBytes("</" + reader.Name + ">");
    }

    /// <summary>
    /// Copies the rows element, whose first bytes are <paramref name="started"/>, from <paramref name="from"/> to
    /// <paramref name="to"/> as it is; returns what follows it in the part (read to its end: a few KB).
    /// </summary>
    private static byte[] CopyRows(byte[] started, Stream from, Stream to)
    {
        var pending = new List<byte>(started);
        var buffer = new byte[64 * 1024];

        // The start tag first: closed by "/>", the element is empty.
        int close;
        while ((close = pending.IndexOf((byte)'>')) < 0)
        {
            ReadMore(from, buffer, pending);
        }

        if (pending[close - 1] == (byte)'/')
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending);
            to.Write(span[..(close + 1)]);
            return [.. span[(close + 1)..], .. ReadRest(from)];
        }

        // Then the end tag, keeping back the bytes that could be its beginning when a chunk ends.
        while (true)
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending);
            var at = span.IndexOf(RowsEnd);
            if (at >= 0)
            {
                to.Write(span[..(at + RowsEnd.Length)]);
                return [.. span[(at + RowsEnd.Length)..], .. ReadRest(from)];
            }

            var keep = Math.Min(span.Length, RowsEnd.Length - 1);
            to.Write(span[..^keep]);
            pending.RemoveRange(0, span.Length - keep);
            ReadMore(from, buffer, pending);
        }
    }

    private static void ReadMore(Stream from, byte[] buffer, List<byte> pending)
    {
        var n = from.Read(buffer);
        if (n == 0)
        {
            throw new XmlException("a worksheet part whose rows do not end");
        }

        pending.AddRange(buffer.AsSpan(0, n));
    }

    private static byte[] ReadRest(Stream from)
    {
        using var rest = new MemoryStream();
        from.CopyTo(rest);
        return rest.ToArray();
    }

    /// <summary>Fit to page (the page setup says how: one page wide, as many long as it takes).</summary>
    private static void SheetProperties(XmlWriter writer)
    {
        writer.WriteStartElement("sheetPr", Main);
        FitToPage(writer);
        writer.WriteEndElement();
    }

    private static void FitToPage(XmlWriter writer)
    {
        writer.WriteStartElement("pageSetUpPr", Main);
        writer.WriteAttributeString("fitToPage", "1");
        writer.WriteEndElement();
    }

    /// <summary>An existing sheetPr (a tab colour): its children kept, fit to page added after them.</summary>
    private static void CopySheetProperties(XmlReader reader, XmlWriter writer)
    {
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        writer.WriteAttributes(reader, defattr: false);
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "pageSetUpPr")
                {
                    reader.Skip();
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    writer.WriteNode(reader, defattr: false);
                }
                else
                {
                    reader.Read();
                }
            }
        }

        FitToPage(writer);
        writer.WriteEndElement();
    }

    /// <summary>
    /// Locked cells cannot be changed; everything a clerk does with a list stays allowed: filter, sort, widen
    /// columns, change row heights, insert and delete rows. <c>0</c> means "not protected" in these attributes.
    /// </summary>
    private static void Protection(XmlWriter writer)
    {
        writer.WriteStartElement("sheetProtection", Main);
        foreach (var (name, value) in new[]
        {
            ("sheet", "1"), ("objects", "1"), ("scenarios", "1"), ("formatColumns", "0"), ("formatRows", "0"),
            ("insertRows", "0"), ("deleteRows", "0"), ("sort", "0"), ("autoFilter", "0"),
        })
        {
            writer.WriteAttributeString(name, value);
        }

        writer.WriteEndElement();
    }

    /// <summary>A4 landscape, narrow margins, one page wide; the page header on top, 第 n 页，共 m 页 at the bottom.</summary>
    private static void PageSetup(XmlWriter writer, SheetFinish finish)
    {
        writer.WriteStartElement("pageMargins", Main);
        foreach (var (name, value) in new[] { ("left", "0.4"), ("right", "0.4"), ("top", "0.6"), ("bottom", "0.6"), ("header", "0.25"), ("footer", "0.25") })
        {
            writer.WriteAttributeString(name, value);
        }

        writer.WriteEndElement();
        writer.WriteStartElement("pageSetup", Main);
        writer.WriteAttributeString("paperSize", "9");
        writer.WriteAttributeString("orientation", "landscape");
        writer.WriteAttributeString("fitToWidth", "1");
        writer.WriteAttributeString("fitToHeight", "0");
        writer.WriteEndElement();
        writer.WriteStartElement("headerFooter", Main);
        if (finish.PageHeader is { Length: > 0 } header)
        {
            writer.WriteElementString("oddHeader", Main, "&L" + HeaderText(header));
        }

        writer.WriteElementString("oddFooter", Main, "&C第 &P 页，共 &N 页");
        writer.WriteEndElement();
    }

    /// <summary>An ampersand starts a code in header text: a literal one is doubled.</summary>
    private static string HeaderText(string text) => text.Replace("&", "&&", StringComparison.Ordinal);
}
