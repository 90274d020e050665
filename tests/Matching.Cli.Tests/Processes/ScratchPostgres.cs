using Npgsql;

namespace Matching.Cli.Tests.Processes;

/// <summary>
/// A database of its own on the PostgreSQL server named by <c>MATCHING_TEST_POSTGRES</c> (CI starts one with
/// <c>scripts/test-postgres.sh</c>), dropped afterwards. Without the variable the test is skipped, saying so.
/// </summary>
internal sealed class ScratchPostgres : IDisposable
{
    private const string Variable = "MATCHING_TEST_POSTGRES";
    private readonly string _admin;
    private readonly string _name = $"matching_{Guid.NewGuid():N}";

    public ScratchPostgres()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(admin),
            $"{Variable} is not set: this test needs a PostgreSQL server (eval \"$(scripts/test-postgres.sh start /tmp/pg)\" starts one)");
        _admin = admin!;
        Execute($"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ConnectionString;
    }

    /// <summary>The scratch database, as <c>--db</c> takes it.</summary>
    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
