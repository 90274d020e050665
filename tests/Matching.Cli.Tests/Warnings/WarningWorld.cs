using System.Globalization;
using System.Text;
using System.Text.Json;
using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Cli.Tests.Warnings;

/// <summary>
/// A small town for the warning commands, run through the real command line on a temp folder:
/// <list type="bullet">
/// <item>H1 (天坛街道 北海社区, 低保, receives 医疗救助, not 教育救助): 张三 (户主) and 张小明, a student;</item>
/// <item>H2 (克井镇 前进村, 低保, no aid): 李四 (户主), whose self-paid medical bills reach the threshold, and 李小红, a student;</item>
/// <item>a student not in the database, marked 家庭经济困难, whose name the department typed as <c>=1+2</c>.</item>
/// </list>
/// After <see cref="CreateAsync"/> and one run: EDU_AID_GAP for 张小明 and 李小红 (education), MED_AID_GAP for 李四
/// (medical-insurance), EDU_NOT_COVERED for the stranger (civil-affairs).
/// </summary>
public sealed class WarningWorld : IDisposable
{
    public static readonly IdNumber Zhang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1980, 1, 1), 11);
    public static readonly IdNumber ZhangXiaoming = TestIds.Make(TestIds.Jiyuan, new DateOnly(2010, 5, 5), 12);
    public static readonly IdNumber Li = TestIds.Make(TestIds.Jiyuan, new DateOnly(1975, 3, 3), 13);
    public static readonly IdNumber LiXiaohong = TestIds.Make(TestIds.Jiyuan, new DateOnly(2012, 7, 7), 14);
    public static readonly IdNumber Stranger = TestIds.Make(TestIds.Jiyuan, new DateOnly(2011, 9, 9), 15);

    /// <summary>The stranger's name as the department typed it: a formula if a workbook ever wrote it as one.</summary>
    public const string FormulaName = "=1+2";

    /// <summary>李四's bills of the first extract: 15,000 + 10,000 = 25,000 yuan, over the 20,000 threshold.</summary>
    public static readonly (string Date, string Amount)[] FirstBills = [("2026-05-01", "15000"), ("2026-06-01", "10000")];

    private WarningWorld()
    {
        Settings = Cli.PathOf("matching.json");
        File.WriteAllText(Settings, JsonSerializer.Serialize(new Dictionary<string, object> { ["rejectsFolder"] = Cli.PathOf("rejects") }));
    }

    public CliRun Cli { get; } = new();

    /// <summary>The settings file every command gets: reject reports inside the temp folder, the shipped rules.</summary>
    public string Settings { get; }

    /// <summary>A world with the schema, the population, the education extract and (unless not <paramref name="withBills"/>) 李四's bills; no run yet.</summary>
    public static async Task<WarningWorld> CreateAsync(bool withBills = true)
    {
        var world = new WarningWorld();
        try
        {
            await world.MustAsync("init");
            await world.LowIncomeAsync("lowincome.csv");
            await world.StudentsAsync("students.csv");
            if (withBills)
            {
                await world.BillsAsync("bills.csv", FirstBills);
            }

            return world;
        }
        catch
        {
            world.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>matching</c> with the world's database and settings.</summary>
    public Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => Cli.RunAsync([.. args, "--config", Settings]);

    /// <summary>Runs <c>matching</c> and asserts it succeeded; returns its output.</summary>
    public async Task<string> MustAsync(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.True(exit == 0, $"matching {string.Join(' ', args)} exited {exit}: {error}");
        return output;
    }

    /// <summary><c>matching run --as-of</c>; returns its output.</summary>
    public Task<string> WarningRunAsync(string asOf) => MustAsync("run", "--as-of", asOf);

    /// <summary>Imports a low-income snapshot of H1 and H2 (H1 also receiving 教育救助 when <paramref name="h1EducationAid"/>).</summary>
    public Task<string> LowIncomeAsync(string fileName, bool h1EducationAid = false)
    {
        var education = h1EducationAid ? "是" : "否";
        var csv = new LowIncomeCsv()
            .Member("H1", Zhang.Value, "张三", aidMedical: "是", aidEducation: education)
            .Member("H1", ZhangXiaoming.Value, "张小明", relation: "子女", aidMedical: "是", aidEducation: education)
            .Member("H2", Li.Value, "李四", aidMedical: "否", aidEducation: "否", subdistrict: "克井镇", village: "前进村")
            .Member("H2", LiXiaohong.Value, "李小红", relation: "子女", aidMedical: "否", aidEducation: "否", subdistrict: "克井镇", village: "前进村");
        return MustAsync("lowincome", "import", csv.WriteTo(Cli.PathOf(fileName)));
    }

    /// <summary>Imports an education extract (title row above the header): 张小明, 李小红 unless left out, and the stranger.</summary>
    public Task<string> StudentsAsync(string fileName, bool withLiXiaohong = true)
    {
        // The title names the file: two extracts with the same students are still two files, not the same bytes again.
        var text = new StringBuilder($"济源示范区在校学生名单（{Path.GetFileNameWithoutExtension(fileName)}）\r\n姓名,身份证号,学校,是否家庭经济困难\r\n");
        text.Append(CultureInfo.InvariantCulture, $"张小明,{ZhangXiaoming.Value},一中,否\r\n");
        if (withLiXiaohong)
        {
            text.Append(CultureInfo.InvariantCulture, $"李小红,{LiXiaohong.Value},二中,否\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{FormulaName},{Stranger.Value},二中,是\r\n");
        File.WriteAllText(Cli.PathOf(fileName), text.ToString(), new UTF8Encoding(true));
        return MustAsync("import", "education", Cli.PathOf(fileName));
    }

    /// <summary>Imports a medical-bills extract of 李四's bills (visit date, self-paid amount).</summary>
    public Task<string> BillsAsync(string fileName, params (string Date, string Amount)[] bills) =>
        MustAsync("import", "medical-bills", BillsFile(fileName, [.. bills.Select(b => ("李四", Li, b.Date, b.Amount))]));

    /// <summary>Writes a medical-bills extract (姓名, 证件号码, 就诊日期, 个人自付; UTF-8 with BOM) and returns its path.</summary>
    public string BillsFile(string fileName, params (string Name, IdNumber Id, string Date, string Amount)[] bills)
    {
        ArgumentNullException.ThrowIfNull(bills);
        var text = new StringBuilder("姓名,证件号码,就诊日期,个人自付\r\n");
        foreach (var (name, id, date, amount) in bills)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name},{id.Value},{date},{amount}\r\n");
        }

        File.WriteAllText(Cli.PathOf(fileName), text.ToString(), new UTF8Encoding(true));
        return Cli.PathOf(fileName);
    }

    /// <summary>Writes an education list (title, then 姓名,身份证号,学校,是否家庭经济困难) of the given students and returns its path.</summary>
    public string StudentsFile(string fileName, params (string Name, IdNumber Id, string Hardship)[] students)
    {
        ArgumentNullException.ThrowIfNull(students);
        var text = new StringBuilder($"济源示范区在校学生名单（{Path.GetFileNameWithoutExtension(fileName)}）\r\n姓名,身份证号,学校,是否家庭经济困难\r\n");
        foreach (var (name, id, hardship) in students)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name},{id.Value},一中,{hardship}\r\n");
        }

        File.WriteAllText(Cli.PathOf(fileName), text.ToString(), new UTF8Encoding(true));
        return Cli.PathOf(fileName);
    }

    /// <summary>Every stored warning, oldest first, each column as text.</summary>
    public Task<IReadOnlyList<Dictionary<string, string>>> WarningsAsync() =>
        CliDatabase.QueryAsync(Cli, "SELECT * FROM warning ORDER BY warning_id");

    /// <summary>The one stored warning of <paramref name="code"/> about <paramref name="subject"/>.</summary>
    public async Task<Dictionary<string, string>> WarningAsync(string code, IdNumber subject) =>
        Assert.Single(await CliDatabase.QueryAsync(Cli, "SELECT * FROM warning WHERE code = @code AND subject = @subject",
            ("@code", code), ("@subject", subject.Value)));

    /// <summary>A warning's events in order, each "status as-of" for a run's change or "status feedback" for a disposition.</summary>
    public async Task<IReadOnlyList<string>> EventsAsync(string warningId) =>
        [.. (await CliDatabase.QueryAsync(Cli,
            "SELECT e.status, r.as_of FROM warning_event e LEFT JOIN run r ON r.run_id = e.run_id WHERE e.warning_id = @id ORDER BY e.event_id",
            ("@id", long.Parse(warningId, CultureInfo.InvariantCulture))))
            .Select(e => e["status"] + " " + (e["as_of"].Length == 0 ? "feedback" : e["as_of"]))];

    public void Dispose() => Cli.Dispose();
}
