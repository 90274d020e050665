using System.Text.Json;
using Matching.Core.Departments;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Core.Tests.Rules;

/// <summary>
/// The shipped rule set, read from <c>src/Matching.Cli/rules.json</c> itself, with each rule by name so that a test can
/// run one rule alone or the whole set: the tests exercise the rules the program ships, not a copy of them.
/// </summary>
internal static class ShippedRules
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The whole shipped set, as <c>rules.json</c> holds it.</summary>
    public static RuleSetOptions All { get; } =
        JsonSerializer.Deserialize<RuleSetOptions>(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Matching.Cli", "rules.json")), Json)
        ?? throw new InvalidOperationException("rules.json is empty");

    public static IReadOnlyDictionary<string, string> Receivers => All.Receivers;

    /// <summary>Every rule, in the shipped order.</summary>
    public static IReadOnlyList<RuleOptions> Rules => All.Rules;

    public static RuleOptions EduAidGap { get; } = Rule("EDU_AID_GAP");

    public static RuleOptions EduNotCovered { get; } = Rule("EDU_NOT_COVERED");

    public static RuleOptions EmpAidGap { get; } = Rule("EMP_AID_GAP");

    public static RuleOptions MedAidGapIllness { get; } = Rule("MED_AID_GAP", "illness");

    public static RuleOptions MedAidGapSpending { get; } = Rule("MED_AID_GAP", "medical-bills");

    public static RuleOptions SinglePersonCoverageIllness { get; } = Rule("SINGLE_PERSON_COVERAGE", "illness");

    public static RuleOptions SinglePersonCoverageDisability { get; } = Rule("SINGLE_PERSON_COVERAGE", "disability");

    public static RuleOptions DisSubsidyGap { get; } = Rule("DIS_SUBSIDY_GAP");

    public static RuleOptions SpendingSurge { get; } = Rule("SPENDING_SURGE");

    public static RuleOptions RigidSpending { get; } = Rule("RIGID_SPENDING");

    public static RuleOptions DeathReview { get; } = Rule("DEATH_REVIEW");

    public static RuleOptions DisasterAid { get; } = Rule("DISASTER_AID");

    public static RuleOptions HousingAidGap { get; } = Rule("HOUSING_AID_GAP");

    public static RuleOptions DuplicateAid { get; } = Rule("DUPLICATE_AID");

    public static RuleOptions IdInvalid { get; } = Rule("ID_INVALID");

    public static RuleOptions IdNameMismatch { get; } = Rule("ID_NAME_MISMATCH");

    public static RuleOptions ComplexCase { get; } = Rule("COMPLEX_CASE");

    /// <summary>A set of only <paramref name="rules"/>, with the shipped receivers.</summary>
    public static RuleSetOptions Only(params RuleOptions[] rules) => new() { Receivers = Receivers, Rules = rules };

    /// <summary>The one shipped rule with <paramref name="code"/> (and reading <paramref name="department"/>, where a code has several rules).</summary>
    private static RuleOptions Rule(string code, string? department = null) =>
        All.Rules.Single(r => r.Code == code && (department is null || r.Departments.Contains(department)));

    /// <summary>The departments as the shipped header maps describe them: label, own receiver, first header per field.</summary>
    public static IReadOnlyDictionary<string, RuleDepartment> Departments { get; } = new[]
    {
        Department("education", "教育体育 在校学生", "education", DepartmentKind.Snapshot, ("hardship", "是否家庭经济困难", FieldType.Flag)),
        Department("unemployment", "人社 登记失业人员", "hr-social-security", DepartmentKind.Snapshot, ("registeredOn", "登记日期", FieldType.Date)),
        Department("illness", "卫健 重病患者", "health", DepartmentKind.Snapshot, ("disease", "疾病名称", FieldType.Text)),
        Department("disability", "残联 重度残疾人", "disabled-federation", DepartmentKind.Snapshot, ("grade", "残疾等级", FieldType.Code)) with
        {
            Codes = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
            {
                ["grade"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["1"] = "一级", ["2"] = "二级", ["3"] = "三级", ["4"] = "四级" },
            },
        },
        Department("medical-bills", "医保 个人自付医疗费用", "medical-insurance", DepartmentKind.Ledger,
            ("visitDate", "就诊日期", FieldType.Date), ("selfPaid", "个人自付", FieldType.Amount)) with { EventDateField = "visitDate" },
        Department("death", "民政/公安 死亡登记", "civil-affairs", DepartmentKind.Ledger, ("diedOn", "死亡日期", FieldType.Date)) with { EventDateField = "diedOn" },
        Department("disaster", "应急管理 受灾人员救助", "emergency", DepartmentKind.Ledger,
            ("disasterDate", "受灾日期", FieldType.Date), ("loss", "损失金额", FieldType.Amount)) with { EventDateField = "disasterDate" },
    }.ToDictionary(d => d.Code, StringComparer.Ordinal);

    private static RuleDepartment Department(string code, string label, string receiver, DepartmentKind kind, params (string Field, string Header, FieldType Type)[] fields) =>
        new(code, label, receiver, kind, RecordLayout.Of(fields.Select(f => (f.Field, f.Type, f.Header))));
}
