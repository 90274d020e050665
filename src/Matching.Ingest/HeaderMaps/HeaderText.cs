using System.Text;

namespace Matching.Ingest.HeaderMaps;

/// <summary>
/// Header cells compared loosely, as real exports write them: spaces and line breaks inside the cell dropped,
/// full-width forms folded to half-width (（元） → (元), ：→ :, Ａ → a), 【】 and 〔〕 read as [], required-field stars
/// dropped, letters lower-cased. A header may also carry a unit or note in brackets (家庭年收入（元）, 个人自付(单位：元),
/// 【必填】身份证号): <see cref="Forms"/> gives the cell as written, then with its notes taken off.
/// </summary>
public static class HeaderText
{
    public static string Normalize(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (char.IsWhiteSpace(c) || c is '*' or '＊' or '\uFEFF' or '\u200B')
            {
                continue;
            }

            text.Append(char.ToLowerInvariant(HalfWidth(c)));
        }

        return text.ToString();
    }

    /// <summary>A full-width form as its half-width one (ＡＢ１（ → AB1(), 【】〔〕〖〗 as []; anything else as it is.</summary>
    public static char HalfWidth(char c) => c switch
    {
        >= '！' and <= '～' => (char)(c - 0xFEE0),
        '【' or '〔' or '〖' => '[',
        '】' or '〕' or '〗' => ']',
        _ => c,
    };

    /// <summary>
    /// The ways a header cell may name a field, most literal first: the cell normalised, then with its trailing
    /// bracketed notes taken off one by one (镇（街道）（必填） → 镇(街道)(必填), 镇(街道), 镇), then with every bracketed part
    /// taken off ([必填]身份证号 → 身份证号). A configured name that has brackets of its own (镇（街道）) is thus matched as
    /// written before anything is taken off. Never empty: a cell that is all brackets stays as it is.
    /// </summary>
    public static IReadOnlyList<string> Forms(string header)
    {
        var full = Normalize(header);
        var forms = new List<string>(3) { full };
        var text = full;
        while (text.Length > 0 && text[^1] is ')' or ']' && OpeningOf(text) is > 0 and var open)
        {
            text = text[..open];
            forms.Add(text);
        }

        var bare = WithoutBrackets(full);
        if (bare.Length > 0 && !forms.Contains(bare))
        {
            forms.Add(bare);
        }

        return forms;
    }

    /// <summary>What the brackets of a header cell say (家庭年收入（万元） → 万元), for units that change a value's meaning.</summary>
    public static string Notes(string header)
    {
        var full = Normalize(header);
        var notes = new StringBuilder();
        var depth = 0;
        foreach (var c in full)
        {
            if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth > 0)
            {
                notes.Append(c);
            }
        }

        return notes.ToString();
    }

    /// <summary>Where the bracket closing <paramref name="text"/> opens, or -1.</summary>
    private static int OpeningOf(string text)
    {
        var depth = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] is ')' or ']')
            {
                depth++;
            }
            else if (text[i] is '(' or '[' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string WithoutBrackets(string text)
    {
        var bare = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                bare.Append(c);
            }
        }

        return bare.ToString();
    }
}
