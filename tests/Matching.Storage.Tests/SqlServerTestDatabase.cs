using Microsoft.Data.SqlClient;

namespace Matching.Storage.Tests;

/// <summary>
/// A scratch database on the SQL Server named by <c>MATCHING_TEST_SQLSERVER</c> (a connection string of a login that
/// may create databases): each test gets a database of its own and drops it afterwards. Without the variable the
/// tests are skipped, saying so.
/// </summary>
public sealed class SqlServerTestDatabase : ITestDatabase
{
    public const string Variable = "MATCHING_TEST_SQLSERVER";

    private string? _admin;
    private string? _database;

    /// <summary>The admin connection string, or a skip telling how to get one.</summary>
    public static string AdminConnectionString()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(admin),
            $"{Variable} is not set: the SQL Server suite needs a server (e.g. Server=localhost;User ID=sa;Password=…;TrustServerCertificate=True)");
        return admin!;
    }

    public StorageOptions CreateOptions(string folder)
    {
        _admin = AdminConnectionString();
        _database = $"matching_t_{Guid.NewGuid():N}";
        Execute(_admin, $"CREATE DATABASE [{_database}]");
        var builder = new SqlConnectionStringBuilder(_admin) { InitialCatalog = _database };
        return new StorageOptions(DatabaseProvider.SqlServer, builder.ConnectionString);
    }

    public void Release()
    {
        if (_admin is null || _database is null)
        {
            return;
        }

        // Pooled connections (and any a test left open) hold the database; SINGLE_USER … ROLLBACK IMMEDIATE ends them.
        SqlConnection.ClearAllPools();
        Execute(_admin, $"""
            IF DB_ID(N'{_database}') IS NOT NULL
            BEGIN
                ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                DROP DATABASE [{_database}];
            END
            """);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        using var command = new SqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
