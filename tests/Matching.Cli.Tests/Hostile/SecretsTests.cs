namespace Matching.Cli.Tests.Hostile;

/// <summary>
/// A password in <c>--db</c> or <c>MATCHING_DB</c> never reaches stderr (the error line, or the stack under
/// <c>--verbose</c>), whichever way opening the database fails.
/// </summary>
public sealed class SecretsTests
{
    private const string Secret = "Sekr3tPw";

    private static string ConnectionString(int which, string folder) => new[]
    {
        // PostgreSQL on a port nothing listens on: refused.
        $"Host=127.0.0.1;Port=1;Username=matching;Password={Secret};Timeout=2",
        // A key Npgsql does not know: refused while parsing.
        $"Host=127.0.0.1;Username=matching;Password={Secret};Bogus Key=1",
        // SQLite given a password it cannot use (no encryption in the bundled library).
        $"Data Source={Path.Combine(folder, "m.db")};Password={Secret}",
        // A URL read as a SQLite file path that does not exist.
        $"postgres://matching:{Secret}@127.0.0.1:1/m",
    }[which];

    [Theory]
    [InlineData(0, "status")]
    [InlineData(1, "status")]
    [InlineData(2, "status")]
    [InlineData(3, "status")]
    [InlineData(0, "init")]
    [InlineData(2, "init")]
    [InlineData(0, "show")]
    public async Task Command_DatabaseWithPassword_FailsWithoutPrintingIt(int which, string command)
    {
        using var cli = new CliRun();
        var db = ConnectionString(which, cli.Folder);
        string[] args = command == "show" ? ["show", "11010519491231002X", "--full"] : [command];
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync([.. args, "--db", db, "--verbose"], output, error, TimeProvider.System);

        Assert.NotEqual(0, exit);
        Assert.StartsWith("error:", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output.ToString(), StringComparison.Ordinal);
    }
}
