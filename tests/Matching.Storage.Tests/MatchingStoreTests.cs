using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Core.Population;
using Matching.Storage;
using Matching.Storage.Dialects;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>
/// The store's behaviour on any engine: one sealed subclass per provider supplies the database through
/// <typeparamref name="TDb"/>. Each test gets a fresh database in its own temp folder.
/// </summary>
public abstract partial class MatchingStoreTests<TDb> : IDisposable
    where TDb : ITestDatabase, new()
{
    private static readonly DateTimeOffset ImportTime = new(2024, 6, 1, 8, 30, 0, TimeSpan.FromHours(8));

    private readonly TempFolder _temp = new("matching-store-");
    private readonly TDb _db = new();

    protected MatchingStoreTests()
    {
        Options = _db.CreateOptions(_temp.Root);
    }

    protected StorageOptions Options { get; }

    protected string Folder => _temp.Root;

    protected static CancellationToken Ct => CancellationToken.None;

    [SkippableFact]
    public async Task InitAsync_EmptyDatabase_CreatesSchemaFromZeroToLatest()
    {
        await using var store = await OpenAsync();

        var (from, to) = await store.InitAsync(Ct);

        Assert.Equal((0, 9), (from, to));
        Assert.Equal(9, store.TargetVersion);
        await store.RequireSchemaAsync(Ct);
    }

    [SkippableFact]
    public async Task InitAsync_RunAgain_ChangesNothing()
    {
        await using (var first = await OpenAsync())
        {
            await first.InitAsync(Ct);
        }

        await using var store = await OpenAsync();

        Assert.Equal((9, 9), await store.InitAsync(Ct));
        Assert.All(await store.CountRowsAsync(Ct), table => Assert.Equal(0, table.Value));
    }

    [SkippableFact]
    public async Task InitAsync_WarningTable_KeepsOnlyTheIndexesQueriesUse()
    {
        await using var store = await OpenInitializedAsync();

        // By receiver and status: the export and the counts. By household (v3 to v8): no query could use it.
        Assert.Equal(["ix_warning_receiver"], await IndexesAsync("warning"));
    }

    [SkippableFact]
    public async Task RequireSchemaAsync_BeforeInit_ThrowsTellingToRunInit()
    {
        await using var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<MatchingException>(() => store.RequireSchemaAsync(Ct));

        Assert.Contains("matching init", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Population_LoadIndexAsync_BeforeInit_ThrowsTellingToRunInit()
    {
        await using var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<MatchingException>(() => store.Population.LoadIndexAsync(Ct));

        Assert.Contains("matching init", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CountRowsAsync_FreshSchema_EveryDataTableEmpty()
    {
        await using var store = await OpenInitializedAsync();

        var counts = await store.CountRowsAsync(Ct);

        Assert.Equal(["household", "import_batch", "member", "run", "source_record", "warning", "warning_event"], counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts, table => Assert.Equal(0, table.Value));
    }

    [SkippableFact]
    public async Task Batches_FindByHashAsync_ImportedFile_ReturnsBatchWithCounts()
    {
        await using var store = await OpenInitializedAsync();
        var batch = Batch("低收入人口2024-06.xlsx");
        var snapshot = new SnapshotBuilder().Household("H1").Member("H1", TestIds.Valid(1), "张三").Member("H1", TestIds.Valid(2), "李四").Build();

        var batchId = await store.Population.ImportAsync(snapshot, batch, rowsRead: 5, rowsRejected: 3, Ct);
        var found = await store.Batches.FindByHashAsync(SourceCodes.LowIncome, batch.Sha256, Ct);

        Assert.NotNull(found);
        Assert.Equal(batchId, found.BatchId);
        Assert.Equal((SourceCodes.LowIncome, null, "低收入人口2024-06.xlsx", batch.Sha256), (found.Kind, found.Department, found.FileName, found.Sha256));
        Assert.Equal((5L, 2L, 3L), (found.RowsRead, found.RowsAccepted, found.RowsRejected));
        Assert.Equal("tester", found.Operator);
        Assert.Equal(ImportTime, DateTimeOffset.Parse(found.ImportedAt, CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Batches_FindByHashAsync_UnknownHashOrKind_Null()
    {
        await using var store = await OpenInitializedAsync();
        var batch = Batch("a.csv");
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Build(), batch, 0, 0, Ct);

        Assert.Null(await store.Batches.FindByHashAsync(SourceCodes.LowIncome, Sha256Of("other bytes"), Ct));
        Assert.Null(await store.Batches.FindByHashAsync("department", batch.Sha256, Ct));
    }

    [SkippableFact]
    public async Task Population_ImportAsync_RuleGaps_StoredWithTheBatch()
    {
        await using var store = await OpenInitializedAsync();
        const string gaps = """[{"field":"income","column":"家庭年收入","kind":"ColumnMissing"}]""";

        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Build(), Batch("lowincome.csv") with { RuleGaps = gaps }, 0, 0, Ct);

        Assert.Equal(gaps, (await store.Batches.LastLowIncomeAsync(Ct))?.RuleGaps);
    }

    [SkippableFact]
    public async Task Batches_LastLowIncomeAsync_TwoImports_TheLatest()
    {
        await using var store = await OpenInitializedAsync();
        Assert.Null(await store.Batches.LastLowIncomeAsync(Ct));
        var snapshot = new SnapshotBuilder().Household("H1").Member("H1", TestIds.Valid(1), "张三").Build();

        var first = await store.Population.ImportAsync(snapshot, Batch("may.csv"), 1, 0, Ct);
        var second = await store.Population.ImportAsync(snapshot, Batch("june.csv"), 4, 3, Ct);
        var last = await store.Batches.LastLowIncomeAsync(Ct);

        Assert.True(second > first);
        Assert.NotNull(last);
        Assert.Equal((second, "june.csv", 4L, 1L, 3L), (last.BatchId, last.FileName, last.RowsRead, last.RowsAccepted, last.RowsRejected));
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _db.Release();
            _temp.Dispose();
        }
    }

    protected Task<MatchingStore> OpenAsync() => MatchingStore.OpenAsync(Options, TimeProvider.System, Ct);

    protected async Task<MatchingStore> OpenInitializedAsync()
    {
        var store = await OpenAsync();
        await store.InitAsync(Ct);
        return store;
    }

    protected static BatchInfo Batch(string fileName) => new()
    {
        Kind = SourceCodes.LowIncome,
        FileName = fileName,
        Sha256 = Sha256Of(fileName),
        SizeBytes = 1024,
        Operator = "tester",
        ImportedAt = ImportTime,
    };

    protected static string Sha256Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Runs a statement through a separate connection, as another writer of the database would.</summary>
    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = SqlDialects.For(Options.Provider).CreateConnection(Options.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>The names of a table's own indexes (ix_…), as the database lists them, in name order.</summary>
    protected Task<List<string>> IndexesAsync(string table) => QueryAsync(Options.Provider switch
    {
        DatabaseProvider.Sqlite => "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = @p AND name LIKE 'ix%' ORDER BY name",
        DatabaseProvider.Postgres => "SELECT indexname FROM pg_indexes WHERE tablename = @p AND indexname LIKE 'ix%' ORDER BY indexname",
        _ => "SELECT name FROM sys.indexes WHERE object_id = OBJECT_ID(@p) AND name LIKE 'ix%' ORDER BY name",
    }, table);

    /// <summary>
    /// The first column of a query with one parameter <c>@p</c>, as text, through a separate connection: what another
    /// reader of the database sees.
    /// </summary>
    protected async Task<List<string>> QueryAsync(string sql, object p)
    {
        await using var connection = SqlDialects.For(Options.Provider).CreateConnection(Options.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p";
        parameter.Value = p;
        command.Parameters.Add(parameter);
        var values = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? string.Empty);
        }

        return values;
    }
}
