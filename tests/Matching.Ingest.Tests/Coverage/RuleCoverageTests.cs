using Matching.Core.Rules;
using Matching.Ingest.Coverage;
using Matching.Ingest.Departments;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.LowIncome;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Coverage;

/// <summary>Issue 20: no rule switched off silently by a column a file lacks or leaves mostly empty.</summary>
public sealed class RuleCoverageTests : IDisposable
{
    private static readonly HeaderMapCatalog Catalog = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory);

    private static readonly RuleOptions RigidSpending = new()
    {
        Code = "RIGID_SPENDING", Label = "刚性支出困难（医疗自付达家庭收入50%）", Receiver = "civil-affairs", Shape = RuleShape.HouseholdSpending,
        Departments = ["medical-bills"], AmountField = "selfPaid", DateField = "visitDate", Months = 12, Ratio = 0.5m,
    };

    private static readonly RuleOptions Housing = new()
    {
        Code = "HOUSING_AID_GAP", Label = "住房救助政策落实不到位", Receiver = "housing", Shape = RuleShape.Housing,
        Categories = ["dibao", "tekun"], TekunSupport = "分散", LacksAid = "housing",
    };

    private static readonly RuleOptions SpendingSurge = new()
    {
        Code = "SPENDING_SURGE", Label = "支出骤增", Receiver = "civil-affairs", Shape = RuleShape.Spending, Departments = ["medical-bills"],
        Covered = false, AmountField = "selfPaid", DateField = "visitDate", Threshold = 20000m,
    };

    private static readonly RuleOptions EduNotCovered = new()
    {
        Code = "EDU_NOT_COVERED", Label = "疑似符合条件未纳入", Receiver = "civil-affairs", Shape = RuleShape.UnmatchedRecord,
        Departments = ["education"], RecordFlag = "hardship",
    };

    private static readonly RuleSetOptions Rules = new() { Rules = [RigidSpending, Housing, SpendingSurge, EduNotCovered] };

    private readonly TempFolder _temp = new("matching-coverage-");

    [Fact]
    public void Needs_Population_IncomeHousingAndSupportMode()
    {
        var needs = RuleCoverage.Needs(Rules, Catalog.Get("lowincome"));

        Assert.Equal(
            [("income", "RIGID_SPENDING", RuleInputRole.Needed), ("housingDifficulty", "HOUSING_AID_GAP", RuleInputRole.Needed),
                ("tekunSupport", "HOUSING_AID_GAP", RuleInputRole.TekunSupport)],
            needs.Select(n => (n.Field, n.Rule.Code, n.Role)));
    }

    [Fact]
    public void Needs_Department_TheFieldsOfTheRulesReadingIt()
    {
        var needs = RuleCoverage.Needs(Rules, Catalog.Get("medical-bills"));

        Assert.Equal(
            [("selfPaid", "RIGID_SPENDING", RuleInputRole.Needed), ("visitDate", "RIGID_SPENDING", RuleInputRole.WindowDate),
                ("selfPaid", "SPENDING_SURGE", RuleInputRole.Needed), ("visitDate", "SPENDING_SURGE", RuleInputRole.WindowDate)],
            needs.Select(n => (n.Field, n.Rule.Code, n.Role)));
        Assert.Empty(RuleCoverage.Needs(Rules, Catalog.Get("illness")));
    }

    [Fact]
    public void Check_PopulationWithoutIncomeColumn_RigidSpendingLine()
    {
        var path = _temp.WriteText("lowincome.csv", $"户编号,成员姓名,身份证号码,救助类别,住房困难,特困供养方式\nH1,甲,{TestIds.Valid(1).Value},低保,否,\n");

        var gap = Assert.Single(CheckPopulation(path));

        Assert.Equal((RuleGapKind.ColumnMissing, "income"), (gap.Kind, gap.Field));
        Assert.Equal("家庭年收入: column not found (looked for 家庭年收入, 家庭年总收入, 年收入); RIGID_SPENDING will not fire for this population", gap.Describe());
        Assert.StartsWith("家庭年收入：文件中没有该列", gap.DescribeChinese(), StringComparison.Ordinal);
        Assert.Contains("RIGID_SPENDING（刚性支出困难", gap.DescribeChinese(), StringComparison.Ordinal);
        var was = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-Hans");
        try
        {
            Assert.Equal(gap.DescribeChinese(), gap.Describe());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = was;
        }
    }

    [Fact]
    public void Check_IncomeEmptyInMostHouseholds_MostlyEmptyLineCountingHouseholds()
    {
        var text = "户编号,成员姓名,身份证号码,救助类别,家庭年收入（元）,住房困难,特困供养方式\n" +
            $"H1,甲,{TestIds.Valid(2).Value},低保,9000,否,\nH1,乙,{TestIds.Valid(3).Value},低保,,否,\n" +
            $"H2,丙,{TestIds.Valid(4).Value},低保,,否,\nH3,丁,{TestIds.Valid(5).Value},低保,,否,\n";

        var gap = Assert.Single(CheckPopulation(_temp.WriteText("lowincome.csv", text)));

        Assert.Equal(RuleGapKind.MostlyEmpty, gap.Kind);
        Assert.Equal("家庭年收入（元）: empty in 2 of 3 households (more than ingest:maxEmptyShare, 0.5); RIGID_SPENDING will not fire for those households", gap.Describe());
    }

    [Fact]
    public void Check_SupportModeEmptyForMostTekun_TekunLine_OthersNotCounted()
    {
        var text = "户编号,成员姓名,身份证号码,救助类别,家庭年收入,住房困难,特困供养方式\n" +
            $"H1,甲,{TestIds.Valid(6).Value},特困,9000,是,\nH2,乙,{TestIds.Valid(7).Value},特困,9000,是,\n" +
            $"H3,丙,{TestIds.Valid(8).Value},低保,9000,是,\nH4,丁,{TestIds.Valid(9).Value},低保,9000,是,\nH5,戊,{TestIds.Valid(10).Value},特困,9000,是,分散供养\n";

        var gap = Assert.Single(CheckPopulation(_temp.WriteText("lowincome.csv", text)));

        Assert.Equal((RuleGapKind.MostlyEmpty, RuleInputRole.TekunSupport, 3L, 2L), (gap.Kind, gap.Role, gap.Counted, gap.Empty));
        Assert.Contains("of 3 tekun members", gap.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PopulationWithEverything_NoGap()
    {
        var text = "户编号,成员姓名,身份证号码,救助类别,家庭年收入,住房困难,特困供养方式\n" + $"H1,甲,{TestIds.Valid(11).Value},特困,9000,否,集中供养\n";

        Assert.Empty(CheckPopulation(_temp.WriteText("lowincome.csv", text)));
    }

    [Fact]
    public void Check_BillsWithoutSelfPaid_OneLinePerRule()
    {
        var path = _temp.WriteText("bills.csv", $"姓名,证件号码,就诊日期,医疗总费用\n甲,{TestIds.Valid(12).Value},2026-01-05,100\n");

        var gaps = CheckDepartment("medical-bills", path);

        Assert.Equal(["RIGID_SPENDING", "SPENDING_SURGE"], gaps.Select(g => g.Rule));
        Assert.All(gaps, g => Assert.Equal(RuleGapKind.ColumnMissing, g.Kind));
        Assert.Equal("个人自付: column not found (looked for 个人自付, 个人自付金额, 自付金额, 个人负担); SPENDING_SURGE will not fire for this file's rows", gaps[1].Describe());
    }

    [Fact]
    public void Check_HardshipEmptyInMostRows_MostlyEmpty()
    {
        var text = $"姓名,身份证号,学校,是否家庭经济困难\n甲,{TestIds.Valid(13).Value},一中,是\n乙,{TestIds.Valid(14).Value},一中,\n丙,{TestIds.Valid(15).Value},一中,\n";

        var gap = Assert.Single(CheckDepartment("education", _temp.WriteText("students.csv", text)));

        Assert.Equal((RuleGapKind.MostlyEmpty, 3L, 2L, "EDU_NOT_COVERED"), (gap.Kind, gap.Counted, gap.Empty, gap.Rule));
        Assert.Equal("是否家庭经济困难: empty in 2 of 3 rows (more than ingest:maxEmptyShare, 0.5); EDU_NOT_COVERED will not fire for those rows", gap.Describe());
    }

    [Fact]
    public void Check_HalfEmpty_NotMoreThanTheShare_NoGap()
    {
        var text = $"姓名,身份证号,学校,是否家庭经济困难\n甲,{TestIds.Valid(16).Value},一中,是\n乙,{TestIds.Valid(17).Value},一中,\n";

        Assert.Empty(CheckDepartment("education", _temp.WriteText("students.csv", text)));
    }

    [Fact]
    public void ToJson_Gaps_ReadBackAlike()
    {
        var path = _temp.WriteText("bills.csv", $"姓名,证件号码,就诊日期,医疗总费用\n甲,{TestIds.Valid(18).Value},2026-01-05,100\n");
        var gaps = CheckDepartment("medical-bills", path);

        var read = RuleGap.FromJson(RuleGap.ToJson(gaps));

        Assert.Equal(gaps.Select(g => g.Describe()), read.Select(g => g.Describe()));
        Assert.Null(RuleGap.ToJson([]));
        Assert.Empty(RuleGap.FromJson(null));
    }

    private static IReadOnlyList<RuleGap> CheckPopulation(string path)
    {
        var map = Catalog.Get("lowincome");
        using var table = SourceTable.Open(path, map, IngestLimits.Default);
        var read = new LowIncomeReader(map).Read(table);
        return RuleCoverage.Check(RuleCoverage.Needs(Rules, map), table, read.Fill, IngestLimits.Default.MaxEmptyShare);
    }

    private static IReadOnlyList<RuleGap> CheckDepartment(string department, string path)
    {
        var map = Catalog.Get(department);
        using var table = SourceTable.Open(path, map, IngestLimits.Default);
        var reader = new DepartmentReader(table, new CellParsers(map, IngestLimits.Default));
        while (reader.Read())
        {
        }

        return RuleCoverage.Check(RuleCoverage.Needs(Rules, map), table, reader.Fill, IngestLimits.Default.MaxEmptyShare);
    }

    public void Dispose() => _temp.Dispose();
}
