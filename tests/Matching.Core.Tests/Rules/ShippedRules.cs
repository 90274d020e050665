using Matching.Core.Departments;
using Matching.Core.Rules;

namespace Matching.Core.Tests.Rules;

/// <summary>
/// The shipped rule set (<c>src/Matching.Cli/rules.json</c>) built in code, rule by rule, so that a test can run one
/// rule alone or the whole set. <see cref="RuleSetOptionsTests"/> checks that every rule here is in the shipped file.
/// </summary>
internal static class ShippedRules
{
    public static IReadOnlyDictionary<string, string> Receivers { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["civil-affairs"] = "民政局",
        ["education"] = "教育体育局",
        ["hr-social-security"] = "人力资源和社会保障局",
        ["health"] = "卫生健康委员会",
        ["medical-insurance"] = "医疗保障局",
        ["disabled-federation"] = "残疾人联合会",
        ["housing"] = "住房和城乡建设局",
        ["emergency"] = "应急管理局",
        ["agriculture"] = "农业农村局",
    };

    private const string MedicalMeasure = "核实医疗费用负担情况，按规定落实医疗救助政策";

    /// <summary>Severe disability: 残疾等级 一级 or 二级, by their canonical codes (一级, 1级, I级 → 1).</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> SevereGrades =>
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["grade"] = ["1", "2"] };

    public static RuleOptions EduAidGap { get; } = new()
    {
        Code = "EDU_AID_GAP", Label = "教育救助政策落实不到位", Receiver = "education",
        Measure = "核实学生家庭情况，按规定落实教育救助（资助）政策",
        Shape = RuleShape.MatchedRecord, Departments = ["education"],
        Categories = ["dibao", "tekun", "bianyuan", "gangxing"], LacksAid = "education",
    };

    public static RuleOptions EduNotCovered { get; } = new()
    {
        Code = "EDU_NOT_COVERED", Label = "疑似符合条件未纳入（家庭经济困难学生）", Receiver = "civil-affairs",
        Measure = "入户核查家庭经济状况，符合条件的及时纳入低收入人口救助范围",
        Shape = RuleShape.UnmatchedRecord, Departments = ["education"], RecordFlag = "hardship",
    };

    public static RuleOptions EmpAidGap { get; } = new()
    {
        Code = "EMP_AID_GAP", Label = "就业救助政策落实不到位", Receiver = "hr-social-security",
        Measure = "提供就业援助、公益性岗位或职业培训，落实就业救助政策",
        Shape = RuleShape.MatchedRecord, Departments = ["unemployment"],
        Categories = ["dibao", "bianyuan", "gangxing"], LacksAid = "employment",
    };

    public static RuleOptions MedAidGapIllness { get; } = new()
    {
        Code = "MED_AID_GAP", Label = "医疗救助政策落实不到位", Receiver = "medical-insurance", Measure = MedicalMeasure,
        Shape = RuleShape.MatchedRecord, Departments = ["illness"], LacksAid = "medical",
    };

    public static RuleOptions MedAidGapSpending { get; } = new()
    {
        Code = "MED_AID_GAP", Label = "医疗救助政策落实不到位", Receiver = "medical-insurance", Measure = MedicalMeasure,
        Shape = RuleShape.Spending, Departments = ["medical-bills"], Covered = true,
        AmountField = "selfPaid", DateField = "visitDate", Months = 12, Threshold = 20000m, LacksAid = "medical",
    };

    private const string SingleLabel = "低保边缘家庭重病重残人员（单人保）";
    private const string SingleMeasure = "评估是否按单人户纳入低保（单人保）";

    public static RuleOptions SinglePersonCoverageIllness { get; } = new()
    {
        Code = "SINGLE_PERSON_COVERAGE", Label = SingleLabel, Receiver = "civil-affairs", Measure = SingleMeasure,
        Shape = RuleShape.MatchedRecord, Departments = ["illness"], Categories = ["bianyuan"],
    };

    public static RuleOptions SinglePersonCoverageDisability { get; } = new()
    {
        Code = "SINGLE_PERSON_COVERAGE", Label = SingleLabel, Receiver = "civil-affairs", Measure = SingleMeasure,
        Shape = RuleShape.MatchedRecord, Departments = ["disability"], Categories = ["bianyuan"],
        RecordValues = SevereGrades,
    };

    public static RuleOptions DisSubsidyGap { get; } = new()
    {
        Code = "DIS_SUBSIDY_GAP", Label = "残疾人补贴政策落实不到位", Receiver = "disabled-federation",
        Measure = "核实残疾等级，按规定落实困难残疾人生活补贴和重度残疾人护理补贴",
        Shape = RuleShape.MatchedRecord, Departments = ["disability"], LacksAid = "disability_subsidy",
        RecordValues = SevereGrades,
    };

    public static RuleOptions SpendingSurge { get; } = new()
    {
        Code = "SPENDING_SURGE", Label = "支出骤增（医疗自付费用超过标准）", Receiver = "civil-affairs",
        Measure = "核查家庭收入和支出，符合条件的纳入低收入人口或给予临时救助",
        Shape = RuleShape.Spending, Departments = ["medical-bills"], Covered = false,
        AmountField = "selfPaid", DateField = "visitDate", Months = 12, Threshold = 20000m,
    };

    public static RuleOptions RigidSpending { get; } = new()
    {
        Code = "RIGID_SPENDING", Label = "刚性支出困难（医疗自付达家庭收入50%）", Receiver = "civil-affairs",
        Measure = "按刚性支出困难家庭认定条件核查，符合条件的及时认定",
        Shape = RuleShape.HouseholdSpending, Departments = ["medical-bills"],
        AmountField = "selfPaid", DateField = "visitDate", Months = 12, Ratio = 0.5m,
    };

    public static RuleOptions DeathReview { get; } = new()
    {
        Code = "DEATH_REVIEW", Label = "收入骤减（家庭成员死亡）", Receiver = "civil-affairs",
        Measure = "核实家庭收入和人口变化，停发死亡人员救助金，重新核定家庭救助",
        Shape = RuleShape.MatchedRecord, Departments = ["death"],
    };

    public static RuleOptions DisasterAid { get; } = new()
    {
        Code = "DISASTER_AID", Label = "财产遭受重大损失（受灾）", Receiver = "emergency",
        Measure = "落实受灾人员救助，评估是否需要临时救助",
        Shape = RuleShape.MatchedRecord, Departments = ["disaster"],
    };

    public static RuleOptions HousingAidGap { get; } = new()
    {
        Code = "HOUSING_AID_GAP", Label = "住房救助政策落实不到位", Receiver = "housing",
        Measure = "核实住房困难情况，落实住房救助",
        MeasureInSubdistrict = "核实住房困难情况，优先配租公共租赁住房或发放租赁补贴",
        MeasureInTown = "核实住房安全情况，纳入农村危房改造",
        Shape = RuleShape.Housing, Categories = ["dibao", "tekun", "bianyuan", "gangxing"], TekunSupport = "分散", LacksAid = "housing",
    };

    public static RuleOptions DuplicateAid { get; } = new()
    {
        Code = "DUPLICATE_AID", Label = "重复救助", Receiver = "civil-affairs",
        Measure = "核实人员户籍和救助类别，纠正重复登记或互斥救助",
        Shape = RuleShape.DuplicateAid, Exclusive = [["dibao", "tekun"]],
    };

    public static RuleOptions IdInvalid { get; } = new()
    {
        Code = "ID_INVALID", Label = "身份证号码无效", Receiver = RuleOptions.SourceReceiver,
        Measure = "核对并更正身份证号码后重新报送",
        Shape = RuleShape.IdInvalid,
    };

    public static RuleOptions IdNameMismatch { get; } = new()
    {
        Code = "ID_NAME_MISMATCH", Label = "身份证号码与姓名不一致", Receiver = RuleOptions.SourceReceiver,
        Measure = "核对姓名与身份证号码，更正后重新报送",
        Shape = RuleShape.IdNameMismatch,
    };

    public static RuleOptions ComplexCase { get; } = new()
    {
        Code = "COMPLEX_CASE", Label = "困难情形复杂", Receiver = "civil-affairs",
        Measure = "提交困难群众救助工作协调机制，一事一议研究解决",
        Shape = RuleShape.ComplexCase, MinCodes = 3,
    };

    /// <summary>Every rule, in the shipped order.</summary>
    public static IReadOnlyList<RuleOptions> Rules { get; } =
    [
        EduAidGap, EduNotCovered, EmpAidGap, MedAidGapIllness, MedAidGapSpending, SinglePersonCoverageIllness,
        SinglePersonCoverageDisability, DisSubsidyGap, SpendingSurge, RigidSpending, DeathReview, DisasterAid, HousingAidGap, DuplicateAid, IdInvalid, IdNameMismatch, ComplexCase,
    ];

    /// <summary>The whole shipped set.</summary>
    public static RuleSetOptions All { get; } = new() { Receivers = Receivers, Rules = Rules };

    /// <summary>A set of only <paramref name="rules"/>, with the shipped receivers.</summary>
    public static RuleSetOptions Only(params RuleOptions[] rules) => new() { Receivers = Receivers, Rules = rules };

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
