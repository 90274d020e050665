using System.Buffers;
using System.Text;

namespace Matching.Core.Identity;

/// <summary>
/// Comparison of Chinese personal names (姓名) as departments type them, shared by the matcher and the rules.
/// <para>
/// Folding, before any comparison: whitespace (also U+3000, NBSP) and zero-width characters are dropped; the
/// middle-dot variants of minority names (· • . ． ・ ‧ ･ ∙ ⋅, and 。 from a Chinese keyboard) become one '·', and
/// so does a dash or run of dashes (- － — ‐ –) between two Han characters (阿依古丽-买买提); consecutive dots
/// become one; traditional forms of name characters become simplified (<see cref="ChineseVariants"/>: 陳偉 = 陈伟);
/// full-width ASCII becomes ASCII. A rare-character stand-in becomes '*': any of * ? ？ □ ■ ○ ◯ × 〓 U+FFFD, or a
/// run of Latin letters (the character's pinyin: 王yan, 王YAN, 王ｙａｎ; whitespace ends a run, so "yan li" is two
/// characters). A stand-in stands for exactly one unknown character; whether the pinyin fits is not checked.
/// 〇 (U+3007) is a real character (it is in the 通用规范汉字表), not a stand-in; ○ (U+25CB) is a stand-in.
/// </para>
/// <para>
/// Separators: when only one of two folded names has a '·', it is left out of the comparison, since many systems
/// drop it (阿依努尔艾山 = 阿依努尔·艾山, either way round; a space typed for it is dropped by folding already). When
/// both have separators they must stand in the same places: 阿依·努尔艾山 and 阿依努尔·艾山 are two people.
/// </para>
/// <para>
/// Similarity of folded names x (length n) and y (length m), counted in code points after the separator rule:
/// <c>1 − D(x, y) / max(n, m)</c>, where D is the cheapest alignment with insertion, deletion and substitution of
/// a character costing 1, a stand-in aligned with any character (a stand-in included) costing 0.2, and equal
/// characters 0; 0 when either folded name is empty. It is in [0, 1], symmetric, and 1 exactly when the folded
/// names are equal (but for a one-sided separator) and hold no stand-in. Names longer than 64 characters are
/// compared in full, with pooled buffers.
/// </para>
/// <para>
/// A clerk's annotation after the name (张三（已故）, 李四(户主), 王芳2, a trailing * marking a duplicate) is not part of
/// it: <see cref="Proper"/> sets it aside and <see cref="Compare"/> weighs the names with and without it.
/// </para>
/// </summary>
public static partial class PersonName
{
    /// <summary>
    /// Names at or above this similarity agree (<see cref="Agree"/>): the same after folding, without a stand-in.
    /// One stand-in in a name of n characters scores 1 − 0.2 / n, below this bar for any name under 200 characters.
    /// </summary>
    public const double AgreeThreshold = 0.999;

    /// <summary>
    /// For names of 1 to 4 characters (the longer, folded), similarity at or above this bar is exactly
    /// <see cref="Compatible"/>: names differing only by stand-ins score at least 1 − 0.2 = 0.8 (all stand-ins);
    /// one real difference (another character, one more or one fewer) scores at most 1 − 1/4 = 0.75. For longer
    /// names one real difference can reach the bar (1 − 1/5 = 0.8), so <see cref="Compatible"/> checks the
    /// characters rather than the score.
    /// </summary>
    public const double CompatibleThreshold = 0.78;

    /// <summary>Cost of inserting, deleting or substituting a character, in fifths of a character.</summary>
    private const int FullCost = 5;

    /// <summary>Cost of a stand-in aligned with any character, in fifths: 0.2 of a character.</summary>
    private const int StandInCost = 1;

    /// <summary>Names up to this many UTF-16 units are folded into stack buffers; longer ones into pooled arrays.</summary>
    private const int MaxStack = 64;

    private enum Measure
    {
        Similarity,
        Compatible,
        Agree,
    }

    /// <summary>
    /// Writes the folded comparison form of <paramref name="name"/> (stand-ins as '*') into <paramref name="dest"/>
    /// and returns its length; stops early when <paramref name="dest"/> is full. The form is never longer than
    /// <paramref name="name"/>, and folding it again changes nothing.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> name, Span<char> dest)
    {
        var folder = new Folder(name);
        var n = 0;
        while (folder.Read(out var c))
        {
            if (c <= char.MaxValue)
            {
                if (n == dest.Length)
                {
                    break;
                }

                dest[n++] = (char)c;
            }
            else
            {
                if (!new Rune(c).TryEncodeToUtf16(dest[n..], out var written))
                {
                    break;
                }

                n += written;
            }
        }

        return n;
    }

    /// <summary>The folded comparison form of <paramref name="name"/>; <paramref name="name"/> itself when already folded.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<char> buffer = name.Length <= MaxStack ? stackalloc char[MaxStack] : new char[name.Length];
        var folded = buffer[..Normalize(name, buffer)];
        return folded.SequenceEqual(name) ? name : new string(folded);
    }

    /// <summary>Similarity in [0, 1] of two names as typed (see the class summary for the formula).</summary>
    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        a.SequenceEqual(b) && IsPlain(a) ? 1 : Score(a, b, Measure.Similarity);

    /// <summary>True when both names are present and the same after folding, with no stand-in: the same person's.</summary>
    public static bool Agree(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        a.SequenceEqual(b) ? IsPlain(a) : Score(a, b, Measure.Agree) > 0;

    /// <summary>
    /// True when both names are present and do not disagree: the same after folding, or differing only where one
    /// has a stand-in (王* and 王yan are compatible with 王琰; 王艳 is not, nor is 张玮 with 张伟, nor 王* with 王琰琰).
    /// A name of stand-ins only is compatible with every name of its length.
    /// </summary>
    public static bool Compatible(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        (a.SequenceEqual(b) && IsPlain(a)) || Score(a, b, Measure.Compatible) > 0;

    /// <summary>Folds both names into one buffer (on the stack when they are short) and measures them.</summary>
    private static double Score(ReadOnlySpan<char> a, ReadOnlySpan<char> b, Measure measure)
    {
        var size = Math.Max(a.Length, b.Length);
        if (size <= MaxStack)
        {
            Span<int> buffer = stackalloc int[(4 * size) + 2]; // sized to the names: zeroing 1 KB costs more than the work
            return Score(a, b, measure, buffer, size);
        }

        var rented = ArrayPool<int>.Shared.Rent((4 * size) + 2);
        try
        {
            return Score(a, b, measure, rented, size);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary><paramref name="buffer"/> holds both folded names (<paramref name="size"/> each) and two DP rows.</summary>
    private static double Score(ReadOnlySpan<char> a, ReadOnlySpan<char> b, Measure measure, Span<int> buffer, int size)
    {
        Span<int> x = buffer[..Fold(a, buffer[..size])];
        Span<int> y = buffer.Slice(size, Fold(b, buffer.Slice(size, size)));

        // A separator in one name only was dropped by the other's system (阿依努尔艾山 for 阿依努尔·艾山), or typed as a
        // space: it says nothing, so it is left out. Where both names have separators, they must stand in the same
        // places: 阿依·努尔艾山 and 阿依努尔·艾山 are two people.
        var xSeparated = x.Contains(MiddleDot);
        if (xSeparated != y.Contains(MiddleDot))
        {
            if (xSeparated)
            {
                x = WithoutSeparators(x);
            }
            else
            {
                y = WithoutSeparators(y);
            }
        }

        if (x.IsEmpty || y.IsEmpty)
        {
            return 0;
        }

        var same = x.SequenceEqual(y) && !x.Contains(StandIn);
        return measure switch
        {
            Measure.Agree => same ? 1 : 0,
            Measure.Compatible => same || OnlyStandInsDiffer(x, y) ? 1 : 0,
            _ => same ? 1 : 1.0 - ((double)Distance(x, y, buffer[(2 * size)..]) / (FullCost * Math.Max(x.Length, y.Length))),
        };
    }

    /// <summary>Removes the separators of a folded name in place; returns what is left.</summary>
    private static Span<int> WithoutSeparators(Span<int> folded)
    {
        var n = 0;
        foreach (var c in folded)
        {
            if (c != MiddleDot)
            {
                folded[n++] = c;
            }
        }

        return folded[..n];
    }

    private static int Fold(ReadOnlySpan<char> name, Span<int> dest)
    {
        var folder = new Folder(name);
        var n = 0;
        while (n < dest.Length && folder.Read(out var c))
        {
            dest[n++] = c;
        }

        return n;
    }

    private static bool OnlyStandInsDiffer(ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i] && x[i] != StandIn && y[i] != StandIn)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Weighted edit distance in fifths of a character, two rows of <paramref name="rows"/> at a time.</summary>
    private static int Distance(ReadOnlySpan<int> x, ReadOnlySpan<int> y, Span<int> rows)
    {
        var previous = rows[..(y.Length + 1)];
        var current = rows.Slice(y.Length + 1, y.Length + 1);
        for (var j = 0; j <= y.Length; j++)
        {
            previous[j] = j * FullCost;
        }

        for (var i = 1; i <= x.Length; i++)
        {
            current[0] = i * FullCost;
            for (var j = 1; j <= y.Length; j++)
            {
                var substitute = previous[j - 1] + SubstitutionCost(x[i - 1], y[j - 1]);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + FullCost);
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[y.Length];
    }

    private static int SubstitutionCost(int p, int q) =>
        p == StandIn || q == StandIn ? StandInCost : p == q ? 0 : FullCost;
}
