using Matching.Core.Rules;

namespace Matching.Core.Tests.Rules;

/// <summary>Code fields (残疾等级): rules list their canonical codes, and a value that is no code is refused, not silently never met.</summary>
public partial class RuleEngineTests
{
    [Fact]
    public void Problems_RecordValuesOfACodeFieldThatAreNoCodes_NamedWithTheCodes()
    {
        var rule = ShippedRules.DisSubsidyGap with
        {
            RecordValues = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["grade"] = ["一级", "2"] },
        };

        var problems = RuleEngine.Problems(ShippedRules.Only(rule), ShippedRules.Departments).ToList();

        var problem = Assert.Single(problems);
        Assert.StartsWith("rules[0] (DIS_SUBSIDY_GAP).recordValues.grade '一级' is not a code of disability's grade", problem, StringComparison.Ordinal);
        Assert.Contains("1 (一级)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_ShippedRulesAgainstShippedDepartments_None()
    {
        Assert.Empty(RuleEngine.Problems(ShippedRules.All, ShippedRules.Departments));
    }

    [Fact]
    public void Problems_RecordValuesOfAFlagField_NotATextOrCodeField()
    {
        var rule = ShippedRules.EduNotCovered with
        {
            RecordValues = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["hardship"] = ["1"] },
        };

        var problem = Assert.Single(RuleEngine.Problems(ShippedRules.Only(rule), ShippedRules.Departments));

        Assert.Contains("recordValues 'hardship' is not a text or code field of education", problem, StringComparison.Ordinal);
    }
}
