using System.Text;

namespace Matching.Ingest.HeaderMaps;

/// <summary>Header cells compared loosely: no whitespace, full-width brackets folded, required-field stars dropped.</summary>
public static class HeaderText
{
    public static string Normalize(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (char.IsWhiteSpace(c) || c is '*' or '＊' or '\uFEFF')
            {
                continue;
            }

            text.Append(c switch
            {
                '（' => '(',
                '）' => ')',
                _ => char.ToLowerInvariant(c),
            });
        }

        return text.ToString();
    }
}
