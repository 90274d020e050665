using Matching.Cli.Tests.Warnings;
using static Matching.Cli.Tests.Warnings.WarningWorld;

namespace Matching.Cli.Tests.Audit;

/// <summary>
/// The access audit end to end: each command that reveals or hands out personal data writes exactly one record
/// (before it prints, for <c>show --full</c>); a command that fails before handing anything out writes none, or a
/// refused one; an audit that cannot be written refuses <c>show --full</c>; <c>matching audit</c> masks unless
/// <c>--full</c>, which it records.
/// </summary>
public sealed class AccessAuditTests
{
    private static Task<IReadOnlyList<Dictionary<string, string>>> RecordsAsync(WarningWorld world) =>
        CliDatabase.QueryAsync(world.Cli, "SELECT * FROM access_audit ORDER BY audit_id");

    [Fact]
    public async Task ShowFull_OneRecordWithTheSubjectsBeforePrinting_MaskedShowNone()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.MustAsync("show", ZhangXiaoming.Value);
        Assert.Empty(await RecordsAsync(world));

        await world.MustAsync("show", ZhangXiaoming.Value, "--full");

        var record = Assert.Single(await RecordsAsync(world));
        Assert.Equal(("show", "1", "ok", Environment.UserName), (record["command"], record["full_ids"], record["outcome"], record["os_user"]));
        Assert.Equal("2", record["subject_count"]); // 张小明 and 张三, his household
        Assert.Contains(ZhangXiaoming.Value, record["subjects"], StringComparison.Ordinal);
        Assert.Contains(Zhang.Value, record["subjects"], StringComparison.Ordinal);
        Assert.Equal(Environment.MachineName, record["host"]);
    }

    [Fact]
    public async Task ShowFull_AuditTableRefusesInserts_RefusedAndNoIdPrinted()
    {
        using var world = await WarningWorld.CreateAsync();
        await CliDatabase.QueryAsync(world.Cli,
            "CREATE TRIGGER read_only_audit BEFORE INSERT ON access_audit BEGIN SELECT RAISE(ABORT, 'audit read-only'); END");

        var (exit, output, error) = await world.RunAsync("show", ZhangXiaoming.Value, "--full");

        Assert.Equal(2, exit);
        Assert.Contains("access audit cannot be written", error, StringComparison.Ordinal);
        Assert.DoesNotContain(ZhangXiaoming.Value, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("张小明", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowFull_InvalidId_NoRecord()
    {
        using var world = await WarningWorld.CreateAsync();

        var (exit, _, _) = await world.RunAsync("show", "110105194912310020", "--full");

        Assert.Equal(2, exit);
        Assert.Empty(await RecordsAsync(world));
    }

    [Fact]
    public async Task Export_OneRecordWithCountPathAndHash_OverviewMaskedByDefault()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var outDir = world.Cli.PathOf("warnings");

        await world.MustAsync("export", "--out", outDir);

        var record = Assert.Single(await RecordsAsync(world));
        Assert.Equal(("export", "1", "ok"), (record["command"], record["full_ids"], record["outcome"]));
        Assert.Equal(Path.GetFullPath(outDir), record["output_path"]);
        Assert.Matches("^[0-9a-f]{64}$", record["output_sha256"]);
        Assert.True(long.Parse(record["subject_count"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("masked: civil-affairs-overview.xlsx", record["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AuditTableRefusesInserts_WorkbooksRemoved()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        await CliDatabase.QueryAsync(world.Cli,
            "CREATE TRIGGER read_only_audit BEFORE INSERT ON access_audit BEGIN SELECT RAISE(ABORT, 'audit read-only'); END");
        var outDir = world.Cli.PathOf("warnings");

        var (exit, _, error) = await world.RunAsync("export", "--out", outDir);

        Assert.Equal(2, exit);
        Assert.Contains("not handed out", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(outDir, "*.xlsx"));
    }

    [Fact]
    public async Task Match_OneRecordOfTheMatchedCount_UnknownDepartmentNone()
    {
        using var world = await WarningWorld.CreateAsync();
        var file = world.StudentsFile("match.csv", ("张小明", ZhangXiaoming, "否"), ("路人", Stranger, "是"));
        Assert.Equal(2, (await world.RunAsync("match", "nowhere", file, "--out", world.Cli.PathOf("r0.csv"))).Exit);
        Assert.Empty(await RecordsAsync(world));

        await world.MustAsync("match", "education", file, "--out", world.Cli.PathOf("r.csv"));

        var record = Assert.Single(await RecordsAsync(world));
        Assert.Equal(("match", "1", "1"), (record["command"], record["full_ids"], record["subject_count"]));
        Assert.Equal(world.Cli.PathOf("r.csv"), record["output_path"]);

        // Hashed as it was written, not read back: the same as the file's own.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(world.Cli.PathOf("r.csv")))), record["output_sha256"]);
    }

    [Fact]
    public async Task FeedbackImport_OneRecord_RefusedWorkbookARefusedRecord()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.WarningRunAsync("2026-11-28");
        var med = await world.WarningAsync("MED_AID_GAP", Li);
        var good = world.Cli.PathOf("returned.csv");
        await File.WriteAllTextAsync(good, $"预警编号,处理结果,处理日期\r\n{med["warning_id"]},已落实救助,2026-12-01\r\n");

        await world.MustAsync("feedback", "import", "medical-insurance", good);
        Assert.Equal(2, (await world.RunAsync("feedback", "import", "education", good)).Exit); // another receiver's numbers: refused

        var records = await RecordsAsync(world);
        Assert.Equal(2, records.Count);
        Assert.Equal(("feedback import", "ok", "1"), (records[0]["command"], records[0]["outcome"], records[0]["subject_count"]));
        Assert.Equal(("feedback import", "refused"), (records[1]["command"], records[1]["outcome"]));
    }

    [Fact]
    public async Task BatchListAndWithdraw_OneRecordEach()
    {
        using var world = await WarningWorld.CreateAsync();

        await world.MustAsync("batch", "list");
        await world.MustAsync("batch", "withdraw", "2", "--reason", "误报");

        var records = await RecordsAsync(world);
        Assert.Equal(["batch list", "batch withdraw"], records.Select(r => r["command"]));
        Assert.Contains("batch 2", records[1]["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_MaskedByDefault_FullShowsIdsAndIsItselfRecorded()
    {
        using var world = await WarningWorld.CreateAsync();
        await world.MustAsync("show", Li.Value, "--full");

        var masked = await world.MustAsync("audit");
        var bySubject = await world.MustAsync("audit", "--subject", Li.Value);
        var other = await world.MustAsync("audit", "--subject", Stranger.Value);
        var full = await world.MustAsync("audit", "--full");

        Assert.Contains("1 records", masked, StringComparison.Ordinal);
        Assert.Contains(Li.Masked, masked, StringComparison.Ordinal);
        Assert.DoesNotContain(Li.Value, masked, StringComparison.Ordinal);
        Assert.Contains("1 records", bySubject, StringComparison.Ordinal);
        Assert.Contains("0 records", other, StringComparison.Ordinal);
        Assert.Contains(Li.Value, full, StringComparison.Ordinal);
        var records = await RecordsAsync(world);
        Assert.Equal(["show", "audit"], records.Select(r => r["command"]));
        Assert.Equal("1", records[1]["full_ids"]);
    }
}
