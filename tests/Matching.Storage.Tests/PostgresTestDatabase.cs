using Npgsql;

namespace Matching.Storage.Tests;

/// <summary>
/// A scratch schema on the PostgreSQL server named by <c>MATCHING_TEST_POSTGRES</c> (an admin connection string; CI
/// starts one with <c>scripts/test-postgres.sh</c>): each test gets a schema of its own, found through the
/// connection's search path, and drops it afterwards. Without the variable the tests are skipped, saying so.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    public const string Variable = "MATCHING_TEST_POSTGRES";

    private string? _admin;
    private string? _schema;

    /// <summary>The admin connection string, or a skip telling how to get one.</summary>
    public static string AdminConnectionString()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(admin),
            $"{Variable} is not set: the PostgreSQL suite needs a server (eval \"$(scripts/test-postgres.sh start /tmp/pg)\" starts one)");
        return admin!;
    }

    public StorageOptions CreateOptions(string folder)
    {
        _admin = AdminConnectionString();
        _schema = $"t_{Guid.NewGuid():N}";
        Execute(_admin, $"CREATE SCHEMA {_schema}");
        var builder = new NpgsqlConnectionStringBuilder(_admin) { SearchPath = _schema };
        return new StorageOptions(DatabaseProvider.Postgres, builder.ConnectionString);
    }

    public void Release()
    {
        if (_admin is null || _schema is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        Execute(_admin, $"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
