using Matching.Storage;
using Matching.Storage.Dialects;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Tests;

/// <summary>The store on SQLite, the embedded default: always runs.</summary>
public sealed partial class SqliteMatchingStoreTests : MatchingStoreTests<SqliteTestDatabase>
{
    [Fact]
    public async Task OpenAsync_DataFolderMissing_Created()
    {
        var folder = Path.Combine(Folder, "new", "data");
        var options = StorageOptions.Resolve(Path.Combine(folder, "matching.db"), null);

        await using (var store = await MatchingStore.OpenAsync(options, TimeProvider.System, Ct))
        {
            await store.InitAsync(Ct);
        }

        Assert.True(File.Exists(Path.Combine(folder, "matching.db")));
    }

    [Fact]
    public async Task OpenAsync_ReopenedFile_DataStillThere()
    {
        await using (var store = await OpenInitializedAsync())
        {
            await store.Population.ImportAsync(new Testing.SnapshotBuilder().Household("H1").Member("H1", Testing.TestIds.Valid(1), "张三").Build(), Batch("a.csv"), 1, 0, Ct);
        }

        await using var reopened = await OpenAsync();

        Assert.Equal((1L, 1L), await reopened.Population.CountActiveAsync(Ct));
    }

    [Theory]
    [InlineData(StorageOptions.DefaultPageCacheMegabytes, -65536)]
    [InlineData(StorageOptions.RunPageCacheMegabytes, -8192)]
    public async Task Prepare_PageCacheOfTheOptions_SetOnTheConnection(int megabytes, long expected)
    {
        var options = StorageOptions.Resolve(Path.Combine(Folder, "cache.db"), null) with { PageCacheMegabytes = megabytes };
        var dialect = SqlDialects.For(options);
        await using var connection = dialect.CreateConnection(options.ConnectionString + ";Mode=ReadWriteCreate");
        await connection.OpenAsync(Ct);
        await dialect.PrepareAsync(connection, Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size";

        Assert.Equal(expected, (long)(await command.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task Population_LoadRulePopulationAsync_MembersReadBesideTheirHouseholds_TheSnapshotItBeganWithWhole()
    {
        var ids = Enumerable.Range(70, 3).Select(Testing.TestIds.Valid).ToArray();
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new Testing.SnapshotBuilder().Household("H2").Household("H1")
            .Member("H2", ids[0], "甲").Member("H1", ids[1], "乙").Build(), Batch("may.csv"), 2, 0, Ct);
        var june = new Testing.SnapshotBuilder().Household("H2").Household("H1")
            .Member("H2", ids[0], "甲").Member("H1", ids[1], "乙").Member("H1", ids[2], "丙").Build();
        var expected = Members(await store.Population.LoadSnapshotAsync(Ct));

        // June is imported after the load has begun reading May, before the members' own connection looks.
        var sideReads = 0;
        store.Population.BeforeSideRead = async () =>
        {
            if (sideReads++ == 0)
            {
                await using var other = await OpenAsync();
                await other.Population.ImportAsync(june, Batch("june.csv"), 3, 0, Ct);
            }
        };
        var during = await store.Population.LoadRulePopulationAsync(Ct);
        var after = await store.Population.LoadRulePopulationAsync(Ct);

        Assert.Equal(2, sideReads);
        Assert.Equal(expected, Members(during));
        Assert.Equal([("H1", "乙"), ("H1", "丙"), ("H2", "甲")], Members(after));

        static List<(string, string)> Members(object population) => population switch
        {
            Core.Rules.RulePopulation p => [.. Enumerable.Range(0, p.Count).Select(i => (p.Member(i).HouseholdId, p.Member(i).Name))],
            Core.Population.LowIncomeSnapshot s => [.. s.Members.Select(m => (m.HouseholdId, m.Name))],
            _ => throw new ArgumentException("not a population", nameof(population)),
        };
    }

    [Fact]
    public async Task Population_Loads_AnotherConnectionMidWrite_EachReadsTheCommittedSnapshotWithoutWaitingForItsLock()
    {
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new Testing.SnapshotBuilder().Household("H1").Member("H1", Testing.TestIds.Valid(1), "张三").Build(),
            Batch("may.csv"), 1, 0, Ct);

        // Another connection in the middle of a write, as an import is: SQLite's write lock held, its change not committed.
        await using var writer = new SqliteConnection(Options.ConnectionString);
        await writer.OpenAsync(Ct);
        await using var writing = writer.BeginTransaction(deferred: false);
        await using (var change = writer.CreateCommand())
        {
            change.Transaction = writing;
            change.CommandText = "UPDATE member SET name = '李四'";
            await change.ExecuteNonQueryAsync(Ct);
        }

        var population = await store.Population.LoadRulePopulationAsync(Ct);
        var index = await store.Population.LoadIndexAsync(Ct);
        var (stamped, stamp) = await store.Population.LoadStampedIndexAsync(Ct);

        Assert.Equal("张三", population.Member(0).Name);
        Assert.Equal("张三", new string(index.Name(0)));
        Assert.Equal("张三", new string(stamped.Name(0)));
        Assert.NotNull(stamp);

        // And the writer was not held off by those reads.
        await writing.CommitAsync(Ct);
        Assert.Equal("李四", (await store.Population.LoadRulePopulationAsync(Ct)).Member(0).Name);
    }

    [Fact]
    public async Task Population_ImportAsync_ChecksAndCheckpointsOffForTheLoad_PutBackAfterItAndAfterAFailedOne()
    {
        await using var connection = await OpenCheckpointingEvery10Async();
        var store = MatchingStore.Over(SqlDialects.For(Options), connection, TimeProvider.System);
        var good = new Testing.SnapshotBuilder().Household("H1").Member("H1", Testing.TestIds.Valid(1), "张三").Build();
        var orphan = new Testing.SnapshotBuilder().Household("H1").Member("H2", Testing.TestIds.Valid(2), "李四").Build();
        var duringIt = new List<(long, long)>();

        await store.Population.ImportAsync(good, Batch("may.csv"), 1, 0, Ct, _ => duringIt.Add(Settings(connection)));
        var afterIt = Settings(connection);
        await Assert.ThrowsAsync<Core.Errors.MatchingException>(() => store.Population.ImportAsync(orphan, Batch("june.csv"), 1, 0, Ct));
        var afterTheFailure = Settings(connection);

        Assert.NotEmpty(duringIt);
        Assert.All(duringIt, during => Assert.Equal((0L, 0L), during));
        Assert.Equal((1L, 10L), afterIt);
        Assert.Equal((1L, 10L), afterTheFailure);
    }

    [Fact]
    public async Task Batches_ImportDepartmentAsync_ChecksOffForTheLoad_CheckpointsKept_PutBackAfterItAndAfterAFailedOne()
    {
        await using var connection = await OpenCheckpointingEvery10Async();
        var store = MatchingStore.Over(SqlDialects.For(Options), connection, TimeProvider.System);
        var duringIt = new List<(long, long)>();

        var stored = await store.Batches.ImportDepartmentAsync(Request("june.csv"), async (writer, token) =>
        {
            await writer.WriteAsync(Record(1), token);
            duringIt.Add(Settings(connection));
            return new DepartmentRead(1, 0, null);
        }, Ct);
        var afterIt = Settings(connection);
        await Assert.ThrowsAsync<Core.Errors.InputFileException>(() => store.Batches.ImportDepartmentAsync(Request("july.csv"), async (writer, token) =>
        {
            await writer.WriteAsync(Record(2), token);
            throw new Core.Errors.InputFileException("july.csv: cut short");
        }, Ct));
        var afterTheFailure = Settings(connection);

        Assert.Equal([(0L, 10L)], duringIt);
        Assert.Equal((1L, 10L), afterIt);
        Assert.Equal((1L, 10L), afterTheFailure);
        Assert.Equal(stored.BatchId, Assert.Single(await store.Batches.CountingAsync(new HashSet<string>(), Ct)).BatchId);
        Assert.Equal(1, (await store.CountRowsAsync(Ct))["source_record"]);

        static Core.Departments.DepartmentRecord Record(int person)
        {
            var id = Testing.TestIds.Valid(person).Value;
            return new Core.Departments.DepartmentRecord { SourceRow = 2, RawId = id, Parsed = Core.Identity.IdParser.Parse(id), Name = "甲" };
        }

        static DepartmentBatchRequest Request(string file) => new(DepartmentBatch("education", file), Core.Departments.DepartmentKind.Snapshot, TestLayout, 0.5, AcceptShrink: true);
    }

    [Fact]
    public async Task Runs_CompleteAsync_ChecksOffForTheWarnings_CheckpointsKept_PutBackAfterItAndAfterAFailedOne()
    {
        await using var connection = await OpenCheckpointingEvery10Async();
        var store = MatchingStore.Over(SqlDialects.For(Options), connection, TimeProvider.System);
        var day = new DateOnly(2026, 11, 28);
        var duringIt = new List<(long, long)>();

        await store.Runs.CompleteAsync(await store.Runs.BeginAsync(day, "operator", Ct), day, Found(), [], 1, Ct);
        var afterIt = Settings(connection);
        var failing = await store.Runs.BeginAsync(day, "operator", Ct);
        await Assert.ThrowsAsync<Core.Errors.MatchingException>(() => store.Runs.CompleteAsync(failing, day, Failing(broke: true), [], 1, Ct));
        var afterTheFailure = Settings(connection);

        // Read as the first warning is taken: inside the run's transaction, before anything is written.
        Assert.Equal([(0L, 10L)], duringIt);
        Assert.Equal((1L, 10L), afterIt);
        Assert.Equal((1L, 10L), afterTheFailure);
        Assert.Equal(1, (await store.CountRowsAsync(Ct))["warning"]);

        IEnumerable<Core.Rules.Warning> Found()
        {
            duringIt.Add(Settings(connection));
            yield return new Core.Rules.Warning
            {
                Code = "EDU_AID_GAP", Label = "教育救助政策落实不到位", Measure = "核实", Receiver = "education", Subject = Testing.TestIds.Valid(3).Value,
                IdText = Testing.TestIds.Valid(3).Value, Name = "张三", Department = "education", Detail = "低保人员，见于教育体育 在校学生，未享受教育救助",
            };
        }

        static IEnumerable<Core.Rules.Warning> Failing(bool broke)
        {
            if (broke)
            {
                throw new InvalidOperationException("the rules broke");
            }

            yield break;
        }
    }

    [Fact]
    public async Task Prepare_NewFile_PagesOf16KB_AFileMadeBeforeKeepsItsOwn()
    {
        var dialect = SqlDialects.For(Options);
        var older = Path.Combine(Folder, "older.db");
        await using (var made = new SqliteConnection($"Data Source={older};Pooling=False"))
        {
            await made.OpenAsync(Ct);
            await using var command = made.CreateCommand();
            command.CommandText = "PRAGMA page_size = 4096; CREATE TABLE t (x INTEGER)";
            await command.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal(16384L, await PageSizeAsync(Path.Combine(Folder, "new.db")));
        Assert.Equal(4096L, await PageSizeAsync(older));

        async Task<long> PageSizeAsync(string file)
        {
            await using var connection = (SqliteConnection)dialect.CreateConnection($"Data Source={file};Pooling=False;Mode=ReadWriteCreate");
            await connection.OpenAsync(Ct);
            await dialect.PrepareAsync(connection, Ct);
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE IF NOT EXISTS u (y INTEGER)";
                await create.ExecuteNonQueryAsync(Ct);
            }

            return Pragma(connection, "page_size");
        }
    }

    [Fact]
    public async Task CheckpointAsync_AfterALowIncomeImport_ItsPagesCopiedFromTheLogIntoTheFile()
    {
        var builder = new Testing.SnapshotBuilder().Household("H1");
        for (var i = 0; i < 3000; i++)
        {
            builder.Member("H1", Testing.TestIds.Valid(50_000 + i), "生" + i);
        }

        await using var store = await OpenInitializedAsync();
        var file = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
        await store.Population.ImportAsync(builder.Build(), Batch("june.csv"), 3000, 0, Ct);
        var before = new FileInfo(file).Length;

        await store.CheckpointAsync(Ct);
        var after = new FileInfo(file).Length;

        // The import's commit left its pages in the -wal file (no checkpoint at it); the checkpoint wrote them into the file.
        Assert.True(after > before + 100_000, $"the file grew from {before:N0} to {after:N0} bytes");
        Assert.Equal((1L, 3000L), await store.Population.CountActiveAsync(Ct));
    }

    /// <summary>An initialised store's connection, prepared as the program prepares it, then set to checkpoint every 10 pages (not the default).</summary>
    private async Task<SqliteConnection> OpenCheckpointingEvery10Async()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var dialect = SqlDialects.For(Options);
        var connection = (SqliteConnection)dialect.CreateConnection(Options.ConnectionString);
        await connection.OpenAsync(Ct);
        await dialect.PrepareAsync(connection, Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint = 10";
        await command.ExecuteNonQueryAsync(Ct);
        return connection;
    }

    /// <summary>
    /// The connection's foreign-key checks (1 on) and checkpoint interval (0 none), read through SQLite's C API: it
    /// works inside the import's transaction, where a command without that transaction is refused.
    /// </summary>
    private static (long ForeignKeys, long AutoCheckpoint) Settings(SqliteConnection connection) =>
        (Pragma(connection, "foreign_keys"), Pragma(connection, "wal_autocheckpoint"));

    private static long Pragma(SqliteConnection connection, string name)
    {
        Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_prepare_v2(connection.Handle, "PRAGMA " + name, out var statement));
        using (statement)
        {
            Assert.Equal(SQLitePCL.raw.SQLITE_ROW, SQLitePCL.raw.sqlite3_step(statement));
            return SQLitePCL.raw.sqlite3_column_int64(statement, 0);
        }
    }
}
