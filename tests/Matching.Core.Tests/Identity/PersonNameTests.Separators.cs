using CsCheck;
using Matching.Core.Identity;

namespace Matching.Core.Tests.Identity;

/// <summary>Minority names (本名·父名) whose separator a system dropped or typed otherwise, on either side.</summary>
public partial class PersonNameTests
{
    /// <summary>Own and father's names as the sample writes them, and two that end or begin like others (阿依 + 努尔古丽).</summary>
    private static readonly string[] MinorityParts =
    [
        "阿不都", "买买提", "艾力", "吐尔逊", "热合曼", "努尔", "亚森", "古丽", "阿依古丽", "阿依努尔", "迪丽努尔", "努尔古丽",
        "再努尔", "阿依", "艾山", "努尔艾山",
    ];

    /// <summary>Everything a department types for the dot, and none at all.</summary>
    private static readonly string[] SeparatorForms = ["·", "•", "・", "．", ".", "-", "－", "—", " ", "\u3000", "·", "‧", ""];

    /// <summary>A minority name of two or three parts joined by U+00B7.</summary>
    private static readonly Gen<string[]> MinorityName = Gen.OneOfConst(MinorityParts).Array[2, 3];

    [Theory]
    [InlineData("阿依努尔·艾山", "阿依努尔艾山")]
    [InlineData("阿依努尔艾山", "阿依努尔·艾山")]
    [InlineData("阿依努尔•艾山", "阿依努尔艾山")]
    [InlineData("阿依努尔艾山", "阿依努尔 艾山")]
    [InlineData("阿依努尔·艾山", "阿依努尔 艾山")]
    [InlineData("阿依努尔·艾山", "阿依努尔-艾山")]
    [InlineData("阿依努尔·艾山", "阿依努尔．艾山")]
    [InlineData("阿依努尔-艾山", "阿依努尔艾山")]
    [InlineData("阿依古丽·买买提·艾力", "阿依古丽买买提艾力")]
    [InlineData("阿依古麗·買買提", "阿依古丽买买提")]
    [InlineData("王芳.", "王芳")]
    public void Agree_SeparatorInOneNameOnly_SameName(string a, string b)
    {
        Assert.True(PersonName.Agree(a, b));
        Assert.True(PersonName.Agree(b, a));
        Assert.True(PersonName.Compatible(a, b));
        Assert.Equal(1.0, PersonName.Similarity(a, b));
        Assert.Equal(new NameComparison(NameAgreement.Agree, AnnotationSetAside: false), PersonName.Compare(a, b));
    }

    [Theory]
    [InlineData("阿依·努尔艾山", "阿依努尔·艾山")]
    [InlineData("阿依-努尔艾山", "阿依努尔·艾山")]
    [InlineData("阿依古丽·买买提·艾力", "阿依古丽·买买提艾力")]
    public void Agree_SeparatorsInBothNamesInOtherPlaces_TwoPeople(string a, string b)
    {
        Assert.False(PersonName.Agree(a, b));
        Assert.False(PersonName.Compatible(a, b));
        Assert.Equal(NameAgreement.Disagree, PersonName.Compare(a, b).Agreement);
    }

    [Theory]
    [InlineData("阿依努尔艾*", "阿依努尔·艾山")]
    [InlineData("阿依努尔·艾*", "阿依努尔艾山")]
    public void Compatible_StandInAndSeparatorInOneNameOnly_Compatible(string a, string b)
    {
        Assert.False(PersonName.Agree(a, b));
        Assert.True(PersonName.Compatible(a, b));
    }

    [Fact]
    public void Agree_SeparatorDroppedOrReplacedEitherSide_SameNameAndNoOther()
    {
        // Two names agree once separators are dropped or replaced exactly when their parts spell the same characters,
        // and, where both keep a separator, split them in the same places: 阿依·努尔艾山 is not 阿依努尔·艾山.
        Gen.Select(MinorityName, MinorityName, Gen.OneOfConst(SeparatorForms), Gen.OneOfConst(SeparatorForms)).Sample((a, b, sepA, sepB) =>
        {
            var typedA = string.Join(sepA, a);
            var typedB = string.Join(sepB, b);
            var sameCharacters = string.Concat(a) == string.Concat(b);
            var sameSplit = string.Join('·', a) == string.Join('·', b);
            var eitherDropped = Drops(sepA) || Drops(sepB);

            Assert.Equal(sameCharacters && (sameSplit || eitherDropped), PersonName.Agree(typedA, typedB));
            Assert.Equal(PersonName.Agree(typedA, typedB), PersonName.Compare(typedA, typedB).Agrees);
        }, iter: PropertyIterations);

        static bool Drops(string separator) => separator.Trim().Length == 0;
    }

    [Fact]
    public void Agree_SeparatorDroppedFromOneOfTwoDifferentNames_StillTwoPeople()
    {
        // Dropping or replacing a separator never makes two names agree whose characters differ.
        Gen.Select(MinorityName, MinorityName, Gen.OneOfConst(SeparatorForms)).Sample((a, b, separator) =>
        {
            var differ = string.Concat(a) != string.Concat(b);
            var dotted = string.Join('·', b);

            Assert.True(!differ || !PersonName.Agree(string.Join(separator, a), dotted));
            Assert.True(!differ || !PersonName.Agree(string.Join(separator, a), string.Concat(b)));
        }, iter: PropertyIterations);
    }
}
