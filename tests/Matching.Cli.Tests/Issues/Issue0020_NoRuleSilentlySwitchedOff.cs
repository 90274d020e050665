using System.Text;
using System.Text.Json;
using Matching.Cli.Tests.Warnings;
using Matching.Export.Workbooks;
using Matching.Cli.Worker;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Matching.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Matching.Cli.Tests.Worker;

namespace Matching.Cli.Tests.Issues;

/// <summary>
/// Issue 20: a civil-affairs export whose income column the map did not know loaded every household without an income,
/// and RIGID_SPENDING never fired, with nothing said. Now the import says which rule a file holds back, and <c>run</c>,
/// <c>status</c>, the worker's log and the overview's 汇总 repeat it while the file is in use; headers and values as
/// exports write them reach the rules.
/// </summary>
public sealed class Issue0020_NoRuleSilentlySwitchedOff
{
    private const string RigidLine =
        "家庭年收入: column not found (looked for 家庭年收入, 家庭年总收入, 年收入); RIGID_SPENDING will not fire for this population";

    private static readonly string Member = TestIds.Valid(1).Value;

    [Fact]
    public async Task LowIncomeWithoutIncomeColumn_ImportRunStatusAndOverviewSayRigidSpendingWillNotFire()
    {
        using var cli = new CliRun();
        var config = await SettingsAsync(cli);
        await MustAsync(cli, "init");

        var import = await MustAsync(cli, "lowincome", "import", LowIncome(cli, withIncome: false), "--config", config);
        await MustAsync(cli, "import", "medical-bills", Bills(cli), "--config", config);
        var run = await MustAsync(cli, "run", "--as-of", "2026-11-28", "--config", config);
        var status = await MustAsync(cli, "status", "--config", config);
        await MustAsync(cli, "export", "--out", cli.PathOf("out"), "--config", config);

        Assert.Contains(RigidLine, import, StringComparison.Ordinal);
        Assert.Contains("rules held back by the data in use (1):", run, StringComparison.Ordinal);
        Assert.Contains($"  batch 1 lowincome lowincome.csv: {RigidLine}", run, StringComparison.Ordinal);
        Assert.Contains($"  batch 1 lowincome lowincome.csv: {RigidLine}", status, StringComparison.Ordinal);
        var summary = WorkbookFile.Read(cli.PathOf(Path.Combine("out", "civil-affairs-overview.xlsx"))).Single(s => s.Name == "汇总");
        var heading = summary.Rows.ToList().FindIndex(r => r[0] as string == WarningWorkbook.HeldBackHeading);
        Assert.True(heading >= 0, "no 规则数据缺失 table in 汇总");
        Assert.Equal(["预警代码", "缺失情况"], summary.Rows[heading + 1].Take(2));
        var row = summary.Rows[heading + 2];
        Assert.Equal("RIGID_SPENDING", row[0]);
        Assert.StartsWith("批次1（lowincome，lowincome.csv）：家庭年收入：文件中没有该列", row[1] as string, StringComparison.Ordinal);
        Assert.Equal(heading + 3, summary.Rows.Count);
    }

    [Fact]
    public async Task LowIncomeWithIncomeInYuanBrackets_IncomeLoadedNothingHeldBackAndRigidSpendingFires()
    {
        using var cli = new CliRun();
        var config = await SettingsAsync(cli);
        await MustAsync(cli, "init");

        var import = await MustAsync(cli, "lowincome", "import", LowIncome(cli, withIncome: true), "--config", config);
        await MustAsync(cli, "import", "medical-bills", Bills(cli), "--config", config);
        var run = await MustAsync(cli, "run", "--as-of", "2026-11-28", "--config", config);
        var status = await MustAsync(cli, "status", "--config", config);

        Assert.DoesNotContain("column not found", import, StringComparison.Ordinal);
        Assert.DoesNotContain("rules held back", run, StringComparison.Ordinal);
        Assert.Contains("rules held back by the data in use: none", status, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^RIGID_SPENDING\s+1\s", run);
    }

    [Fact]
    public async Task DisabilityGradesAsWritten_ReadAsCodes_AnUnknownOneRejectedWithRowAndColumn()
    {
        using var cli = new CliRun();
        var config = await SettingsAsync(cli);
        await MustAsync(cli, "init");
        var path = cli.PathOf("残疾人.csv");
        File.WriteAllText(path, "姓名,残疾人证号,残疾类别,残疾等级（级）\r\n" +
            $"甲,{TestIds.Valid(2).Value},肢体残疾,1级\r\n乙,{TestIds.Valid(3).Value},视力残疾,一级\r\n丙,{TestIds.Valid(4).Value},视力残疾,五级\r\n", new UTF8Encoding(true));

        var output = await MustAsync(cli, "import", "disability", path, "--config", config);

        Assert.Contains("rows read: 3, accepted: 2, rejected: 1", output, StringComparison.Ordinal);
        var report = RejectReport.Read(output.Split('\n').Single(l => l.StartsWith("reject report: ", StringComparison.Ordinal))["reject report: ".Length..].Trim());
        var rejected = Assert.Single(report.Skip(1));
        Assert.Equal(("4", "残疾等级（级）", "ValueUnknown"), (rejected[1], rejected[2], rejected[5]));
        Assert.Equal(["1", "1"], await GradesAsync(cli));
    }

    /// <summary>A disability batch imported before 残疾等级 was coded holds 一级 as text (layout grade:text): it still counts as grade 1.</summary>
    [Fact]
    public async Task DisabilityBatchStoredBeforeGradesWereCoded_ItsTextReadAsCodesByTheRun()
    {
        using var cli = new CliRun();
        var config = await SettingsAsync(cli);
        await MustAsync(cli, "init");
        await MustAsync(cli, "lowincome", "import", LowIncome(cli, withIncome: true), "--config", config);
        var before = RecordLayout.Of([("category", FieldType.Text, "残疾类别"), ("grade", FieldType.Text, "残疾等级")]);
        await using (var store = await CliDatabase.OpenStoreAsync(cli))
        {
            var batch = new BatchInfo
            {
                Kind = BatchStore.DepartmentBatchKind, Department = "disability", FileName = "残疾人2025.csv", Sha256 = new string('a', 64), SizeBytes = 1,
                Operator = "tester", ImportedAt = DateTimeOffset.UnixEpoch,
            };
            await store.Batches.ImportDepartmentAsync(new DepartmentBatchRequest(batch, DepartmentKind.Snapshot, before, 0.5, AcceptShrink: true), async (writer, token) =>
            {
                var record = new DepartmentRecord { SourceRow = 2, RawId = Member, Parsed = IdParser.Parse(Member), Name = "甲" };
                record.Values.SetText(0, "肢体残疾");
                record.Values.SetText(1, "一级");
                await writer.WriteAsync(record, token);
                return new DepartmentRead(1, 0, null);
            }, CancellationToken.None);
        }

        var run = await MustAsync(cli, "run", "--as-of", "2026-11-28", "--config", config);

        Assert.Matches(@"(?m)^DIS_SUBSIDY_GAP\s+1\s", run);
        var warning = Assert.Single(await CliDatabase.QueryAsync(cli, "SELECT detail FROM warning WHERE code = 'DIS_SUBSIDY_GAP'"));
        Assert.Contains("残疾等级：一级", warning["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intake_FileThatHoldsARuleBack_Logged()
    {
        using var cli = new CliRun();
        await MustAsync(cli, "init");
        var now = new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);
        var options = new DropFolderOptions { Drop = cli.PathOf("drop"), Archive = cli.PathOf("archive"), Rejected = cli.PathOf("rejected"), StableSeconds = 60 };
        var folder = Path.Combine(options.Drop, "medical-bills");
        Directory.CreateDirectory(folder);
        var dropped = Path.Combine(folder, "bills.csv");
        File.WriteAllText(dropped, $"姓名,证件号码,就诊日期,医疗总费用\r\n甲,{Member},2026-10-05,100\r\n", new UTF8Encoding(true));
        File.SetLastWriteTimeUtc(dropped, now.UtcDateTime.AddMinutes(-10));
        var clock = new FakeTimeProvider(now);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, clock, StorageOptions.Resolve(cli.Database, null),
            HeaderMapCatalog.DefaultDirectory, new MatchingSettings { RejectsFolder = cli.PathOf("rejects") });
        var log = new ListLogger<Intake>();
        using var intake = WorkerParts.Intake(context, new DropFolder(options, clock, ResiliencePipeline.Empty), log);

        await intake.ImportAllAsync(CancellationToken.None);

        Assert.Contains(log.Lines, l => l.StartsWith("medical-bills: bills.csv (batch 1) holds a rule back: 个人自付: column not found", StringComparison.Ordinal)
            && l.EndsWith("SPENDING_SURGE will not fire for this file's rows", StringComparison.Ordinal));
    }

    /// <summary>A small export: a 低保 household and its member, income in 元 when asked for.</summary>
    private static string LowIncome(CliRun cli, bool withIncome)
    {
        var path = cli.PathOf("lowincome.csv");
        var income = withIncome ? ",家庭年收入（元）" : string.Empty;
        var cell = withIncome ? ",\"¥8,000\"" : string.Empty;
        File.WriteAllText(path, $"户编号,镇（街道）,成员姓名,身份证号码,救助类别,住房困难,特困供养方式{income}\r\nH1,克井镇,甲,{Member},低保,×,{cell}\r\n",
            new UTF8Encoding(true));
        return path;
    }

    /// <summary>Bills of 5,000 yuan self-paid: over half of an 8,000-yuan income.</summary>
    private static string Bills(CliRun cli)
    {
        var path = cli.PathOf("bills.csv");
        File.WriteAllText(path, $"姓名,证件号码,就诊日期,医疗总费用（元）,个人自付（元）\r\n甲,{Member},2026-10-05,9000,5000\r\n", new UTF8Encoding(true));
        return path;
    }

    private static async Task<List<string?>> GradesAsync(CliRun cli)
    {
        var records = await CliDatabase.RecordsAsync(cli, 1);
        return [.. records.Select(r => r.Fields.GetValueOrDefault("grade"))];
    }

    private static async Task<string> MustAsync(CliRun cli, params string[] args)
    {
        var (exit, output, error) = await cli.RunAsync(args);
        Assert.True(exit == 0, $"matching {string.Join(' ', args)}: {error}");
        return output;
    }

    private static async Task<string> SettingsAsync(CliRun cli)
    {
        var path = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new Dictionary<string, object> { ["rejectsFolder"] = cli.PathOf("rejects") }));
        return path;
    }

    /// <summary>Keeps each log line as the worker would write it.</summary>
    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
