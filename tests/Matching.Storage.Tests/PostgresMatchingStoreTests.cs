using Matching.Testing;
using Npgsql;

namespace Matching.Storage.Tests;

/// <summary>The store on PostgreSQL: the whole suite, against a live server (CI starts one; skipped without it).</summary>
public sealed class PostgresMatchingStoreTests : MatchingStoreTests<PostgresTestDatabase>
{
    [SkippableFact]
    public async Task Population_ImportAsync_ConnectionKilledByTheServer_RetriedOnAFreshConnection()
    {
        var application = $"victim-{Guid.NewGuid():N}";
        await (await OpenInitializedAsync()).DisposeAsync();
        var options = Options with { ConnectionString = new NpgsqlConnectionStringBuilder(Options.ConnectionString) { ApplicationName = application }.ConnectionString };
        await using var store = await MatchingStore.OpenAsync(options, TimeProvider.System, Ct);
        await store.RequireSchemaAsync(Ct);

        await using (var admin = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString()))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @application", admin);
            kill.Parameters.AddWithValue("application", application);
            Assert.Equal(1L, await kill.ExecuteScalarAsync(Ct));
        }

        var id = TestIds.Valid(41);
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Build(), Batch("after-kill.csv"), 1, 0, Ct);

        Assert.True((await store.Population.LoadIndexAsync(Ct)).Contains(id.Key));
    }
}
