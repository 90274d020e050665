using Matching.Cli.Tests.Warnings;

namespace Matching.Cli.Tests.Retention;

/// <summary>
/// <c>matching purge</c>: a list's rows superseded more than retention:sourceRecordsYears ago, a ledger's events dated
/// before its header map's ledger.retentionMonths (60) and audit records older than retention:auditYears are deleted,
/// exactly those the dry run counted; the dry run changes nothing; the purge is itself on record.
/// </summary>
public sealed class PurgeCommandTests
{
    /// <summary>Batches 1 population, 2 students (superseded by 4 in 2020), 3 李四's bills (their events moved to 2015); one audit record of 2015.</summary>
    private static async Task<WarningWorld> AgedWorldAsync()
    {
        var world = await WarningWorld.CreateAsync();
        await world.StudentsAsync("students-2.csv");
        await CliDatabase.QueryAsync(world.Cli, "UPDATE import_batch SET imported_at = '2020-01-01T00:00:00.0000000Z' WHERE batch_id = 4");
        await CliDatabase.QueryAsync(world.Cli, "UPDATE source_record SET event_day = @day WHERE batch_id = 3 AND event_day >= 0",
            ("@day", new DateOnly(2015, 1, 1).DayNumber));
        await CliDatabase.QueryAsync(world.Cli,
            "INSERT INTO access_audit (at, os_user, host, command, full_ids, subject_count, outcome) VALUES ('2015-01-01T00:00:00.0000000Z', 'old', 'h', 'show', 1, 1, 'ok')");
        return world;
    }

    private static async Task<Dictionary<string, string>> CountsAsync(WarningWorld world) =>
        (await CliDatabase.QueryAsync(world.Cli, """
            SELECT (SELECT COUNT(*) FROM source_record WHERE batch_id = 2) AS lists, (SELECT COUNT(*) FROM source_record WHERE batch_id = 3) AS ledger,
                   (SELECT COUNT(*) FROM source_record WHERE batch_id = 4) AS current, (SELECT COUNT(*) FROM access_audit) AS audit,
                   (SELECT COUNT(*) FROM import_batch WHERE purged_at IS NOT NULL) AS purged
            """))[0];

    [Fact]
    public async Task Purge_DryRun_CountsAndChangesNothing()
    {
        using var world = await AgedWorldAsync();
        var before = await CountsAsync(world);

        var output = await world.MustAsync("purge", "--dry-run");

        Assert.Equal(before, await CountsAsync(world));
        Assert.Contains($"stored extract rows: would delete {before["lists"]} of 1 batches", output, StringComparison.Ordinal);
        Assert.Contains($"ledger events: would delete {before["ledger"]} ", output, StringComparison.Ordinal);
        Assert.Contains("access-audit records: would delete 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_DeletesExactlyTheCountedRows_LeavesTheCurrentAndARecord()
    {
        using var world = await AgedWorldAsync();
        var before = await CountsAsync(world);
        Assert.NotEqual("0", before["lists"]);
        Assert.NotEqual("0", before["ledger"]);
        var dry = await world.MustAsync("purge", "--dry-run");

        var output = await world.MustAsync("purge");

        Assert.Equal(dry.Replace("would delete", "deleted", StringComparison.Ordinal).Replace(" (dry run: nothing changed)", string.Empty, StringComparison.Ordinal), output);
        var after = await CountsAsync(world);
        Assert.Equal(("0", "0", before["current"], "1"), (after["lists"], after["ledger"], after["current"], after["purged"]));
        var audit = Assert.Single(await CliDatabase.QueryAsync(world.Cli, "SELECT * FROM access_audit"));
        Assert.Equal("purge", audit["command"]);
        Assert.Contains("access-audit records: 1", audit["detail"], StringComparison.Ordinal);
        Assert.Contains("stored rows purged", await world.MustAsync("batch", "list"), StringComparison.Ordinal);
        Assert.Contains("stored extract rows: deleted 0 of 0 batches", await world.MustAsync("purge"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "retention": { "auditYears": 0 } }""", "retention:auditYears")]
    [InlineData("""{ "retention": { "sourceRecordsYears": 0 } }""", "retention:sourceRecordsYears")]
    [InlineData("""{ "retention": null }""", "'retention'")]
    public async Task Settings_BadRetention_RefusedNamingTheSetting(string json, string setting)
    {
        using var cli = new CliRun();
        var config = cli.PathOf("matching.json");
        await File.WriteAllTextAsync(config, json);

        var (exit, _, error) = await cli.RunAsync("purge", "--config", config);

        Assert.Equal(2, exit);
        Assert.Contains(setting, error, StringComparison.Ordinal);
    }
}
