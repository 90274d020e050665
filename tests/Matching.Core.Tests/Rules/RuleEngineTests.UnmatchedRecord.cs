using Matching.Core.Rules;

namespace Matching.Core.Tests.Rules;

/// <summary><see cref="RuleShape.UnmatchedRecord"/>: EDU_NOT_COVERED.</summary>
public partial class RuleEngineTests
{
    [Fact]
    public void Evaluate_HardshipStudentNotInDatabase_EduNotCoveredToCivilAffairs()
    {
        var warnings = DibaoFamily().Record("education", Stranger, StrangerName, ("hardship", "1")).Evaluate(ShippedRules.EduNotCovered);

        var warning = Assert.Single(warnings);
        Assert.Equal("EDU_NOT_COVERED", warning.Code);
        Assert.Equal("civil-affairs", warning.Receiver);
        Assert.Equal(Stranger.Value, warning.Subject);
        Assert.Equal(Stranger.Value, warning.IdText);
        Assert.Equal(StrangerName, warning.Name);
        Assert.Equal("education", warning.Department);
        Assert.Empty(warning.HouseholdId);
        Assert.Empty(warning.Categories);
        Assert.Contains("不在低收入人口数据库中", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HardshipStudentNotInDatabaseWithFullWidthId_SubjectIsCanonicalId()
    {
        var fullWidth = string.Concat(Stranger.Value.Select(c => char.IsAsciiDigit(c) ? (char)('０' + (c - '0')) : 'Ｘ'));

        var warning = Assert.Single(DibaoFamily().Record("education", fullWidth, StrangerName, ("hardship", "1")).Evaluate(ShippedRules.EduNotCovered));

        Assert.Equal(Stranger.Value, warning.Subject);
        Assert.Equal(Stranger.Value, warning.IdText);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("")]
    public void Evaluate_StudentNotInDatabaseWithoutHardshipFlag_NoWarning(string hardship)
    {
        var warnings = DibaoFamily().Record("education", Stranger, StrangerName, ("hardship", hardship)).Evaluate(ShippedRules.EduNotCovered);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_HardshipStudentWhoIsMember_NoEduNotCovered()
    {
        var warnings = DibaoFamily().Record("education", Student, StudentName, ("hardship", "1")).Evaluate(ShippedRules.EduNotCovered);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_HardshipStudentWhoseIdIsMemberUnderAnotherName_NoEduNotCovered()
    {
        var warnings = DibaoFamily().Record("education", Student, "刘晓红", ("hardship", "1")).Evaluate(ShippedRules.EduNotCovered);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_HardshipStudentWithInvalidId_NoEduNotCovered()
    {
        var warnings = DibaoFamily().Record("education", "41900119", StrangerName, ("hardship", "1")).Evaluate(ShippedRules.EduNotCovered);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_HardshipStrangerInAnotherDepartment_NoEduNotCovered()
    {
        var warnings = DibaoFamily().Record("unemployment", Stranger, StrangerName, ("hardship", "1")).Evaluate(ShippedRules.EduNotCovered);

        Assert.Empty(warnings);
    }
}
