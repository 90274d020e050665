using System.Text.Json;
using Matching.Core.Departments;
using Matching.Core.Linkage;
using Matching.Core.Rules;
using Matching.Ingest.Departments;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.LowIncome;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Issues;

/// <summary>
/// Issue 20: a value as exports write it reaches the rules as the code they compare, through the shipped header maps and
/// the shipped <c>rules.json</c>. 分散供养 missed HOUSING_AID_GAP before (the rule compared the literal 分散), and 1级 missed
/// DIS_SUBSIDY_GAP and SINGLE_PERSON_COVERAGE (the rules listed 一级/二级/1/2).
/// </summary>
public sealed class Issue0020_ValuesAsExportsWriteThem : IDisposable
{
    private static readonly HeaderMapCatalog Catalog = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly RuleSetOptions Shipped = JsonSerializer.Deserialize<RuleSetOptions>(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Matching.Cli", "rules.json")), Json)!;

    private static readonly DateOnly AsOf = new(2026, 11, 28);

    private readonly TempFolder _temp = new("matching-issue20-");

    [Theory]
    [InlineData("分散供养", true)]
    [InlineData("分散", true)]
    [InlineData("居家供养", true)]
    [InlineData("集中供养", false)]
    [InlineData("集中", false)]
    public void TekunHouseholdWithHousingDifficulty_SupportMode_DecidesHousingAidGap(string supportMode, bool warned)
    {
        var warnings = Population($"H1,王屋镇,甲,{TestIds.Valid(1).Value},特困,√,{supportMode},×,9000");

        Assert.Equal(warned, warnings.Any(w => w.Code == "HOUSING_AID_GAP"));
    }

    [Theory]
    [InlineData("低保户", "", true)]
    [InlineData("最低生活保障", "", true)]
    [InlineData("边缘户", "", true)]
    [InlineData("五保", "分散供养", true)]
    [InlineData("五保", "集中供养", false)]
    [InlineData("其他困难人员", "", false)]
    public void HouseholdWithHousingDifficulty_CategoryAsWritten_DecidesHousingAidGap(string category, string supportMode, bool warned)
    {
        var warnings = Population($"H1,天坛街道,甲,{TestIds.Valid(6).Value},{category},是,{supportMode},否,9000");

        Assert.Equal(warned, warnings.Any(w => w.Code == "HOUSING_AID_GAP"));
    }

    [Theory]
    [InlineData("√", true)]
    [InlineData("是", true)]
    [InlineData("Y", true)]
    [InlineData("×", false)]
    [InlineData("否", false)]
    public void DibaoHousehold_HousingDifficultyAsWritten_DecidesHousingAidGap(string cell, bool warned)
    {
        var warnings = Population($"H1,天坛街道,甲,{TestIds.Valid(2).Value},低保,{cell},,否,9000");

        Assert.Equal(warned, warnings.Any(w => w.Code == "HOUSING_AID_GAP"));
    }

    [Theory]
    [InlineData("一级", true)]
    [InlineData("1级", true)]
    [InlineData("I级", true)]
    [InlineData("二级", true)]
    [InlineData("2", true)]
    [InlineData("三级", false)]
    [InlineData("4级", false)]
    public void BianyuanMemberInTheDisabilityList_GradeAsWritten_DecidesTheDisabilityRules(string grade, bool warned)
    {
        var id = TestIds.Valid(3).Value;
        var warnings = Run($"H1,天坛街道,甲,{id},低保边缘,否,,否,9000", "disability", $"姓名,残疾人证号,残疾类别,残疾等级\n甲,{id},肢体残疾,{grade}\n");

        Assert.Equal(warned, warnings.Any(w => w.Code == "DIS_SUBSIDY_GAP"));
        Assert.Equal(warned, warnings.Any(w => w.Code == "SINGLE_PERSON_COVERAGE"));
    }

    [Theory]
    [InlineData("√", true)]
    [InlineData("是", true)]
    [InlineData("×", false)]
    [InlineData("无", false)]
    public void StudentNotInTheDatabase_HardshipAsWritten_DecidesEduNotCovered(string hardship, bool warned)
    {
        var warnings = Run($"H1,天坛街道,甲,{TestIds.Valid(4).Value},低保,否,,否,9000", "education",
            $"姓名,身份证号,学校,是否家庭经济困难\n乙,{TestIds.Valid(5).Value},一中,{hardship}\n");

        Assert.Equal(warned, warnings.Any(w => w.Code == "EDU_NOT_COVERED"));
    }

    private List<Warning> Population(string member) => Run(member, null, null);

    /// <summary>A one-member population (and a department file) read through the shipped maps and judged by the shipped rules.</summary>
    private List<Warning> Run(string member, string? department, string? extract)
    {
        var map = Catalog.Get("lowincome");
        var path = _temp.WriteText("lowincome.csv", "户编号,镇（街道）,成员姓名,身份证号码,救助类别,住房困难,特困供养方式,已享受住房救助,家庭年收入（元）\n" + member + "\n");
        LowIncomeReadResult read;
        using (var table = SourceTable.Open(path, map, IngestLimits.Default))
        {
            read = new LowIncomeReader(map).Read(table);
        }

        Assert.Empty(read.Rejected);
        var population = new RulePopulation(read.Snapshot);
        var departments = Catalog.Departments.Select(Catalog.Get).ToDictionary(m => m.Source, m => new RuleDepartment(m.Source, m.Label, m.Receiver, m.DepartmentKind, m.Layout())
        {
            Codes = m.Fields.Where(f => f.Value.Type == FieldType.Code).ToDictionary(f => f.Key, f => m.GetVocabulary(m.VocabularyOf(f.Key)).Words, StringComparer.Ordinal),
        }, StringComparer.Ordinal);
        var run = new RuleEngine(Shipped, departments).Begin(population, AsOf);
        if (department is not null)
        {
            var departmentMap = Catalog.Get(department);
            using var table = SourceTable.Open(_temp.WriteText(department + ".csv", extract!), departmentMap, IngestLimits.Default);
            var reader = new DepartmentReader(table, new CellParsers(departmentMap, IngestLimits.Default));
            var matcher = new Matcher(population.Index);
            while (reader.Read())
            {
                Assert.Null(reader.Rejected);
                var r = reader.Current;
                run.Add(new RuleRecord(department, 1, r.SourceRow, r.RawId, r.Name, matcher.Match(r.RawId, r.Name, r.BirthDate), r.Values.Copy(), reader.Layout));
            }
        }

        return [.. run.Finish()];
    }

    public void Dispose() => _temp.Dispose();
}
