using CsCheck;
using Matching.Core.Identity;

namespace Matching.Core.Tests.Identity;

public partial class PersonNameTests
{
    private const int PropertyIterations = 5_000;

    /// <summary>Pieces of names as typed: simplified and traditional forms, stand-ins, pinyin, dots, dashes, spaces.</summary>
    private static readonly string[] Pieces =
    [
        "王", "张", "張", "陈", "陳", "伟", "偉", "琰", "艳", "丽", "麗", "〇", "\U00020000",
        "·", "•", "-", "—", " ", "\u3000", "\u200B", "*", "?", "□", "yan", "Li", "Ｙ", "2",
    ];

    /// <summary>Names typed from <see cref="Pieces"/>: collisions, variants and stand-ins are frequent.</summary>
    private static readonly Gen<string> TypedName = Gen.OneOfConst(Pieces).Array[0, 6].Select(string.Concat);

    /// <summary>Random strings of CJK Unified Ideographs, the block the variant table folds.</summary>
    private static readonly Gen<string> CjkName = Gen.Char['\u4E00', '\u9FFF'].Array[0, 8].Select(c => new string(c));

    private static readonly Gen<string> AnyName = Gen.OneOf(TypedName, CjkName);

    [Fact]
    public void Similarity_AnyNames_SymmetricAndInUnitInterval()
    {
        Gen.Select(AnyName, AnyName).Sample((a, b) =>
        {
            var similarity = PersonName.Similarity(a, b);

            Assert.InRange(similarity, 0.0, 1.0);
            Assert.Equal(similarity, PersonName.Similarity(b, a));
            Assert.Equal(PersonName.Agree(a, b), PersonName.Agree(b, a));
            Assert.Equal(PersonName.Compatible(a, b), PersonName.Compatible(b, a));
        }, iter: PropertyIterations);
    }

    [Fact]
    public void Similarity_RandomCjkPair_SimilarBeyondTableOnlyWhenSharingCharacters()
    {
        Gen.Select(CjkName, CjkName).Sample((a, b) =>
        {
            var folded = PersonName.Normalize(a) == PersonName.Normalize(b) && a.Length > 0;

            Assert.Equal(folded, PersonName.Agree(a, b));
            Assert.Equal(folded, PersonName.Similarity(a, b) == 1.0);
        }, iter: PropertyIterations);
    }

    [Fact]
    public void Similarity_FastPath_EqualsSlowPath()
    {
        AnyName.Sample(name =>
        {
            // A space changes the spans (no fast path) but not the folded form.
            var spaced = " " + name;

            Assert.Equal(PersonName.Similarity(spaced, name), PersonName.Similarity(name, name));
            Assert.Equal(PersonName.Agree(spaced, name), PersonName.Agree(name, name));
            Assert.Equal(PersonName.Compatible(spaced, name), PersonName.Compatible(name, name));
        }, iter: PropertyIterations);
    }

    [Fact]
    public void Similarity_One_ExactlyWhenFoldedEqualWithoutStandIn()
    {
        Gen.Select(TypedName, TypedName).Sample((a, b) =>
        {
            var (x, y) = WithoutOneSidedSeparator(PersonName.Normalize(a), PersonName.Normalize(b));
            var same = x.Length > 0 && x == y && !x.Contains('*', StringComparison.Ordinal);
            var similarity = PersonName.Similarity(a, b);

            Assert.Equal(same, similarity == 1.0);
            Assert.Equal(same, similarity >= PersonName.AgreeThreshold);
            Assert.Equal(same, PersonName.Agree(a, b));
            Assert.True(!same || PersonName.Compatible(a, b));
        }, iter: PropertyIterations);
    }

    [Fact]
    public void Compatible_UpToFourCharacters_ExactlyAtOrAboveThreshold()
    {
        Gen.Select(TypedName, TypedName).Sample((a, b) =>
        {
            var similarity = PersonName.Similarity(a, b);
            var (x, y) = WithoutOneSidedSeparator(PersonName.Normalize(a), PersonName.Normalize(b));
            if (Math.Max(CodePoints(x), CodePoints(y)) <= 4)
            {
                Assert.Equal(PersonName.Compatible(a, b), similarity >= PersonName.CompatibleThreshold);
            }

            Assert.True(!PersonName.Compatible(a, b) || similarity >= 0.8 - 1e-9, $"{similarity}");
        }, iter: PropertyIterations);
    }

    [Fact]
    public void Normalize_AnyName_IdempotentAndSimilarityUnchanged()
    {
        Gen.Select(AnyName, AnyName).Sample((a, b) =>
        {
            var x = PersonName.Normalize(a);
            var y = PersonName.Normalize(b);

            Assert.Equal(x, PersonName.Normalize(x));
            Assert.True(x.Length <= a.Length);
            Assert.Equal(PersonName.Similarity(a, b), PersonName.Similarity(x, y));
            Assert.Equal(PersonName.Compatible(a, b), PersonName.Compatible(x, y));
        }, iter: PropertyIterations);
    }

    [Fact]
    public void Compare_ShortAndLongNames_AllocateNothing()
    {
        string[] names =
        [
            "陳偉", "陈伟", "王yan", "王琰", " 阿依古丽-买买提 ", "阿依古丽·买买提", "阿依古丽买买提", "", new string('张', 100), new string('張', 99),
            "陈伟（已故）", "王琰2", "王琰*", "王*", "阿依古丽买买提(户主)",
        ];
        Span<char> dest = stackalloc char[16];
        var sink = Compare(names, dest); // warm up: JIT, static tables, the array pool
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            sink += Compare(names, dest);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sink > 0);
    }

    private static double Compare(string[] names, Span<char> dest)
    {
        var sum = 0.0;
        foreach (var a in names)
        {
            sum += PersonName.Normalize(a, dest);
            foreach (var b in names)
            {
                sum += PersonName.Similarity(a, b) + (PersonName.Agree(a, b) ? 1 : 0) + (PersonName.Compatible(a, b) ? 1 : 0)
                    + (int)PersonName.Compare(a, b).Agreement + PersonName.Proper(a).Length;
            }
        }

        return sum;
    }

    /// <summary>The folded names as compared: a separator that only one of them has is left out.</summary>
    private static (string X, string Y) WithoutOneSidedSeparator(string x, string y)
    {
        var (dotX, dotY) = (x.Contains('·', StringComparison.Ordinal), y.Contains('·', StringComparison.Ordinal));
        return dotX == dotY ? (x, y) : (x.Replace("·", string.Empty, StringComparison.Ordinal), y.Replace("·", string.Empty, StringComparison.Ordinal));
    }

    private static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
