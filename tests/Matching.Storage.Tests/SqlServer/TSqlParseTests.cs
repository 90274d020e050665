using System.Reflection;
using Matching.Storage.Dialects;
using Matching.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Matching.Storage.Tests.SqlServer;

/// <summary>
/// The SQL Server migrations, dialect statements and bulk-load SQL parse as T-SQL (SQL Server 2016 and the newest
/// grammar), and the schema they declare is the one the SQLite migrations create: proof without a server.
/// </summary>
public sealed class TSqlParseTests
{
    private static readonly SqlServerDialect Dialect = new();

    public static TheoryData<string> Migrations() => new(Migrator.Scripts("sqlserver").Select(s => s.Name));

    public static TheoryData<string> UpsertTargets() => new(Targets().Where(t => t.Key.Count > 0).Select(t => t.Table).Distinct());

    [Theory]
    [MemberData(nameof(Migrations))]
    public async Task Migration_SqlServerScript_Parses(string name)
    {
        var sql = await ReadScriptAsync(name);

        TSql.AssertParses($"Sql/sqlserver/{name}", sql);
    }

    [Fact]
    public void Migrations_EveryDialectFolder_SameNumberedScripts()
    {
        var sqlServer = Migrator.Scripts("sqlserver");

        Assert.Equal(Enumerable.Range(1, sqlServer.Count), sqlServer.Select(s => s.Version));
        Assert.Equal(Migrator.Scripts("sqlite"), sqlServer);
        Assert.Equal(Migrator.Scripts("postgres"), sqlServer);
    }

    [Fact]
    public async Task Migrations_SqlServerSchema_SameTablesAndColumnsAsSqlite()
    {
        var declared = new ColumnCollector();
        foreach (var (_, name) in Migrator.Scripts("sqlserver"))
        {
            TSql.Tree(await ReadScriptAsync(name)).Accept(declared);
        }

        TSql.Tree(Dialect.EnsureVersionTable).Accept(declared);
        var sqlServer = declared.Tables.ToDictionary(t => t.Key, t => t.Value.Where(c => c != "member_seq").Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        var sqlite = await SqliteColumnsAsync();

        Assert.Equal(sqlite.Keys.Order(StringComparer.Ordinal), sqlServer.Keys.Order(StringComparer.Ordinal));
        Assert.All(sqlite, table => Assert.Equal(table.Value, sqlServer[table.Key]));
        Assert.Contains("member_seq", declared.Tables["member"]);
    }

    [Fact]
    public void EnsureVersionTable_Parses() => TSql.AssertParses(nameof(ISqlDialect.EnsureVersionTable), Dialect.EnsureVersionTable);

    [Fact]
    public void TakeLock_Parses() => TSql.AssertParses(nameof(ISqlDialect.TakeLock), Dialect.TakeLock);

    [Fact]
    public async Task PrepareAsync_SetsXactAbort_Parses()
    {
        var connection = new RecordingConnection();

        await Dialect.PrepareAsync(connection, CancellationToken.None);

        Assert.Equal(["SET XACT_ABORT ON"], connection.Statements);
        TSql.AssertParses(nameof(ISqlDialect.PrepareAsync), connection.Statements[0]);
    }

    [Theory]
    [InlineData("import_batch", "kind, department, file_name", "@Kind, @Department, @FileName", "batch_id")]
    [InlineData("run", "started_at, as_of, operator, lowincome_batch_id", "@startedAt, @asOf, @operatorName, @lowIncome", "run_id")]
    [InlineData("warning", "code, subject, receiver, name, status", "@Code, @Subject, @Receiver, @Name, @status", "warning_id")]
    public void InsertReturning_Example_ParsesWithOutputBeforeValues(string table, string columns, string values, string id)
    {
        var sql = Dialect.InsertReturning(table, columns, values, id);

        TSql.AssertParses(nameof(ISqlDialect.InsertReturning), sql);
        Assert.Contains($") OUTPUT INSERTED.{id} VALUES (", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("@count")]
    public void FirstRows_AfterOrderBy_Parses(string count) =>
        TSql.AssertParses(nameof(ISqlDialect.FirstRows), $"SELECT run_id FROM run ORDER BY run_id DESC {Dialect.FirstRows(count)}");

    [Theory]
    [MemberData(nameof(UpsertTargets))]
    public void BulkLoader_UpsertTarget_StagingAndMergeParse(string table)
    {
        var target = Targets().Single(t => t.Table == table && t.Key.Count > 0);

        TSql.AssertParses($"the staging table of {table}", SqlServerBulkLoader.CreateStagingSql(target));
        TSql.AssertParses($"the merge into {table}", SqlServerBulkLoader.MergeSql(target));
        Assert.Contains($"SELECT TOP 0 {target.ColumnList}, CAST(0 AS BIGINT) AS load_seq INTO #load_{table} FROM {table};", SqlServerBulkLoader.CreateStagingSql(target), StringComparison.Ordinal);
    }

    [Fact]
    public void BulkLoader_Targets_SnapshotsUpsertRecordsAndEventsInsertWarningsBoth()
    {
        var targets = Targets().Select(t => (t.Table, Upsert: t.Key.Count > 0)).Order().ToList();

        Assert.Equal(
            [("household", true), ("member", true), ("source_record", false), ("source_record", true), ("warning", false), ("warning", true), ("warning_event", false)],
            targets);
    }

    [Fact]
    public void MergeSql_Member_RefreshesAllButKeyAndKeptColumnsAndInsertsInOrderAdded()
    {
        var member = Targets().Single(t => t.Table == "member");

        var sql = SqlServerBulkLoader.MergeSql(member);

        Assert.StartsWith("UPDATE t SET id_number = s.id_number, name = s.name,", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("first_batch_id = s.first_batch_id", sql, StringComparison.Ordinal);
        Assert.Contains("ON t.household_id = s.household_id AND t.id_key = s.id_key;", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY s.load_seq;", sql, StringComparison.Ordinal);
        Assert.EndsWith("DROP TABLE #load_member;", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELEC 1 FROM run")]
    [InlineData("SELECT batch_id FROM WHERE kind = @kind")]
    [InlineData("SELECT batch_id FROM import_batch ORDER BY batch_id DESC LIMIT 1")]
    [InlineData("INSERT INTO run_lock (name, holder) VALUES (@name, @holder) ON CONFLICT (name) DO NOTHING")]
    [InlineData("INSERT INTO import_batch (kind) VALUES (@kind) RETURNING batch_id")]
    public void Errors_NotTSql_Reported(string sql)
    {
        var errors = TSql.Errors(sql);

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.StartsWith("TSql180Parser line 1, column ", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_MisspeltKeywordAlone_ParsesAsAProcedureCall()
    {
        // T-SQL runs a bare name at the start of a batch as a stored procedure: "SELEC 1" is EXEC SELEC 1. Parsing
        // proves syntax, not that the names exist; the live SQL Server suite proves those.
        var tree = (TSqlScript)TSql.Tree("SELEC 1");

        Assert.IsType<ExecuteStatement>(Assert.Single(Assert.Single(tree.Batches).Statements));
    }

    [Fact]
    public void Errors_OtherDialectsShapes_NotTSql()
    {
        Assert.NotEmpty(TSql.Errors(((ISqlDialect)new SqliteDialect()).TakeLock));
        Assert.NotEmpty(TSql.Errors(((ISqlDialect)new PostgresDialect()).InsertReturning("run", "as_of", "@asOf", "run_id")));
    }

    /// <summary>Every bulk load the store makes: its aggregate stores' own, the record writer's and the warning writer's.</summary>
    private static IEnumerable<BulkTarget> Targets() =>
        new[] { typeof(PopulationStore), typeof(BatchStore), typeof(RecordWriter), typeof(MatchingStore).Assembly.GetType("Matching.Storage.WarningWriter")! }
            .SelectMany(t => t.GetFields(BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(BulkTarget))
            .Select(f => (BulkTarget)f.GetValue(null)!);

    private static async Task<string> ReadScriptAsync(string name)
    {
        await using var stream = typeof(MatchingStore).Assembly.GetManifestResourceStream($"Matching.Storage.Sql.sqlserver/{name}")
            ?? throw new InvalidOperationException($"Sql/sqlserver/{name} is not embedded");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Each table of a fresh SQLite schema and its columns, sorted.</summary>
    private static async Task<Dictionary<string, List<string>>> SqliteColumnsAsync()
    {
        using var temp = new TempFolder("matching-tsql-");
        var options = StorageOptions.Resolve(Path.Combine(temp.Root, "schema.db"), null);
        await using (var store = await MatchingStore.OpenAsync(options, TimeProvider.System, CancellationToken.None))
        {
            await store.InitAsync(CancellationToken.None);
        }

        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var connection = new SqliteConnection(options.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT t.name, c.name FROM sqlite_master AS t, pragma_table_info(t.name) AS c
                WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'
                """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var list))
                {
                    columns[table] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        SqliteConnection.ClearAllPools();
        return columns.ToDictionary(t => t.Key, t => t.Value.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>The columns each CREATE TABLE and ALTER TABLE … ADD of a script declares, by table.</summary>
    private sealed class ColumnCollector : TSqlFragmentVisitor
    {
        public Dictionary<string, List<string>> Tables { get; } = new(StringComparer.Ordinal);

        public override void Visit(CreateTableStatement node) => Add(node.SchemaObjectName, node.Definition);

        public override void Visit(AlterTableAddTableElementStatement node) => Add(node.SchemaObjectName, node.Definition);

        private void Add(SchemaObjectName table, TableDefinition definition)
        {
            var name = table.BaseIdentifier.Value;
            if (!Tables.TryGetValue(name, out var columns))
            {
                Tables[name] = columns = [];
            }

            columns.AddRange(definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
        }
    }
}
