using System.Text.Json;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Core.Tests.Rules;

public class RuleSetOptionsTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    [Fact]
    public void Problems_ShippedRules_None()
    {
        Assert.Empty(ShippedRules.All.Problems());
    }

    [Fact]
    public void ShippedRulesJson_EveryRuleNamedOnceAndEveryReceiverUsed()
    {
        var named = new[]
        {
            ShippedRules.EduAidGap, ShippedRules.EduNotCovered, ShippedRules.EmpAidGap, ShippedRules.MedAidGapIllness, ShippedRules.MedAidGapSpending,
            ShippedRules.SinglePersonCoverageIllness, ShippedRules.SinglePersonCoverageDisability, ShippedRules.DisSubsidyGap, ShippedRules.SpendingSurge,
            ShippedRules.RigidSpending, ShippedRules.DeathReview, ShippedRules.DisasterAid, ShippedRules.HousingAidGap, ShippedRules.DuplicateAid,
            ShippedRules.IdInvalid, ShippedRules.IdNameMismatch, ShippedRules.ComplexCase,
        };

        // Every rule of the file is one the tests can run by name, and no name picks the same rule twice.
        Assert.Equal(ShippedRules.Rules.Count, named.Distinct().Count());
        Assert.All(ShippedRules.Rules, r => Assert.Contains(r, named));
        var receivers = ShippedRules.Rules.Select(r => r.Receiver).Where(r => r != RuleOptions.SourceReceiver).ToHashSet(StringComparer.Ordinal);
        Assert.All(receivers, r => Assert.True(ShippedRules.Receivers.ContainsKey(r), r));
    }

    [Fact]
    public void CategoryFlagsAndLacksAidType_ParsedWhenSetAndAgainOnWith()
    {
        var rule = ShippedRules.EduAidGap;

        var changed = rule with { Categories = ["tekun"], LacksAid = "housing" };

        Assert.Equal(AidCategory.Dibao | AidCategory.Tekun | AidCategory.Bianyuan | AidCategory.Gangxing, rule.CategoryFlags);
        Assert.Equal(AidType.Education, rule.LacksAidType);
        Assert.Equal(AidCategory.Tekun, changed.CategoryFlags);
        Assert.Equal(AidType.Housing, changed.LacksAidType);
        Assert.Equal(AidCategory.None, (rule with { Categories = [] }).CategoryFlags);
    }

    [Theory]
    [InlineData("shape", "shape 'matched_recrod'")]
    [InlineData("category", "'dibo' is not a category code")]
    [InlineData("exclusive", "'tekunn' is not a category code")]
    [InlineData("lacksAid", "lacksAid 'educaton'")]
    [InlineData("receiver", "receiver 'eduction' is not in receivers")]
    [InlineData("amountField", "amountField is empty")]
    [InlineData("householdAmountField", "amountField is empty")]
    [InlineData("departments", "departments is empty")]
    [InlineData("threshold", "threshold must be above 0")]
    [InlineData("months", "months must be 1 to 120")]
    [InlineData("ratio", "ratio must be above 0")]
    [InlineData("minCodes", "minCodes must be 2 or more")]
    [InlineData("pair", "exclusive must hold pairs")]
    [InlineData("label", "label and receiver are required")]
    public void Problems_OneBrokenRule_ReportedOnceNamingTheRule(string broken, string expected)
    {
        var rules = ShippedRules.Rules.ToList();
        var (index, rule) = Break(broken);
        rules[index] = rule;
        var set = ShippedRules.All with { Rules = rules };

        var problem = Assert.Single(set.Problems());

        Assert.StartsWith($"rules[{index}] ({rule.Code})", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_EmptyCode_ReportedWithItsIndex()
    {
        var set = ShippedRules.Only(ShippedRules.DeathReview with { Code = string.Empty });

        Assert.Contains("rules[0].code is empty", set.Problems());
    }

    [Fact]
    public void Problems_CleanSetCheckedOnce_ACopyWithAnotherSettingCheckedAnew()
    {
        var clean = ShippedRules.Only(ShippedRules.DeathReview);
        Assert.Empty(clean.Problems());

        var otherRules = clean with { Rules = [ShippedRules.DeathReview with { Code = string.Empty }] };
        var otherReceivers = clean with { Receivers = new Dictionary<string, string>(StringComparer.Ordinal) };
        var otherMasked = clean with { MaskedWorkbooks = ["nobody"] };

        Assert.Empty(clean.Problems());
        Assert.Contains("rules[0].code is empty", otherRules.Problems());
        Assert.Contains(otherReceivers.Problems(), p => p.Contains("civil-affairs", StringComparison.Ordinal));
        Assert.Contains(otherMasked.Problems(), p => p.Contains("nobody", StringComparison.Ordinal));
        Assert.Equal(clean, clean with { Rules = clean.Rules });
    }

    [Fact]
    public void Problems_NoRules_Reported()
    {
        Assert.Equal(["rules is empty"], ShippedRules.Only().Problems());
    }

    [Fact]
    public void Problems_RulesOfOneCodeDisagreeOnLabel_ReportedNamingTheCode()
    {
        var set = ShippedRules.Only(ShippedRules.MedAidGapIllness, ShippedRules.MedAidGapSpending with { Label = "医疗救助未落实" });

        var problem = Assert.Single(set.Problems());
        Assert.Contains("MED_AID_GAP", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_SourceReceiver_NotReported()
    {
        Assert.Empty(ShippedRules.Only(ShippedRules.IdInvalid, ShippedRules.IdNameMismatch).Problems());
    }

    [Fact]
    public void Problems_SeveralBrokenRules_EachReported()
    {
        var set = ShippedRules.Only(
            ShippedRules.EduAidGap with { ShapeText = "matched" },
            ShippedRules.HousingAidGap,
            ShippedRules.RigidSpending with { AmountField = string.Empty });

        var problems = set.Problems().ToList();

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("rules[0] (EDU_AID_GAP)", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("rules[2] (RIGID_SPENDING)", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void RuleEngine_BrokenRuleSet_ThrowsNamingTheProblem()
    {
        var set = ShippedRules.Only(ShippedRules.EduAidGap with { LacksAid = "educaton" });

        var ex = Assert.Throws<ArgumentException>(() => new RuleEngine(set, ShippedRules.Departments));

        Assert.Contains("rules[0] (EDU_AID_GAP).lacksAid 'educaton'", ex.Message, StringComparison.Ordinal);
    }

    private static (int Index, RuleOptions Rule) Break(string broken)
    {
        var index = broken switch
        {
            "shape" or "category" or "lacksAid" or "receiver" or "departments" or "label" => IndexOf(ShippedRules.EduAidGap),
            "amountField" or "threshold" or "months" => IndexOf(ShippedRules.SpendingSurge),
            "householdAmountField" or "ratio" => IndexOf(ShippedRules.RigidSpending),
            "exclusive" or "pair" => IndexOf(ShippedRules.DuplicateAid),
            "minCodes" => IndexOf(ShippedRules.ComplexCase),
            _ => throw new ArgumentOutOfRangeException(nameof(broken), broken, null),
        };
        var rule = ShippedRules.Rules[index];
        return (index, broken switch
        {
            "shape" => rule with { ShapeText = "matched_recrod" },
            "category" => rule with { Categories = ["dibao", "dibo"] },
            "lacksAid" => rule with { LacksAid = "educaton" },
            "receiver" => rule with { Receiver = "eduction" },
            "departments" => rule with { Departments = [] },
            "label" => rule with { Label = " " },
            "amountField" or "householdAmountField" => rule with { AmountField = string.Empty },
            "threshold" => rule with { Threshold = 0m },
            "months" => rule with { Months = 0 },
            "ratio" => rule with { Ratio = 0m },
            "exclusive" => rule with { Exclusive = [["dibao", "tekunn"]] },
            "pair" => rule with { Exclusive = [["dibao", "tekun", "bianyuan"]] },
            "minCodes" => rule with { MinCodes = 1 },
            _ => rule,
        });
    }

    private static int IndexOf(RuleOptions rule) => ShippedRules.Rules.ToList().IndexOf(rule);

    [Theory]
    [InlineData("matched_record", RuleShape.MatchedRecord)]
    [InlineData("household_spending", RuleShape.HouseholdSpending)]
    [InlineData("complex_case", RuleShape.ComplexCase)]
    public void Shape_NameInJson_ReadAsTheShapeAndWrittenBackAsTheName(string name, RuleShape shape)
    {
        var rule = JsonSerializer.Deserialize<RuleOptions>($$"""{ "code": "X", "shape": "{{name}}" }""", Json)!;

        Assert.Equal(shape, rule.Shape);
        Assert.Contains($"\"shape\":\"{name}\"", JsonSerializer.Serialize(rule, Json), StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_EveryShape_HasItsOwnName()
    {
        var shapes = Enum.GetValues<RuleShape>();

        Assert.Equal(shapes.Length, RuleShapeText.All.Distinct().Count());
        Assert.All(shapes, s => Assert.True(RuleShapeText.TryParse(s.Text(), out var back) && back == s));
        Assert.Null(new RuleOptions { ShapeText = "MatchedRecord" }.Shape);
    }
}
