using System.Globalization;
using System.Text;

namespace Matching.Cli;

/// <summary>
/// Names (files, folders, cells, notes) as they may be shown on one line of stdout, stderr or the worker log. A file
/// name can hold any character but / and NUL: a newline in one (<c>d\nINF fake 419001….csv</c>) would forge a line
/// of its own, an escape sequence would drive the terminal, a bidi control would show the name reversed. Such
/// characters are written out as escapes; everything else, Chinese included, is shown as it is.
/// </summary>
internal static class DisplayText
{
    /// <summary>
    /// <paramref name="text"/> padded to <paramref name="width"/> terminal columns, a Chinese character taking two (a
    /// table's column lines up in either language); a negative width pads on the left.
    /// </summary>
    public static string Pad(string text, int width)
    {
        var columns = text.Sum(ch => ch >= '\u2E80' ? 2 : 1);
        var spaces = new string(' ', Math.Max(0, Math.Abs(width) - columns));
        return width < 0 ? spaces + text : text + spaces;
    }

    /// <summary>
    /// <paramref name="text"/> with control characters escaped: <c>\n</c>, <c>\r</c>, <c>\t</c> as those two
    /// characters, every other C0 or C1 control, DEL, the line and paragraph separators and the bidi controls as
    /// <c>\uXXXX</c>. The same string when there is nothing to escape (no allocation).
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var first = FirstToEscape(text);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c))
            {
                escaped.Append(c);
                continue;
            }

            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
            });
        }

        return escaped.ToString();
    }

    private static int FirstToEscape(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsEscape(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool NeedsEscape(char c) => c switch
    {
        < '\u0020' or '\u007F' => true,
        >= '\u0080' and <= '\u009F' => true,
        '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
