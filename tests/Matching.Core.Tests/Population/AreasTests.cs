using Matching.Core.Population;

namespace Matching.Core.Tests.Population;

public sealed class AreasTests
{
    [Theory]
    [InlineData("克井镇", true, "镇")]
    [InlineData("大峪乡", true, "乡")]
    [InlineData("沁园街道", false, "街道")]
    [InlineData("", false, "街道")]
    public void IsTown_TownsAndTownshipsAreRural_SubdistrictsAndUnknownAreNot(string area, bool town, string kind)
    {
        Assert.Equal(town, Areas.IsTown(area));
        Assert.Equal(kind, Areas.KindOf(area));
    }
}
