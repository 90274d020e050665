using Matching.Storage;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// <c>matching import &lt;department&gt; &lt;file&gt;</c> end to end: each file a recorded batch, the same bytes skipped, a newer
/// extract superseding the older one, typed fields stored, problem rows in a reject report.
/// </summary>
public sealed partial class ImportCommandTests
{
    private static readonly Regex BatchLine = new(@"^batch (\d+): ", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex CountsLine = new(@"^rows read: (\d+), accepted: (\d+), rejected: (\d+)\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex ReportLine = new(@"^reject report: (.+?)\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    [Fact]
    public async Task Import_StudentFile_PrintsBatchIdCountsAndReport()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var path = Students(cli, "students.csv", $"张三,{TestIds.Valid(1).Value},一中", $"李四,{Damaged(2)},二中", $"王五,{TestIds.Valid(3).Value},一中,高一,多");

        var (exit, output, error) = await ImportAsync(cli, "education", path);

        Assert.True(exit == 0, error);
        Assert.Equal(string.Empty, error);
        Assert.Contains("batch 1: education students.csv", output, StringComparison.Ordinal);
        Assert.Equal((1L, (3L, 2L, 1L)), (BatchId(output), Counts(output)));
        Assert.Contains("accepted with an ID to check: 1", output, StringComparison.Ordinal);
        Assert.True(File.Exists(ReportPath(output)));
        Assert.StartsWith(cli.PathOf("rejects"), ReportPath(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SameBytesAgain_SkippedNamingEarlierBatch()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var path = Students(cli, "students.csv", $"张三,{TestIds.Valid(4).Value},一中");
        var first = await ImportAsync(cli, "education", path);
        var before = await CliDatabase.CountRowsAsync(cli);
        var copy = cli.PathOf("students-copy.csv");
        File.Copy(path, copy);

        var again = await ImportAsync(cli, "education", path);
        var renamed = await ImportAsync(cli, "education", copy);

        Assert.Equal(1, BatchId(first.Out));
        Assert.Equal((0, 0), (again.Exit, renamed.Exit));
        Assert.Contains("identical to batch 1", again.Out, StringComparison.Ordinal);
        Assert.Contains("identical to batch 1", renamed.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(BatchLine, again.Out);
        Assert.Equal(before, await CliDatabase.CountRowsAsync(cli));
    }

    [Fact]
    public async Task Import_NewerFileOfSameDepartment_SupersedesOlderBatchOnly()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var september = await ImportAsync(cli, "education", Students(cli, "sept.csv", $"张三,{TestIds.Valid(5).Value},一中"));
        var illness = await ImportAsync(cli, "illness", Patients(cli, "patients.csv", $"李四,{TestIds.Valid(6).Value},白血病,2026/1/5"));

        var october = await ImportAsync(cli, "education", Students(cli, "oct.csv", $"张三,{TestIds.Valid(5).Value},一中", $"王五,{TestIds.Valid(7).Value},二中"));

        Assert.True(october.Exit == 0, october.Error);
        Assert.Contains($"supersedes batch {BatchId(september.Out)}", october.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("supersedes", illness.Out, StringComparison.Ordinal);
        Assert.Equal(BatchState.Superseded, (await CliDatabase.BatchAsync(cli, BatchId(september.Out))).State);
        Assert.Equal(BatchState.Current, (await CliDatabase.BatchAsync(cli, BatchId(illness.Out))).State);
        Assert.Equal((BatchState.Current, BatchStatus.Pending), ((await CliDatabase.BatchAsync(cli, BatchId(october.Out))).State, (await CliDatabase.BatchAsync(cli, BatchId(october.Out))).Status));
        Assert.Single(await CliDatabase.RecordsAsync(cli, BatchId(september.Out)));
    }

    [Fact]
    public async Task Import_File_BatchRecordHoldsDepartmentFileFingerprintCountsAndOperator()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var path = Students(cli, "学生名单.csv", $"张三,{TestIds.Valid(8).Value},一中", $"李四,{TestIds.Valid(9).Value},一中,高一,多");
        var bytes = await File.ReadAllBytesAsync(path);
        var started = DateTimeOffset.UtcNow;

        var (_, output, _) = await ImportAsync(cli, "education", path);

        var batch = Assert.Single(await CliDatabase.QueryAsync(cli, "SELECT * FROM import_batch WHERE batch_id = @id", ("@id", BatchId(output))));
        Assert.Equal(("department", "education", "学生名单.csv"), (batch["kind"], batch["department"], batch["file_name"]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), batch["sha256"]);
        Assert.Equal(bytes.Length.ToString(CultureInfo.InvariantCulture), batch["size_bytes"]);
        Assert.Equal(("2", "1", "1"), (batch["rows_read"], batch["rows_accepted"], batch["rows_rejected"]));
        Assert.Equal(Environment.UserName, batch["operator"]);
        Assert.Equal("pending", batch["status"]);
        Assert.Equal(ReportPath(output), batch["reject_report"]);
        var importedAt = DateTimeOffset.Parse(batch["imported_at"], CultureInfo.InvariantCulture);
        Assert.InRange(importedAt, started.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Import_MedicalBills_SourceRecordsKeepRowNameAndTypedFields()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var (a, b) = (TestIds.Valid(10), TestIds.Valid(11));
        var path = cli.PathOf("bills.csv");
        await File.WriteAllTextAsync(path, "济源示范区医保个人自付费用明细\r\n姓名,证件号码,就诊日期,医疗总费用,基金支付,个人自付\r\n"
            + $"张三 ,{a.Value},2026/1/5,\"1,234.50\",¥234.50,1000元\r\n\r\n李四,{b.Value},2026年11月30日,100,60.5,39.50\r\n合计,,,\"1,334.50\",,\r\n", new UTF8Encoding(true));

        var (exit, output, error) = await ImportAsync(cli, "medical-bills", path);

        Assert.True(exit == 0, error);
        var records = await CliDatabase.RecordsAsync(cli, BatchId(output));
        Assert.Equal([3L, 5L], records.Select(r => r.SourceRow));
        Assert.Equal(["张三", "李四"], records.Select(r => r.Name));
        Assert.Equal([a.Key, b.Key], records.Select(r => r.IdKey));
        Assert.Equal(new Dictionary<string, string> { ["visitDate"] = "2026-01-05", ["total"] = "1234.50", ["fundPaid"] = "234.50", ["selfPaid"] = "1000.00" }, records[0].Fields);
        Assert.Equal(new Dictionary<string, string> { ["visitDate"] = "2026-11-30", ["total"] = "100.00", ["fundPaid"] = "60.50", ["selfPaid"] = "39.50" }, records[1].Fields);
    }

    [Fact]
    public async Task Import_BeforeInit_TellsOperatorToInit()
    {
        using var cli = new CliRun();
        var path = Students(cli, "students.csv", $"张三,{TestIds.Valid(12).Value},一中");

        var (exit, _, error) = await ImportAsync(cli, "education", path);

        Assert.Equal(2, exit);
        Assert.Contains("matching init", error, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>matching import</c> with a settings file that keeps reject reports in the run's folder.</summary>
    private static async Task<(int Exit, string Out, string Error)> ImportAsync(CliRun cli, string department, string path, string? settings = null) =>
        await cli.RunAsync("import", department, path, "--config", settings ?? await SettingsAsync(cli));

    /// <summary>Writes a settings file: <paramref name="ingest"/> as the <c>ingest</c> section, reject reports under the run's folder.</summary>
    private static async Task<string> SettingsAsync(CliRun cli, object? ingest = null, string name = "matching.json")
    {
        var path = cli.PathOf(name);
        var settings = new Dictionary<string, object> { ["rejectsFolder"] = cli.PathOf("rejects") };
        if (ingest is not null)
        {
            settings["ingest"] = ingest;
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(settings));
        return path;
    }

    /// <summary>An education extract (UTF-8 with BOM) with a title row, then the header: data rows are numbered from 3.</summary>
    private static string Students(CliRun cli, string name, params string[] rows)
    {
        var text = "济源示范区在校学生名单\r\n姓名,身份证号,学校,年级\r\n" + string.Concat(rows.Select(r => r + "\r\n"));
        File.WriteAllText(cli.PathOf(name), text, new UTF8Encoding(true));
        return cli.PathOf(name);
    }

    /// <summary>An illness extract (UTF-8 without BOM, LF line ends), header in row 1.</summary>
    private static string Patients(CliRun cli, string name, params string[] rows)
    {
        File.WriteAllText(cli.PathOf(name), "患者姓名,身份证件号,疾病名称,确诊日期\n" + string.Concat(rows.Select(r => r + "\n")));
        return cli.PathOf(name);
    }

    /// <summary>A valid ID with its check character changed: kept, but listed for the department to check.</summary>
    private static string Damaged(int seed)
    {
        var id = TestIds.Valid(seed).Value;
        return TestIds.Substitute(id, 17, id[17] == '0' ? '1' : '0');
    }

    private static long BatchId(string output) => long.Parse(BatchLine.Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

    private static (long Read, long Accepted, long Rejected) Counts(string output)
    {
        var match = CountsLine.Match(output);
        Assert.True(match.Success, output);
        return (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private static string ReportPath(string output) => ReportLine.Match(output).Groups[1].Value;
}
