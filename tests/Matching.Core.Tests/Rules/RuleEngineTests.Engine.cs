using System.Text.RegularExpressions;
using Matching.Core.Population;
using Matching.Core.Identity;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Core.Tests.Rules;

/// <summary>The engine as a whole: complex cases, one warning per (code, subject, receiver), what details may hold.</summary>
public partial class RuleEngineTests
{
    /// <summary>H1 (dibao, 住房困难, no aid) with a student at school and an unemployed worker: three distinct codes.</summary>
    private static RuleScenario ComplexFamily(bool housingDifficulty = true, bool unemployed = true)
    {
        var scenario = new RuleScenario()
            .Household("H1", housingDifficulty: housingDifficulty)
            .Member("H1", Head, HeadName)
            .Member("H1", Student, StudentName, relation: "子女")
            .Member("H1", Worker, WorkerName, relation: "子女")
            .Household("H2")
            .Member("H2", Neighbour, NeighbourName)
            .Record("education", Student, StudentName);
        return unemployed ? scenario.Record("unemployment", Worker, WorkerName) : scenario;
    }

    [Fact]
    public void Evaluate_HouseholdWithThreeDistinctCodes_ComplexCaseToCivilAffairsForTheHead()
    {
        var warnings = ComplexFamily().Evaluate(ShippedRules.All, RuleScenario.AsOf);

        var warning = SingleOf(warnings, "COMPLEX_CASE");
        Assert.Equal("civil-affairs", warning.Receiver);
        Assert.Equal(Head.Value, warning.Subject);
        Assert.Equal("H1", warning.HouseholdId);
        Assert.Equal("lowincome", warning.Department);
        Assert.Equal(ShippedRules.ComplexCase.Measure, warning.Measure);
        // Chinese labels a clerk reads, no codes; in code order (EDU_AID_GAP, EMP_AID_GAP, HOUSING_AID_GAP) so the facts read the same every run.
        Assert.Equal("同户有3类预警：教育救助政策落实不到位、就业救助政策落实不到位、住房救助政策落实不到位", warning.Detail);
        Assert.DoesNotMatch("[A-Z_]{4,}", warning.Detail);
        Assert.Same(warning, warnings[^1]);
    }

    [Fact]
    public void Finish_EnumeratedTwice_SameWarningsInTheSameOrder()
    {
        // A transaction that is retried takes the run's warnings again: they are made as they are taken, and must come
        // out the same (record shapes, a population shape and the complex case).
        var warnings = ComplexFamily().Finish(ShippedRules.All, RuleScenario.AsOf);

        var first = warnings.ToList();
        var second = warnings.ToList();

        Assert.Contains(first, w => w.Code == "EDU_AID_GAP");
        Assert.Contains(first, w => w.Code == "HOUSING_AID_GAP");
        Assert.Equal("COMPLEX_CASE", first[^1].Code);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Finish_RecordsInNoOrderOfId_EachRecordRulesWarningsInTheOrderOfTheirSubjects()
    {
        // The store keeps the warnings under a unique index on (code, subject, receiver), which takes them fastest in
        // its own order; the records come in their files' order.
        IdNumber[] members = [.. Enumerable.Range(20, 8).Select(TestIds.Valid).OrderByDescending(id => id.Value, StringComparer.Ordinal)];
        IdNumber[] strangers = [.. Enumerable.Range(40, 8).Select(TestIds.Valid).OrderByDescending(id => id.Value, StringComparer.Ordinal)];
        var scenario = new RuleScenario().Household("H1");
        foreach (var id in members)
        {
            scenario.Member("H1", id, StudentName, relation: "子女");
        }

        for (var i = 0; i < members.Length; i++)
        {
            scenario.Record("education", members[i], StudentName).Record("education", strangers[i], StrangerName, ("hardship", "1"));
        }

        var warnings = scenario.Evaluate(ShippedRules.EduAidGap, ShippedRules.EduNotCovered);

        Assert.Equal(members.Select(id => id.Value).Order(StringComparer.Ordinal), warnings.Where(w => w.Code == "EDU_AID_GAP").Select(w => w.Subject));
        Assert.Equal(strangers.Select(id => id.Value).Order(StringComparer.Ordinal), warnings.Where(w => w.Code == "EDU_NOT_COVERED").Select(w => w.Subject));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Evaluate_HouseholdWithTwoDistinctCodes_NoComplexCase(bool housingDifficulty, bool unemployed)
    {
        var warnings = ComplexFamily(housingDifficulty, unemployed).Evaluate(ShippedRules.All, RuleScenario.AsOf);

        Assert.Equal(2, warnings.Select(w => w.Code).Distinct().Count());
        Assert.DoesNotContain(warnings, w => w.Code == "COMPLEX_CASE");
    }

    [Fact]
    public void Evaluate_TwoDistinctCodesWithMinCodesTwo_ComplexCase()
    {
        var rules = ShippedRules.Only([.. ShippedRules.Rules.Select(r => r.Shape == RuleShape.ComplexCase ? r with { MinCodes = 2 } : r)]);

        var warnings = ComplexFamily(housingDifficulty: false).Evaluate(rules, RuleScenario.AsOf);

        Assert.Equal(Head.Value, SingleOf(warnings, "COMPLEX_CASE").Subject);
    }

    [Fact]
    public void Evaluate_TwoCodesPlusIdWarningsInTheHousehold_NoComplexCase()
    {
        var warnings = ComplexFamily(housingDifficulty: false)
            .Record("illness", Head, "刘晓红")
            .Record("illness", "4190011985", HeadName)
            .Evaluate(ShippedRules.All, RuleScenario.AsOf);

        Assert.Equal("H1", SingleOf(warnings, "ID_NAME_MISMATCH").HouseholdId);
        Assert.Single(warnings, w => w.Code == "ID_INVALID");
        Assert.DoesNotContain(warnings, w => w.Code == "COMPLEX_CASE");
    }

    [Fact]
    public void Evaluate_OneCodeForManyMembersPlusAnother_NoComplexCase()
    {
        var warnings = ComplexFamily(unemployed: false)
            .Record("education", Worker, WorkerName)
            .Record("education", Head, HeadName)
            .Evaluate(ShippedRules.All, RuleScenario.AsOf);

        Assert.Equal(3, warnings.Count(w => w.Code == "EDU_AID_GAP"));
        Assert.DoesNotContain(warnings, w => w.Code == "COMPLEX_CASE");
    }

    [Fact]
    public void Evaluate_ThreeCodesSpreadOverTwoHouseholds_NoComplexCase()
    {
        var warnings = ComplexFamily(unemployed: false)
            .Record("unemployment", Neighbour, NeighbourName)
            .Evaluate(ShippedRules.All, RuleScenario.AsOf);

        Assert.Equal(3, warnings.Select(w => w.Code).Distinct().Count());
        Assert.DoesNotContain(warnings, w => w.Code == "COMPLEX_CASE");
    }

    [Fact]
    public void Evaluate_SameCodeSubjectReceiverFromTwoRules_ReturnedOnceAsFirstFound()
    {
        var warnings = DibaoFamily()
            .Record("illness", Worker, WorkerName)
            .Bill(Worker, WorkerName, "30000.00", InWindow)
            .Evaluate(ShippedRules.MedAidGapIllness, ShippedRules.MedAidGapSpending);

        var warning = Assert.Single(warnings);
        Assert.Equal("MED_AID_GAP", warning.Code);
        Assert.Equal("illness", warning.Department);
    }

    [Fact]
    public void Evaluate_SameCodeSubjectReceiverFromTwoRules_SecondRuleFirstKeepsItsWarning()
    {
        var warnings = DibaoFamily()
            .Record("illness", Worker, WorkerName)
            .Bill(Worker, WorkerName, "30000.00", InWindow)
            .Evaluate(ShippedRules.MedAidGapSpending, ShippedRules.MedAidGapIllness);

        Assert.Equal("medical-bills", Assert.Single(warnings).Department);
    }

    [Fact]
    public void Evaluate_SameStudentInTwoRecords_OneEduAidGap()
    {
        var warnings = DibaoFamily()
            .Record("education", Student, StudentName)
            .Record("education", " " + Student.Value, StudentName)
            .Evaluate(ShippedRules.EduAidGap);

        Assert.Equal(2, Assert.Single(warnings).SourceRow);
    }

    [Fact]
    public void Evaluate_SameInvalidIdAndNameTwice_OneIdInvalid()
    {
        var warnings = DibaoFamily()
            .Record("illness", "4190011985", StrangerName)
            .Record("illness", "4190011985 ", StrangerName)
            .Evaluate(ShippedRules.IdInvalid);

        Assert.Single(warnings);
    }

    [Fact]
    public void Evaluate_SameCodeAndSubjectForTwoReceivers_BothKept()
    {
        var warnings = DibaoFamily()
            .Record("unemployment", Worker, "刘晓红")
            .Record("illness", Worker, "刘晓红")
            .Evaluate(ShippedRules.IdNameMismatch);

        Assert.Equal(["hr-social-security", "health"], warnings.Select(w => w.Receiver));
        Assert.All(warnings, w => Assert.Equal(Worker.Value, w.Subject));
    }

    [Fact]
    public void Evaluate_MixedScenario_NoDetailHoldsAFullIdOrAName()
    {
        string[] names = [HeadName, SpouseName, StudentName, WorkerName, NeighbourName, StrangerName, "刘晓红"];
        var warnings = new RuleScenario()
            .Household("H1", income: 30000m, subdistrict: "克井镇", housingDifficulty: true)
            .Member("H1", Head, HeadName)
            .Member("H1", Student, StudentName, relation: "子女")
            .Member("H1", Worker, WorkerName, relation: "子女")
            .Household("H2", AidType.Housing)
            .Member("H2", Neighbour, NeighbourName, AidCategory.Bianyuan)
            .Member("H2", Spouse, SpouseName, AidCategory.Dibao | AidCategory.Tekun, relation: "配偶")
            .Member("H2", Head, HeadName, relation: "其他")
            .Record("education", Student, StudentName, ("hardship", "1"))
            .Record("education", Stranger, StrangerName, ("hardship", "1"))
            .Record("unemployment", Worker.Value.ToLowerInvariant() + ".0", WorkerName)
            .Record("illness", Neighbour, NeighbourName)
            .Record("disability", Neighbour.Value + "11", NeighbourName, ("grade", "1"))
            .Record("death", Spouse, SpouseName)
            .Record("disaster", Head, HeadName)
            .Bill(Worker, WorkerName, "16000.00", InWindow)
            .Bill(Stranger, StrangerName, "25000.00", InWindow)
            .Record("unemployment", Student, "刘晓红")
            .Record("illness", "4190011985", "刘晓红")
            .Evaluate(ShippedRules.All, RuleScenario.AsOf);

        string[] expected =
        [
            "EDU_AID_GAP", "EDU_NOT_COVERED", "EMP_AID_GAP", "MED_AID_GAP", "SINGLE_PERSON_COVERAGE", "DIS_SUBSIDY_GAP",
            "SPENDING_SURGE", "RIGID_SPENDING", "DEATH_REVIEW", "DISASTER_AID", "HOUSING_AID_GAP", "DUPLICATE_AID",
            "ID_INVALID", "ID_NAME_MISMATCH", "COMPLEX_CASE",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), warnings.Select(w => w.Code).Distinct().Order(StringComparer.Ordinal));
        Assert.All(warnings, w =>
        {
            Assert.DoesNotMatch(FullId(), w.Detail);
            Assert.DoesNotContain(w.IdText, w.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(w.Subject, w.Detail, StringComparison.Ordinal);
            Assert.All(names, n => Assert.DoesNotContain(n, w.Detail, StringComparison.Ordinal));
        });
    }

    /// <summary>An 18-character ID (or its first 15 digits) anywhere in a text.</summary>
    [GeneratedRegex("[0-9０-９]{15}")]
    private static partial Regex FullId();
}
