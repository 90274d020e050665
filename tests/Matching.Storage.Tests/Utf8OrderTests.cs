using System.Text;

namespace Matching.Storage.Tests;

public sealed class Utf8OrderTests
{
    /// <summary>Characters from each range whose order differs between UTF-16 and UTF-8 or between the sort keys' codes.</summary>
    private static readonly string[] Pieces = ["0", "1", "9", "-", " ", "A", "é", "张", "\uD7FF", "\uE000", "Ａ", "\uFFFD", "😀", "𠀀", "\U0010FFFF"];

    private static List<string> RandomTexts(int count, int longest, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, longest + 1))
            .Select(_ => random.Next(4) == 0 ? Pieces[random.Next(Pieces.Length)] : ((char)('0' + random.Next(10))).ToString())))];
    }

    private static int BytesOrder(string a, string b) => Math.Sign(Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));

    [Fact]
    public void Compare_RandomTexts_TheOrderOfTheirUtf8Bytes()
    {
        var texts = RandomTexts(300, 4, 20261207);

        foreach (var a in texts)
        {
            foreach (var b in texts)
            {
                Assert.True(BytesOrder(a, b) == Math.Sign(Utf8Order.Compare(a, b)), $"{a} against {b}");
            }
        }
    }

    [Fact]
    public void Compare_SurrogatePairAgainstFullWidthLetter_AfterIt_WhereOrdinalPutsItBefore()
    {
        Assert.True(string.CompareOrdinal("H😀", "HＡ") < 0);
        Assert.True(Utf8Order.Compare("H😀", "HＡ") > 0);
        Assert.True(Utf8Order.Compare(null, "") < 0);
        Assert.Equal(0, Utf8Order.Compare("HＡ", "HＡ"));
    }

    [Theory]
    [InlineData(4, 1, "")]
    [InlineData(20, 2, "")]      // past the key's 16 characters
    [InlineData(12, 3, "JY20")]  // a prefix every text shares, as the sample's household ids do
    [InlineData(12, 4, "😀")]
    public void Ranks_RandomTexts_EachTextsPlaceInUtf8OrderEqualOnesAsGiven(int longest, int seed, string prefix)
    {
        // Mostly digits, as household ids are, with duplicates and shared prefixes.
        var texts = RandomTexts(3000, longest, seed).Select(t => prefix + t).ToList();
        texts.AddRange(texts.Take(200));

        var ranks = Utf8Order.Ranks([.. texts]);

        var expected = Enumerable.Range(0, texts.Count).Order(Comparer<int>.Create((x, y) => BytesOrder(texts[x], texts[y]) is var c && c != 0 ? c : x.CompareTo(y))).ToArray();
        Assert.Equal(expected, Enumerable.Range(0, texts.Count).OrderBy(i => ranks[i]));
    }

    [Fact]
    public void Ranks_SixteenDigitIdsThatDifferOnlyAtTheEnd_InOrder()
    {
        string[] ids = ["4190011090130776", "4190011090130775", "419001109013077", "41900110901307751", "4190011090130775"];

        // 15 digits, then the two equal ones as given, then 17 digits (the 16 and more), then …776.
        Assert.Equal([4, 1, 0, 3, 2], Utf8Order.Ranks(ids));
    }
}
