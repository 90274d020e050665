using System.Runtime.CompilerServices;
using Matching.Ingest.Localization;

namespace Matching.Ingest.HeaderMaps;

/// <summary>
/// The spellings a coded field's cells may take, each read as its canonical code: 残疾等级 一级, 1级, I级, Ⅰ级 → <c>1</c>;
/// 特困供养方式 分散供养, 分散 → <c>分散</c>; 是, √, Y → <c>yes</c>. A header map's <c>values.&lt;name&gt;</c> replaces the
/// built-in vocabulary of that name (<see cref="Defaults"/>). A code is always a spelling of itself, so a stored code
/// reads again as itself. Cells are compared trimmed, case-insensitively, with full-width letters and digits folded
/// (Ｙ, １级) and inner spaces dropped; a cell is looked up on its span, without a string.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>Longest cell looked up: anything longer is no spelling.</summary>
    private const int MaxChars = 64;

    private readonly Dictionary<string, string> _spellings;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private Vocabulary(string name, Dictionary<string, string> spellings, Dictionary<string, string> words, List<string> listing)
    {
        Name = name;
        _spellings = spellings;
        _lookup = spellings.GetAlternateLookup<ReadOnlySpan<char>>();
        Words = words;
        Listing = string.Join(", ", listing);
    }

    /// <value>Its name: the <c>values</c> entry it comes from (<c>grade</c>, <c>flag</c> …).</value>
    public string Name { get; }

    /// <value>Each canonical code, in order, with the word warnings show it by (its first spelling): 1 → 一级.</value>
    public IReadOnlyDictionary<string, string> Words { get; }

    /// <value>A few spellings of each code, for messages: 一级/1级, 二级/2级 ….</value>
    public string Listing { get; }

    /// <summary>Whether an empty cell is one of the spellings (a flag whose <c>no</c> lists <c>""</c>).</summary>
    public bool ReadsEmpty => _spellings.ContainsKey(string.Empty);

    /// <summary>The vocabularies every header map has unless its <c>values</c> section replaces them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Defaults { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            [FlagName] = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                [Yes] = ["是", "Y", "yes", "1", "true", "√", "✓", "✔", "有"],
                [No] = ["否", "N", "no", "0", "false", "×", "✗", "✕", "无"],
            },
            ["grade"] = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                ["1"] = ["一级", "1级", "I级", "Ⅰ级", "壹级", "一", "1"],
                ["2"] = ["二级", "2级", "II级", "Ⅱ级", "贰级", "二", "2"],
                ["3"] = ["三级", "3级", "III级", "Ⅲ级", "叁级", "三", "3"],
                ["4"] = ["四级", "4级", "IV级", "Ⅳ级", "肆级", "四", "4"],
            },
            ["tekunSupport"] = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                ["分散"] = ["分散供养", "分散", "分散供养（居家）", "居家供养"],
                ["集中"] = ["集中供养", "集中", "集中供养（机构）", "机构供养"],
            },
            ["category"] = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                ["dibao"] = ["低保", "最低生活保障", "最低生活保障对象", "低保对象", "低保户"],
                ["tekun"] = ["特困", "特困人员", "特困供养", "特困供养人员", "五保"],
                ["fanpin"] = ["防返贫", "防止返贫监测对象", "防返贫监测对象", "监测对象"],
                ["bianyuan"] = ["低保边缘", "低保边缘家庭", "低保边缘家庭成员", "边缘户"],
                ["gangxing"] = ["刚性支出", "刚性支出困难", "刚性支出困难家庭成员", "支出型困难"],
                ["other"] = ["其他", "其他困难人员", "其他困难"],
            },
        };

    /// <summary>The yes/no vocabulary's name; its codes are <see cref="Yes"/> and <see cref="No"/>.</summary>
    public const string FlagName = "flag";

    public const string Yes = "yes";

    public const string No = "no";

    /// <summary>Builds a vocabulary from code → spellings.</summary>
    /// <exception cref="ArgumentException">A spelling listed under two codes, or a code without spellings.</exception>
    public static Vocabulary Of(string name, IReadOnlyDictionary<string, IReadOnlyList<string>> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var spellings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        var listing = new List<string>();
        foreach (var (code, labels) in codes)
        {
            if (string.IsNullOrWhiteSpace(code) || labels is null || labels.Count == 0)
            {
                throw new ArgumentException(Text.Format("VocabularyCodeEmpty", name, code), nameof(codes));
            }

            words[code] = labels[0].Trim();
            listing.Add(string.Join('/', labels.Where(l => l.Trim().Length > 0).Take(2)));
            foreach (var label in labels.Append(code))
            {
                var key = Fold(label);
                if (spellings.TryGetValue(key, out var other) && other != code)
                {
                    throw new ArgumentException(Text.Format("VocabularyTwice", name, label, other, code), nameof(codes));
                }

                spellings[key] = code;
            }
        }

        return new Vocabulary(name, spellings, words, listing);
    }

    /// <summary>The canonical code <paramref name="cell"/> spells, if it is one of the spellings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(ReadOnlySpan<char> cell, out string code)
    {
        Span<char> folded = stackalloc char[MaxChars];
        if (!TryFold(cell, folded, out var n))
        {
            code = string.Empty;
            return false;
        }

        if (_lookup.TryGetValue(folded[..n], out var found))
        {
            code = found;
            return true;
        }

        code = string.Empty;
        return false;
    }

    /// <summary>A spelling as it is compared: trimmed, inner spaces dropped, full-width forms folded.</summary>
    private static string Fold(string spelling)
    {
        Span<char> folded = stackalloc char[MaxChars];
        return TryFold(spelling, folded, out var n)
            ? folded[..n].ToString()
            : spelling.Trim();
    }

    private static bool TryFold(ReadOnlySpan<char> cell, Span<char> folded, out int n)
    {
        n = 0;
        foreach (var c in cell)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (n == folded.Length)
            {
                return false;
            }

            folded[n++] = HeaderText.HalfWidth(c);
        }

        return true;
    }
}
