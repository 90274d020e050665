using Matching.Core.Population;

namespace Matching.Core.Tests.Population;

public sealed class PackedNamesTests
{
    [Fact]
    public void Build_ManyNamesPastTheFirstBuffer_EachReadBackWhole()
    {
        var builder = new PackedNames.Builder(2);
        string[] names = ["张三", "", "欧阳娜娜", "王*", "Zhang San Feng", "李四"];
        foreach (var name in names)
        {
            builder.Add(name);
        }

        var packed = builder.Build();
        var index = new PopulationIndex(Enumerable.Range(1, names.Length).Select(i => (long)i).ToArray(), packed);

        Assert.Equal((names.Length, names.Sum(n => n.Length)), (packed.Count, packed.Length));
        Assert.Equal(names, Enumerable.Range(0, names.Length).Select(p => index.Name(p).ToString()));
    }

    [Theory]
    [InlineData(new[] { 1, 2 })]
    [InlineData(new[] { 0, 3, 2 })]
    [InlineData(new[] { 0, 5 })]
    public void Constructor_OffsetsNotFromZeroAscendingWithinTheBuffer_Throws(int[] starts)
    {
        Assert.Throws<ArgumentException>(() => new PackedNames(new char[4], starts));
    }

    [Fact]
    public void Constructor_NoOffsetAtAll_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PackedNames([], []));
    }
}
