using System.Text;
using System.Xml;

namespace Matching.Export.Workbooks;

/// <summary>A worksheet part streamed through: sheetPr's fit to page, the filter's range, protection, page setup.</summary>
internal static partial class PackageFinisher
{
    private static void Sheet(Stream from, Stream to, SheetFinish finish)
    {
        using var reader = XmlReader.Create(from, new XmlReaderSettings { IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit });
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        writer.WriteStartDocument();
        reader.MoveToContent();
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        writer.WriteAttributes(reader, defattr: false);
        var pageSetupWritten = false;
        var first = true;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                var name = reader.LocalName;
                if (first && name != "sheetPr")
                {
                    SheetProperties(writer);
                }

                first = false;
                if (!pageSetupWritten && AfterPageSetup.Contains(name))
                {
                    PageSetup(writer, finish);
                    pageSetupWritten = true;
                }

                switch (name)
                {
                    case "sheetPr":
                        CopySheetProperties(reader, writer);
                        break;
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

        if (first)
        {
            SheetProperties(writer);
        }

        if (!pageSetupWritten)
        {
            PageSetup(writer, finish);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
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
