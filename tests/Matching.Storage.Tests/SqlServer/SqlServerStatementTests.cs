using System.Data;
using System.Reflection;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Storage.Dialects;
using Matching.Testing;

namespace Matching.Storage.Tests.SqlServer;

/// <summary>
/// What the store sends to SQL Server, without a server: every store method is driven once in the SQL Server dialect
/// over a <see cref="RecordingConnection"/>, and every statement it recorded (migrations, shared DML, dialect shapes,
/// bulk-load staging and merge) must parse as T-SQL.
/// </summary>
public sealed class SqlServerStatementTests
{
    private const string Receiver = "教育局";
    private const string Code = "EDU_AID_GAP";

    /// <summary>The store's public methods this test drives; a new one fails <see cref="Drive_CoversEveryPublicStoreMethod"/> until it is driven here.</summary>
    private static readonly string[] Driven =
    [
        "OpenAsync", "InitAsync", "RequireSchemaAsync", "CountRowsAsync", "FindBatchByHashAsync", "LastLowIncomeBatchAsync", "DisposeAsync",
        "ImportLowIncomeAsync", "CountActiveAsync", "ImportDepartmentAsync", "RecordRefusedAttemptAsync", "FindDepartmentBatchAsync",
        "BatchStatusAsync", "SourceRecordsAsync", "LoadPopulationAsync", "LoadLowIncomeAsync", "CurrentBatchesAsync", "BeginRunAsync",
        "LoadPopulationSubsetAsync", "FailRunAsync", "CompleteRunAsync", "RecentRunsAsync", "RecentRefusalsAsync", "RunLockHolderAsync", "WarningsAsync",
        "WarningsAboutAsync", "WarningEventsAsync", "RecordDispositionsAsync", "HouseholdEntriesAsync",
    ];

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Drive_EveryStatementTheStoreSends_ParsesAsTSql()
    {
        var (statements, _) = await DriveAsync();
        var distinct = statements.Distinct(StringComparer.Ordinal).ToList();

        var failures = distinct
            .Select(sql => (Sql: sql, Errors: TSql.Errors(sql)))
            .Where(s => s.Errors.Count > 0)
            .Select(s => $"{string.Join("\n  ", s.Errors)}\n--- statement ---\n{s.Sql}")
            .ToList();

        Assert.True(failures.Count == 0, $"{failures.Count} of {distinct.Count} statements do not parse as T-SQL:\n\n{string.Join("\n\n", failures)}");
        Assert.True(distinct.Count >= 45, $"only {distinct.Count} distinct statements were recorded: is the store still driven?");
    }

    [Fact]
    public async Task Drive_EveryStatementTheStoreSends_NoNonAsciiTextInNarrowLiterals()
    {
        var (statements, _) = await DriveAsync();

        var narrow = statements.Distinct(StringComparer.Ordinal).SelectMany(TSql.NarrowNonAsciiLiterals).ToList();

        Assert.Empty(narrow);
    }

    [Fact]
    public void NarrowNonAsciiLiterals_ChineseWithoutN_Found()
    {
        Assert.Equal(["'新增'"], TSql.NarrowNonAsciiLiterals("SELECT 1 FROM warning WHERE status = '新增' OR status = N'持续' OR code = 'x'"));
    }

    [Fact]
    public async Task Drive_DialectShapesAndStagingMerges_AreAmongTheStatements()
    {
        var (statements, _) = await DriveAsync();

        Assert.Contains(statements, s => s.Contains("OUTPUT INSERTED.batch_id VALUES", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("OUTPUT INSERTED.run_id VALUES", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("OUTPUT INSERTED.warning_id", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("OFFSET 0 ROWS FETCH NEXT @count ROWS ONLY", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("WITH (UPDLOCK, HOLDLOCK)", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("household_id IN (@householdIds1,@householdIds2)", StringComparison.Ordinal));
        Assert.Contains("SET XACT_ABORT ON", statements);
        Assert.Contains("CREATE TABLE #match_need (kind BIGINT NOT NULL, value BIGINT NOT NULL)", statements);
        foreach (var table in new[] { "household", "member" })
        {
            Assert.Contains(statements, s => s.Contains($"INTO #load_{table} FROM {table}", StringComparison.Ordinal));
            Assert.Contains(statements, s => s.Contains($"INSERT INTO {table} (", StringComparison.Ordinal) && s.Contains($"DROP TABLE #load_{table};", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Drive_BulkLoads_UpsertsStagedAndRecordsCopiedStraightIn()
    {
        var (_, copies) = await DriveAsync();

        Assert.Equal([("#load_household", 1), ("#load_member", 2), ("source_record", 2), ("#match_need", 2), ("#match_need", 3)], copies);
    }

    [Fact]
    public void Drive_CoversEveryPublicStoreMethod()
    {
        var methods = typeof(MatchingStore).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName)
            .Select(m => m.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        Assert.Equal(Driven.Order(StringComparer.Ordinal), methods);
    }

    /// <summary>Drives every store method once; returns the statements in order and each bulk copy (table, rows).</summary>
    private static async Task<(List<string> Statements, List<(string Table, int Rows)> Copies)> DriveAsync()
    {
        var version = 0;
        var connection = new RecordingConnection
        {
            Scalar = sql => sql.Contains("MAX(version)", StringComparison.Ordinal) ? version
                : sql.Contains("COUNT(*)", StringComparison.Ordinal) ? 0
                : 1,
            Rows = Rows,
        };
        var copies = new List<(string Table, int Rows)>();
        var dialect = new SqlServerDialect((_, _, table, rows, _) =>
        {
            copies.Add((table, rows.Rows.Count));
            return Task.CompletedTask;
        });

        // OpenAsync's own statement: the session set-up on a freshly opened connection.
        await dialect.PrepareAsync(connection, Ct);
        await using (var store = MatchingStore.Over(dialect, connection, TimeProvider.System))
        {
            await store.InitAsync(Ct);
            version = store.TargetVersion;
            await DriveImportsAsync(store);
            await DriveRunsAsync(store);
            await DriveWarningsAsync(store);
        }

        return (connection.Statements, copies);
    }

    private static async Task DriveImportsAsync(MatchingStore store)
    {
        await store.RequireSchemaAsync(Ct);
        await store.CountRowsAsync(Ct);
        await store.FindBatchByHashAsync(BatchInfo.LowIncomeKind, new string('a', 64), Ct);
        await store.LastLowIncomeBatchAsync(Ct);
        var snapshot = new SnapshotBuilder().Household("H1", income: 1234.5m).Member("H1", TestIds.Valid(1), "张三").Member("H1", TestIds.Valid(2), "李四").Build();
        await store.ImportLowIncomeAsync(snapshot, Batch(BatchInfo.LowIncomeKind, null), 3, 1, Ct);
        await store.CountActiveAsync(Ct);
        SourceRecord[] records =
        [
            new(2, TestIds.Valid(3).Value, IdParser.Parse(TestIds.Valid(3).Value), "王五", new Dictionary<string, string>(StringComparer.Ordinal) { ["school"] = "一中" }),
            new(3, "4.19001198001010E+17", IdParser.Parse("4.19001198001010E+17"), "赵六", new Dictionary<string, string>(StringComparer.Ordinal)),
        ];
        await store.ImportDepartmentAsync(Batch(MatchingStore.DepartmentKind, "education"), records, 3, 1, Ct);
        await store.RecordRefusedAttemptAsync(Batch(MatchingStore.DepartmentKind, "education"), "the file has no header row", Ct);
        await store.FindDepartmentBatchAsync("education", new string('b', 64), Ct);
        await store.BatchStatusAsync(2, Ct);
        await store.SourceRecordsAsync(2, Ct);
        await store.LoadPopulationAsync(Ct);
        await store.LoadPopulationAsync(Ct, withHouseholds: true);
        await store.LoadPopulationSubsetAsync(Needs(birthDates: false), Ct);
        await store.LoadPopulationSubsetAsync(Needs(birthDates: true), Ct);
        await store.LoadLowIncomeAsync(Ct);
        await store.CurrentBatchesAsync(Ct);
    }

    private static async Task DriveRunsAsync(MatchingStore store)
    {
        var asOf = new DateOnly(2026, 11, 28);
        await store.TryTakeLockAsync("run", "tester@host pid 1", "my-token", TimeSpan.FromMinutes(5), Ct);
        await store.RenewLockAsync("run", "my-token", TimeSpan.FromMinutes(5), Ct);
        var runId = await store.BeginRunAsync(asOf, "tester", Ct);
        await store.CompleteRunAsync(runId, asOf, [Found("reopened", "new facts"), Found("continuing", "same facts"), Found("first", "facts")], [2], 2, Ct);
        await store.FailRunAsync(runId, "the rules file is broken", Ct);
        await store.ReleaseLockAsync("run", "my-token", Ct);
        await store.RecentRunsAsync(5, Ct);
        await store.RecentRefusalsAsync(DateTimeOffset.UnixEpoch, Ct);
        await store.RunLockHolderAsync(Ct);
    }

    private static async Task DriveWarningsAsync(MatchingStore store)
    {
        await store.WarningsAsync(null, openOnly: false, since: null, Ct);
        await store.WarningsAsync(Receiver, openOnly: true, since: new DateOnly(2026, 11, 1), Ct);
        await store.WarningsAboutAsync(TestIds.Valid(1).Value, ["H1", "H2"], Ct);
        await store.WarningEventsAsync([1, 2, 3], Ct);
        await store.RecordDispositionsAsync(Receiver, [new Disposition(7, "已核实发放", new DateOnly(2026, 11, 30)), new Disposition(8, "已核实", null)], Ct);
        await store.HouseholdEntriesAsync(TestIds.Valid(1).Key, Ct);
    }

    /// <summary>
    /// What the recording connection's queries return: rows only where the store goes on to send statements it
    /// would not send for an empty result (a lock held by another, stored warnings, a warning to answer, a run's counts).
    /// </summary>
    private static DataTable? Rows(string sql)
    {
        if (sql.StartsWith("SELECT holder, token, acquired_at, expires_at FROM run_lock", StringComparison.Ordinal))
        {
            return Table(["holder", "token", "acquired_at", "expires_at"], ["other@host pid 2", "their-token", "2026-11-28T01:00:00.000Z", "2026-11-28T01:05:00.000Z"]);
        }

        if (sql.Contains("closed_detail AS ClosedDetail", StringComparison.Ordinal))
        {
            // Stored before this run: one a department closed whose facts have changed (reopened), one still open (continues),
            // one this run does not find (resolved).
            return Table(["WarningId", "Code", "Subject", "Receiver", "Status", "Detail", "ClosedDetail"],
                [1L, Code, "reopened", Receiver, WarningStatus.Closed, "old facts", "old facts"],
                [2L, Code, "continuing", Receiver, WarningStatus.New, "same facts", null],
                [3L, Code, "gone", Receiver, WarningStatus.Continuing, "facts", null]);
        }

        if (sql.StartsWith("SELECT warning_id, status, disposition, disposition_date, first_date FROM warning", StringComparison.Ordinal))
        {
            return Table(["warning_id", "status", "disposition", "disposition_date", "first_date"], [7L, WarningStatus.New, null, null, "2026-11-28"]);
        }

        if (sql.Contains("FROM run ORDER BY run_id DESC", StringComparison.Ordinal))
        {
            return Table(["RunId", "StartedAt", "FinishedAt", "AsOf", "Operator", "Outcome", "Batches", "Records", "Error"],
                [1L, "2026-11-28T02:00:00Z", "2026-11-28T02:01:00Z", "2026-11-28", "tester", "succeeded", "2", 2L, null]);
        }

        return null;
    }

    /// <summary>A result whose column types are those of the first row's values (text where a value is null).</summary>
    private static DataTable Table(string[] columns, params object?[][] rows)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        for (var i = 0; i < columns.Length; i++)
        {
            table.Columns.Add(columns[i], rows[0][i]?.GetType() ?? typeof(string));
        }

        foreach (var row in rows)
        {
            table.Rows.Add([.. row.Select(v => v ?? DBNull.Value)]);
        }

        return table;
    }

    private static PopulationNeeds Needs(bool birthDates)
    {
        var needs = new PopulationNeeds();
        needs.Keys.Add(TestIds.Valid(1).Key);
        needs.Prefixes.Add(TestIds.Valid(2).Key / 1000);
        if (birthDates)
        {
            needs.BirthDates.Add(19800101);
        }

        return needs;
    }

    private static Warning Found(string subject, string detail) => new()
    {
        Code = Code,
        Label = "教育救助未落实",
        Measure = "核实后发放",
        Receiver = Receiver,
        Subject = subject,
        IdText = TestIds.Valid(1).Value,
        Name = "张三",
        Department = "education",
        Detail = detail,
        BatchId = 2,
        SourceRow = 2,
    };

    private static BatchInfo Batch(string kind, string? department) => new()
    {
        Kind = kind,
        Department = department,
        FileName = "学生名单.xlsx",
        Sha256 = new string('c', 64),
        SizeBytes = 2048,
        Operator = "tester",
        ImportedAt = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.FromHours(8)),
    };
}
