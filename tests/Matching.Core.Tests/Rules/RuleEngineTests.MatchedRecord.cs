using Matching.Core.Linkage;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Core.Tests.Rules;

/// <summary><see cref="RuleShape.MatchedRecord"/>: EDU_AID_GAP, EMP_AID_GAP, MED_AID_GAP, DIS_SUBSIDY_GAP, SINGLE_PERSON_COVERAGE, DEATH_REVIEW, DISASTER_AID.</summary>
public partial class RuleEngineTests
{
    [Fact]
    public void Evaluate_DibaoStudentWithoutEducationAid_EduAidGapToEducation()
    {
        var warnings = DibaoFamily().Record("education", Student, StudentName).Evaluate(ShippedRules.EduAidGap);

        var warning = Assert.Single(warnings);
        Assert.Equal("EDU_AID_GAP", warning.Code);
        Assert.Equal("education", warning.Receiver);
        Assert.Equal(Student.Value, warning.Subject);
        Assert.Equal(Student.Value, warning.IdText);
        Assert.Equal(StudentName, warning.Name);
        Assert.Equal("H1", warning.HouseholdId);
        Assert.Equal("天坛街道", warning.Subdistrict);
        Assert.Equal("低保", warning.Categories);
        Assert.Equal("education", warning.Department);
        Assert.Equal("exact", warning.Method);
        Assert.Equal(ShippedRules.EduAidGap.Measure, warning.Measure);
        Assert.Contains("未享受教育救助", warning.Detail, StringComparison.Ordinal);
        Assert.NotNull(warning.BatchId);
        Assert.NotNull(warning.SourceRow);
    }

    [Fact]
    public void Matched_RecordStoredByItsExactId_MatchedByItsKeyWithThatIdForItsCell()
    {
        var population = new RulePopulation(new SnapshotBuilder().Household("H1").Member("H1", Student, StudentName).Build());
        var education = ShippedRules.Departments["education"];

        var record = RuleRecord.Matched(new Matcher(population.Index), education, 1, 2, rawId: null, Student.Key, StudentName, string.Empty,
            RuleScenario.Values(education.Layout, new Dictionary<string, string>()));

        Assert.Equal((MatchStatus.Matched, MatchMethod.Exact), (record.Match.Status, record.Match.Method));
        Assert.Equal(Student.Value, record.RawId);
        Assert.Equal(Student.Value, record.IdText);
    }

    [Fact]
    public void Evaluate_StudentIdNeedingCleaning_EduAidGapWithNormalizedMethod()
    {
        var raw = "'" + Student.Value.ToLowerInvariant() + " ";

        var warning = Assert.Single(DibaoFamily().Record("education", raw, StudentName).Evaluate(ShippedRules.EduAidGap));

        Assert.Equal(Student.Value, warning.Subject);
        Assert.Equal("normalized", warning.Method);
    }

    [Fact]
    public void Evaluate_HouseholdAlreadyHasEducationAid_NoWarning()
    {
        var warnings = DibaoFamily(AidType.Education | AidType.Medical).Record("education", Student, StudentName)
            .Evaluate(ShippedRules.EduAidGap);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_HouseholdHasOtherAidOnly_EduAidGap()
    {
        var warnings = DibaoFamily(AidType.Medical | AidType.Housing).Record("education", Student, StudentName)
            .Evaluate(ShippedRules.EduAidGap);

        Assert.Single(warnings, w => w.Code == "EDU_AID_GAP");
    }

    [Theory]
    [InlineData(AidCategory.Fanpin)]
    [InlineData(AidCategory.Other)]
    public void Evaluate_StudentCategoryNotCovered_NoWarning(AidCategory category)
    {
        var warnings = DibaoFamily(categories: category).Record("education", Student, StudentName).Evaluate(ShippedRules.EduAidGap);

        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(AidCategory.Tekun)]
    [InlineData(AidCategory.Bianyuan)]
    [InlineData(AidCategory.Gangxing)]
    [InlineData(AidCategory.Fanpin | AidCategory.Gangxing)]
    public void Evaluate_StudentInAnotherCoveredCategory_EduAidGap(AidCategory category)
    {
        var warnings = DibaoFamily(categories: category).Record("education", Student, StudentName).Evaluate(ShippedRules.EduAidGap);

        Assert.Single(warnings, w => w.Code == "EDU_AID_GAP");
    }

    [Fact]
    public void Evaluate_MemberInRecordOfAnotherDepartment_NoEduAidGap()
    {
        var warnings = DibaoFamily().Record("unemployment", Student, StudentName).Evaluate(ShippedRules.EduAidGap);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_StrangerStudent_NoEduAidGap()
    {
        var warnings = DibaoFamily().Record("education", Stranger, StrangerName).Evaluate(ShippedRules.EduAidGap);

        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void Evaluate_MatchedRuleWithRecordFlag_FiresOnlyWhenFlagIsOne(string hardship, bool expected)
    {
        var rule = ShippedRules.EduAidGap with { RecordFlag = "hardship" };

        var warnings = DibaoFamily().Record("education", Student, StudentName, ("hardship", hardship)).Evaluate(rule);

        Assert.Equal(expected, warnings.Any(w => w.Code == "EDU_AID_GAP"));
        if (expected)
        {
            Assert.Contains("是否家庭经济困难：是", warnings[0].Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_MatchedRuleToEachSource_AMemberOncePerReceiverHoweverOftenFound()
    {
        var rule = ShippedRules.EmpAidGap with { Receiver = RuleOptions.SourceReceiver, Departments = ["unemployment", "illness"] };

        var warnings = DibaoFamily()
            .Record("unemployment", Worker, WorkerName)
            .Record("illness", Worker, WorkerName)
            .Record("unemployment", Worker, WorkerName)
            .Record("illness", Worker, WorkerName)
            .Evaluate(rule);

        Assert.Equal(["hr-social-security", "health"], warnings.Select(w => w.Receiver));
        Assert.All(warnings, w => Assert.Equal(Worker.Value, w.Subject));
    }

    [Fact]
    public void Evaluate_MatchedRuleWithRecordFlagButRecordLacksField_NoWarning()
    {
        var rule = ShippedRules.EduAidGap with { RecordFlag = "hardship" };

        Assert.Empty(DibaoFamily().Record("education", Student, StudentName).Evaluate(rule));
    }

    [Theory]
    [InlineData("unemployment", AidCategory.Dibao, "EMP_AID_GAP", "hr-social-security")]
    [InlineData("illness", AidCategory.Tekun, "MED_AID_GAP", "medical-insurance")]
    [InlineData("illness", AidCategory.Bianyuan, "SINGLE_PERSON_COVERAGE", "civil-affairs")]
    [InlineData("disability", AidCategory.Bianyuan, "SINGLE_PERSON_COVERAGE", "civil-affairs")]
    [InlineData("disability", AidCategory.Other, "DIS_SUBSIDY_GAP", "disabled-federation")]
    [InlineData("death", AidCategory.Fanpin, "DEATH_REVIEW", "civil-affairs")]
    [InlineData("disaster", AidCategory.Gangxing, "DISASTER_AID", "emergency")]
    public void Evaluate_ShippedMatchedRecordRule_WarnsItsReceiver(string department, AidCategory category, string code, string receiver)
    {
        var warnings = DibaoFamily(categories: category).Record(department, Worker, WorkerName, ("grade", "1"))
            .Evaluate(ShippedRules.All, RuleScenario.AsOf);

        var warning = SingleOf(warnings, code);
        Assert.Equal(receiver, warning.Receiver);
        Assert.Equal(Worker.Value, warning.Subject);
        Assert.Equal(department, warning.Department);
    }

    [Theory]
    [InlineData("unemployment", AidCategory.Tekun, "EMP_AID_GAP")]
    [InlineData("illness", AidCategory.Dibao, "SINGLE_PERSON_COVERAGE")]
    [InlineData("unemployment", AidCategory.Bianyuan, "SINGLE_PERSON_COVERAGE")]
    public void Evaluate_ShippedMatchedRecordRuleOutsideItsCategoriesOrDepartments_NoWarning(string department, AidCategory category, string code)
    {
        var warnings = DibaoFamily(categories: category).Record(department, Worker, WorkerName).Evaluate(ShippedRules.All, RuleScenario.AsOf);

        Assert.DoesNotContain(warnings, w => w.Code == code);
    }

    [Theory]
    [InlineData("unemployment", AidType.Employment, "EMP_AID_GAP")]
    [InlineData("illness", AidType.Medical, "MED_AID_GAP")]
    [InlineData("disability", AidType.DisabilitySubsidy, "DIS_SUBSIDY_GAP")]
    public void Evaluate_HouseholdAlreadyHasTheRulesAid_NoWarning(string department, AidType aid, string code)
    {
        var warnings = DibaoFamily(aid).Record(department, Worker, WorkerName, ("grade", "2")).Evaluate(ShippedRules.All, RuleScenario.AsOf);

        Assert.DoesNotContain(warnings, w => w.Code == code);
    }

    [Fact]
    public void Evaluate_DisabilityCertificateNumberOfMember_DisSubsidyGapForTheId()
    {
        var warnings = DibaoFamily().Record("disability", Worker.Value + "12", WorkerName, ("grade", "2")).Evaluate(ShippedRules.DisSubsidyGap);

        var warning = Assert.Single(warnings);
        Assert.Equal(Worker.Value, warning.Subject);
        Assert.Equal("disabled-federation", warning.Receiver);
        Assert.Equal("normalized", warning.Method);
    }

    /// <summary>残疾等级 is a code field: records hold its canonical codes (一级, 1级, I级 → 1), and the rules compare codes.</summary>
    [Theory]
    [InlineData("1", true)]
    [InlineData("2", true)]
    [InlineData(" 1 ", true)]
    [InlineData("3", false)]
    [InlineData("4", false)]
    [InlineData("", false)]
    [InlineData("一级", false)]
    public void Evaluate_DisabilityRecordByGrade_OnlySevereGradesWarn(string grade, bool expected)
    {
        var warnings = DibaoFamily(categories: AidCategory.Bianyuan).Record("disability", Worker, WorkerName, ("grade", grade))
            .Evaluate(ShippedRules.All, RuleScenario.AsOf);

        Assert.Equal(expected, warnings.Any(w => w.Code == "DIS_SUBSIDY_GAP"));
        Assert.Equal(expected, warnings.Any(w => w.Code == "SINGLE_PERSON_COVERAGE"));
    }

    [Fact]
    public void Evaluate_DisabilityRecordWithoutGrade_NoWarning()
    {
        var warnings = DibaoFamily(categories: AidCategory.Bianyuan).Record("disability", Worker, WorkerName)
            .Evaluate(ShippedRules.All, RuleScenario.AsOf);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Evaluate_SevereDisability_DetailNamesTheGrade()
    {
        var warning = Assert.Single(DibaoFamily().Record("disability", Worker, WorkerName, ("grade", "1")).Evaluate(ShippedRules.DisSubsidyGap));

        Assert.Contains("残疾等级：一级", warning.Detail, StringComparison.Ordinal); // the code shown by its word
    }

    [Fact]
    public void Evaluate_SeriouslyIllBianyuanMemberWithoutGrade_SinglePersonCoverage()
    {
        var warnings = DibaoFamily(categories: AidCategory.Bianyuan).Record("illness", Worker, WorkerName)
            .Evaluate(ShippedRules.SinglePersonCoverageIllness, ShippedRules.SinglePersonCoverageDisability);

        Assert.Equal("illness", Assert.Single(warnings).Department);
    }
}
