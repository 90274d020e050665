using System.Buffers;

namespace Matching.Core.Identity;

public static partial class PersonName
{
    private static readonly SearchValues<char> OpeningBrackets = SearchValues.Create("(（[［【〔{｛<〈《");
    private static readonly SearchValues<char> ClosingBrackets = SearchValues.Create(")）]］】〕}｝>〉》");

    /// <summary>
    /// How a department's name compares with the database's, as a matcher needs it: as typed first; then, where
    /// either carries a clerk's annotation, the names proper (<see cref="Proper"/>). An agreement beats a stand-in's
    /// compatibility: 王芳* agrees with 王芳 (a duplicate marker set aside) and is compatible with 王芳琰 (a stand-in).
    /// Allocates nothing.
    /// </summary>
    public static NameComparison Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Agree(a, b))
        {
            return new NameComparison(NameAgreement.Agree, AnnotationSetAside: false);
        }

        var properA = Proper(a);
        var properB = Proper(b);
        var annotated = properA.Length != a.Trim().Length || properB.Length != b.Trim().Length;
        if (annotated && Agree(properA, properB))
        {
            return new NameComparison(NameAgreement.Agree, AnnotationSetAside: true);
        }

        if (Compatible(a, b))
        {
            return new NameComparison(NameAgreement.Compatible, AnnotationSetAside: false);
        }

        return annotated && Compatible(properA, properB)
            ? new NameComparison(NameAgreement.Compatible, AnnotationSetAside: true)
            : default;
    }

    /// <summary>
    /// The name proper: <paramref name="name"/> trimmed, without what clerks append to it: a note in brackets
    /// (张三（已故）, 李四(户主), 【重复】, also unclosed: 张三（已故), a number (王芳2, 王芳２), or a run of * marking a
    /// duplicate entry (王芳*), repeatedly (张三(户主)2). A * is set aside only after two Han characters or more:
    /// in 王* it stands for a rare character the system could not type. Nothing is set aside when nothing would be
    /// left. A slice of <paramref name="name"/>: allocates nothing.
    /// </summary>
    public static ReadOnlySpan<char> Proper(ReadOnlySpan<char> name)
    {
        var proper = name.Trim();
        while (true)
        {
            var cut = WithoutTrailingAnnotation(proper).TrimEnd();
            if (cut.Length == proper.Length || cut.IsEmpty)
            {
                return proper;
            }

            proper = cut;
        }
    }

    /// <summary>True when <paramref name="name"/> carries an annotation <see cref="Proper"/> sets aside.</summary>
    public static bool HasAnnotation(ReadOnlySpan<char> name) => Proper(name).Length != name.Trim().Length;

    private static ReadOnlySpan<char> WithoutTrailingAnnotation(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return name;
        }

        var open = name.LastIndexOfAny(OpeningBrackets);
        if (open > 0 && (ClosingBrackets.Contains(name[^1]) || !name[(open + 1)..].ContainsAny(ClosingBrackets)))
        {
            return name[..open];
        }

        var end = name.Length;
        while (end > 0 && name[end - 1] is (>= '0' and <= '9') or (>= '０' and <= '９'))
        {
            end--;
        }

        if (end < name.Length)
        {
            return name[..end];
        }

        while (end > 0 && name[end - 1] is '*' or '＊')
        {
            end--;
        }

        return end < name.Length && HanCount(name[..end]) >= 2 ? name[..end] : name;
    }

    private static int HanCount(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = CodePointAt(text, i);
            if (c > char.MaxValue)
            {
                i++;
            }

            if (IsHan(c))
            {
                count++;
            }
        }

        return count;
    }
}
