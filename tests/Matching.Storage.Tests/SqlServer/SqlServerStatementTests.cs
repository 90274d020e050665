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

    /// <summary>
    /// The public and internal (test hook) methods of the store and its aggregate stores (by property) this test drives;
    /// a new one fails <see cref="Drive_CoversEveryPublicStoreMethod"/> until it is driven here.
    /// </summary>
    private static readonly string[] Driven =
    [
        "OpenAsync", "InitAsync", "RequireSchemaAsync", "CountRowsAsync", "DisposeAsync", "PurgeAsync", "CheckpointAsync",
        "Batches.FindByHashAsync", "Batches.LastLowIncomeAsync", "Batches.InsertAsync", "Batches.ImportDepartmentAsync", "Batches.RecordRefusedAttemptAsync",
        "Batches.RecentRefusalsAsync", "Batches.FindDepartmentBatchAsync", "Batches.ListAsync", "Batches.WithdrawAsync", "Batches.CountingAsync",
        "Batches.ReadRecordsAsync", "Batches.UpgradeLegacyAsync",
        "Population.ImportAsync", "Population.CountActiveAsync", "Population.HouseholdEntriesAsync", "Population.LoadIndexAsync",
        "Population.LoadStampedIndexAsync", "Population.StampAsync", "Population.LoadSubsetAsync", "Population.LoadSnapshotAsync",
        "Population.LoadRulePopulationAsync", "Population.LoadStampedRulePopulationAsync",
        "Runs.BeginAsync", "Runs.FailAsync", "Runs.CompleteAsync", "Runs.RecentAsync", "Runs.LockHolderAsync",
        "Warnings.ListAsync", "Warnings.StreamAsync", "Warnings.AboutAsync", "Warnings.EventsAsync", "Warnings.RecordDispositionsAsync",
        "Warnings.CountsAsync", "Warnings.ByIdAsync",
        "Workers.RunningAsync", "Workers.TryTakeLockAsync", "Workers.RenewLockAsync", "Workers.ReleaseLockAsync", "Workers.DropLeaseAsync",
        "Access.RecordAsync", "Access.InsertAsync", "Access.ListAsync",
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
        Assert.Contains(statements, s => s.Contains("INTO #load_warning FROM warning", StringComparison.Ordinal));
        Assert.Contains("CREATE TABLE #heir (batch_id BIGINT NOT NULL, source_row BIGINT NOT NULL)", statements);
        Assert.Contains(statements, s => s.Contains("OFFSET 0 ROWS FETCH NEXT @count ROWS ONLY", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("WITH (UPDLOCK, HOLDLOCK)", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("household_id IN (@householdIds1,@householdIds2)", StringComparison.Ordinal));
        Assert.Contains("SET XACT_ABORT ON", statements);
        Assert.Contains("CREATE TABLE #match_need (kind BIGINT NOT NULL, value BIGINT NOT NULL)", statements);
        foreach (var table in new[] { "household", "member", "warning", "source_record" })
        {
            Assert.Contains(statements, s => s.Contains($"INTO #load_{table} FROM {table}", StringComparison.Ordinal));
            Assert.Contains(statements, s => s.Contains($"INSERT INTO {table} (", StringComparison.Ordinal) && s.Contains($"DROP TABLE #load_{table};", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Drive_BulkLoads_UpsertsStagedAndRecordsCopiedStraightIn()
    {
        var (_, copies) = await DriveAsync();

        Assert.Equal(
            [
                ("#load_household", 1), ("#load_member", 2), ("source_record", 2), ("source_record", 2), ("#heir", 1), ("#load_source_record", 1),
                ("#match_need", 2), ("#match_need", 3), ("warning", 1), ("#load_warning", 2), ("#reopened", 1), ("#resolved", 2), ("warning_event", 4),
            ],
            copies);
    }

    [Fact]
    public void Drive_CoversEveryPublicStoreMethod()
    {
        var stores = typeof(MatchingStore).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.Name.EndsWith("Store", StringComparison.Ordinal))
            .Select(p => (Prefix: p.Name + ".", Type: p.PropertyType));
        var methods = stores.Prepend((Prefix: string.Empty, Type: typeof(MatchingStore)))
            .SelectMany(s => StoreMethods(s.Type).Select(name => s.Prefix + name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        Assert.Equal(Driven.Order(StringComparer.Ordinal), methods);
    }

    private static IEnumerable<string> StoreMethods(Type store) =>
        store.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && (m.IsPublic || (m.IsAssembly && m.Name.EndsWith("Async", StringComparison.Ordinal))))
            .Select(m => m.Name);

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
            await DriveAuditAsync(store);
        }

        return (connection.Statements, copies);
    }

    private static async Task DriveImportsAsync(MatchingStore store)
    {
        await store.RequireSchemaAsync(Ct);
        await store.CountRowsAsync(Ct);
        await store.Batches.FindByHashAsync(SourceCodes.LowIncome, new string('a', 64), Ct);
        await store.Batches.LastLowIncomeAsync(Ct);
        var snapshot = new SnapshotBuilder().Household("H1", income: 1234.5m).Member("H1", TestIds.Valid(1), "张三").Member("H1", TestIds.Valid(2), "李四").Build();
        await store.Population.ImportAsync(snapshot, Batch(SourceCodes.LowIncome, null) with { RuleGaps = "[]" }, 3, 1, Ct);
        await store.CheckpointAsync(Ct);
        await store.Population.CountActiveAsync(Ct);
        var layout = RecordLayout.Of([("school", FieldType.Text, "学校"), ("visitDate", FieldType.Date, "就诊日期"), ("selfPaid", FieldType.Amount, "个人自付"), ("hardship", FieldType.Flag, "困难")]);
        var ledgers = new HashSet<string>(["medical-bills"], StringComparer.Ordinal);
        foreach (var (department, kind) in new[] { ("education", DepartmentKind.Snapshot), ("medical-bills", DepartmentKind.Ledger) })
        {
            await store.Batches.ImportDepartmentAsync(new DepartmentBatchRequest(Batch(BatchStore.DepartmentBatchKind, department), kind, layout, 0.5, AcceptShrink: false),
                async (writer, token) =>
                {
                    var record = new DepartmentRecord { SourceRow = 2, RawId = TestIds.Valid(3).Value, Parsed = IdParser.Parse(TestIds.Valid(3).Value), Name = "王五" };
                    record.Values.SetText(0, "一中");
                    record.Values.SetDate(0, new DateOnly(2026, 9, 1));
                    record.Values.SetFen(0, 123450);
                    record.Values.SetFlag(0, true);
                    record.Event = kind == DepartmentKind.Ledger ? new EventKey(new DateOnly(2026, 9, 1).DayNumber, 42) : null;
                    await writer.WriteAsync(record, token);
                    var damaged = new DepartmentRecord { SourceRow = 3, RawId = "4.19001198001010E+17", Parsed = IdParser.Parse("4.19001198001010E+17"), Name = "赵六" };
                    await writer.WriteAsync(damaged, token);
                    return new DepartmentRead(3, 1, "rejects.xlsx") { RuleGaps = "[]" };
                }, Ct);
        }

        await store.Batches.RecordRefusedAttemptAsync(Batch(BatchStore.DepartmentBatchKind, "education"), "the file has no header row", Ct);
        await store.Batches.FindDepartmentBatchAsync("education", new string('b', 64), Ct);
        await store.Batches.ListAsync(null, ledgers, Ct);
        await store.Batches.ListAsync("education", ledgers, Ct);
        var counting = await store.Batches.CountingAsync(ledgers, Ct);
        await foreach (var unused in store.Batches.ReadRecordsAsync(counting[0], layout, ledger: false, afterDay: null, Ct))
        {
        }

        await foreach (var unused in store.Batches.ReadRecordsAsync(counting[0] with { Layout = layout.Describe() }, layout, ledger: true, afterDay: 740000, Ct))
        {
        }

        await store.Batches.WithdrawAsync(2, "wrong file", "tester", ledgers, new AccessRecord { OsUser = "tester", Host = "srv", Command = "batch withdraw" }, Ct);
        await store.Batches.UpgradeLegacyAsync(
            department => new LegacyDepartment(DepartmentKind.Ledger, layout, record => new EventKey(record.Values.Date(0)?.DayNumber ?? EventKey.NoDate, 7)), Ct);
        await store.Population.LoadIndexAsync(Ct);
        await store.Population.LoadIndexAsync(Ct, withHouseholds: true);
        await store.Population.LoadStampedIndexAsync(Ct);
        await store.Population.StampAsync(Ct);
        await store.Population.LoadSubsetAsync(Needs(birthDates: false), Ct);
        await store.Population.LoadSubsetAsync(Needs(birthDates: true), Ct);
        await store.Population.LoadSnapshotAsync(Ct);
        await store.Population.LoadRulePopulationAsync(Ct);
        await store.Population.LoadStampedRulePopulationAsync(Ct);
    }

    private static async Task DriveRunsAsync(MatchingStore store)
    {
        var asOf = new DateOnly(2026, 11, 28);
        await store.Workers.TryTakeLockAsync("run", "tester@host pid 1", "my-token", TimeSpan.FromMinutes(5), Ct);
        await store.Workers.RenewLockAsync("run", "my-token", TimeSpan.FromMinutes(5), Ct);
        var runId = await store.Runs.BeginAsync(asOf, "tester", Ct);
        await store.Runs.CompleteAsync(runId, asOf, [Found("reopened", "new facts"), Found("continuing", "same facts"), Found("first", "facts")], [2], 2, Ct);
        await store.Runs.FailAsync(runId, "the rules file is broken", Ct);
        await store.Workers.ReleaseLockAsync("run", "my-token", Ct);
        await store.Runs.RecentAsync(5, Ct);
        await store.Batches.RecentRefusalsAsync(DateTimeOffset.UnixEpoch, Ct);
        await store.Runs.LockHolderAsync(Ct);
        await store.Workers.DropLeaseAsync("worker:host:1", Ct);
        await store.Workers.RunningAsync(Ct);
    }

    private static async Task DriveWarningsAsync(MatchingStore store)
    {
        await store.Warnings.ListAsync(null, openOnly: false, since: null, Ct);
        await store.Warnings.ListAsync(Receiver, openOnly: true, since: new DateOnly(2026, 11, 1), Ct);
        await foreach (var unused in store.Warnings.StreamAsync(Receiver, openOnly: true, since: null, Ct))
        {
        }

        await store.Warnings.AboutAsync(TestIds.Valid(1).Value, ["H1", "H2"], Ct);
        await store.Warnings.EventsAsync([1, 2, 3], Ct);
        await store.Warnings.CountsAsync(Receiver, openOnly: true, since: new DateOnly(2026, 11, 1), Ct);
        await store.Warnings.CountsAsync(null, openOnly: false, since: null, Ct);
        await store.Warnings.ByIdAsync(7, Ct);

        // 7 closes, 9 is noted and stays open, 10 is dated before it was raised, 8 is no warning of the receiver.
        await store.Warnings.RecordDispositionsAsync(Receiver,
        [
            new Disposition(7, "已落实救助", new DateOnly(2026, 11, 30)), new Disposition(8, "已核实无需处理", null),
            new Disposition(9, "正在核实", new DateOnly(2026, 11, 30), Closes: false), new Disposition(10, "不符合条件", new DateOnly(2026, 11, 1)),
        ], Ct);
        await store.Population.HouseholdEntriesAsync(TestIds.Valid(1).Key, Ct);
    }

    private static async Task DriveAuditAsync(MatchingStore store)
    {
        await store.Access.RecordAsync(new AccessRecord { OsUser = "tester", Host = "srv", Command = "show", FullIds = true, At = DateTimeOffset.UnixEpoch }
            .WithSubjects([TestIds.Valid(1).Value]), Ct);
        await store.Access.ListAsync(DateTimeOffset.UnixEpoch, "tester", Ct);
        await store.Access.ListAsync(null, null, Ct);

        // Cutoffs far ahead: every batch the recording connection lists is past retention, so the deletes are sent.
        var later = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var ledgers = new HashSet<string>(["medical-bills"], StringComparer.Ordinal);
        var ledgerCutoffs = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal) { ["medical-bills"] = later };
        await store.PurgeAsync(later, ledgerCutoffs, later, ledgers, dryRun: true, Ct);
        await store.PurgeAsync(later, ledgerCutoffs, later, ledgers, dryRun: false, Ct);
    }

    /// <summary>
    /// What the recording connection's queries return: rows only where the store goes on to send statements it
    /// would not send for an empty result (a lock held by another, stored warnings, a warning to answer, a run's counts).
    /// </summary>
    private static DataTable? Rows(string sql)
    {
        if (sql.Contains("AS WithdrawReason", StringComparison.Ordinal))
        {
            // Batches: a ledger's and a snapshot's (what a withdrawal, the shrink guard and the batch list go on).
            return Table(["BatchId", "Kind", "Department", "FileName", "Sha256", "RowsRead", "RowsAccepted", "RowsRejected", "RowsUsable", "NewEvents",
                    "KnownEvents", "Status", "Operator", "ImportedAt", "Layout", "RejectReport", "WithdrawnAt", "WithdrawnBy", "WithdrawReason"],
                [2L, BatchStore.DepartmentBatchKind, "medical-bills", "bills.csv", new string('d', 64), 2L, 2L, 0L, 2L, 2L, 0L, "pending", "tester", "2026-11-28T00:00:00Z", null, null, null, null, null],
                [3L, BatchStore.DepartmentBatchKind, "education", "students.csv", new string('e', 64), 9L, 9L, 0L, 9L, null, null, "processed", "tester", "2026-11-28T00:00:00Z", "school:text:0", null, null, null, null]);
        }

        if (sql.Contains("FROM source_record x JOIN source_record o", StringComparison.Ordinal))
        {
            return Table(["batch_id", "source_row", "event_day", "event_hi", "event_lo"], [4L, 2L, 740000L, 1L, 2L], [4L, 3L, 740000L, 1L, 2L]);
        }

        if (sql.StartsWith("SELECT batch_id, department FROM import_batch WHERE kind = @kind AND layout IS NULL", StringComparison.Ordinal))
        {
            return Table(["batch_id", "department"], [5L, "medical-bills"]);
        }

        if (sql.StartsWith("SELECT source_row, id_kind, id_key, raw_id, name, fields FROM source_record", StringComparison.Ordinal))
        {
            return Table(["source_row", "id_kind", "id_key", "raw_id", "name", "fields"],
                [2L, "Valid18", TestIds.Valid(3).Key, null, "王五", "{\"visitDate\":\"2026-09-01\",\"selfPaid\":\"1234.5\"}"]);
        }

        if (sql.StartsWith("SELECT batch_id FROM import_batch WHERE kind = @kind AND department = @department", StringComparison.Ordinal))
        {
            return Table(["batch_id"], [5L]);
        }

        if (sql.StartsWith("SELECT holder, token, acquired_at, expires_at FROM run_lock", StringComparison.Ordinal))
        {
            return Table(["holder", "token", "acquired_at", "expires_at"], ["other@host pid 2", "their-token", "2026-11-28T01:00:00.000Z", "2026-11-28T01:05:00.000Z"]);
        }

        if (sql.StartsWith("SELECT warning_id, code, status, key_hi", StringComparison.Ordinal))
        {
            // Stored before this run with their hashes: one still open whose row this run changes (refreshed), one it does not find (resolved).
            return Table(["warning_id", "code", "status", "key_hi", "key_lo", "facts_hi", "facts_lo", "row_hi", "row_lo"],
                [2L, Code, WarningStatus.New.Text(), 11L, 12L, 13L, 14L, 15L, 16L],
                [3L, Code, WarningStatus.Continuing.Text(), 21L, 22L, 23L, 24L, 25L, 26L]);
        }

        if (sql.StartsWith("SELECT warning_id, code, subject, receiver, status, closed_detail, detail FROM warning WHERE key_hi IS NULL", StringComparison.Ordinal))
        {
            // Stored before the hashes: one a department closed whose facts have changed (reopened), one still open (continues).
            return Table(["warning_id", "code", "subject", "receiver", "status", "closed_detail", "detail"],
                [1L, Code, "reopened", Receiver, WarningStatus.Closed.Text(), "old facts", "old facts"],
                [4L, Code, "continuing", Receiver, WarningStatus.New.Text(), null, "same facts"]);
        }

        if (sql.StartsWith($"SELECT warning_id, {WarningStatusSql.Column}, disposition, disposition_date, first_date, id_number FROM warning", StringComparison.Ordinal))
        {
            var id = TestIds.Valid(1).Value;
            return Table(["warning_id", "status", "disposition", "disposition_date", "first_date", "id_number"], [7L, (long)WarningStatus.New, null, null, "2026-11-28", id],
                [9L, (long)WarningStatus.Closed, "已落实救助", "2026-11-29", "2026-11-28", id], [10L, (long)WarningStatus.Continuing, null, null, "2026-11-28", id]);
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
