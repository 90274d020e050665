using Matching.Cli.Tests.Processes;
using Matching.Samples;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// <c>matching match --in-database</c> (what a population above <c>run:inMemoryLimit</c> gets): only the persons a file
/// can touch are fetched, set-based, and every row comes out exactly as with the whole population in memory, on the
/// evaluation set's every kind of damage, twins and strangers. On SQLite always, on PostgreSQL where one is configured.
/// </summary>
public sealed class MatchInDatabaseTests
{
    [Fact]
    public Task MatchInDatabase_Sqlite_SameResultsAsInMemory() => SameResultsAsync(database: null);

    [SkippableFact]
    public async Task MatchInDatabase_Postgres_SameResultsAsInMemory()
    {
        using var postgres = new ScratchPostgres();
        await SameResultsAsync(postgres.ConnectionString);
    }

    [Fact]
    public async Task InMemoryLimit_PopulationAboveIt_MatchesInDatabaseWithTheSameResults()
    {
        using var cli = new CliRun();
        var (lowIncome, labelled) = WriteSet(cli);
        await SucceedAsync(cli, null, "init");
        await SucceedAsync(cli, null, "lowincome", "import", lowIncome, "--rejects", cli.PathOf("r.xlsx"));
        var config = cli.PathOf("small.json");
        await File.WriteAllTextAsync(config, """{ "run": { "inMemoryLimit": 10 } }""");

        await SucceedAsync(cli, null, "match", "death", labelled, "--out", cli.PathOf("memory.csv"));
        await SucceedAsync(cli, null, "match", "death", labelled, "--out", cli.PathOf("auto.csv"), "--config", config);

        Assert.Equal(await File.ReadAllTextAsync(cli.PathOf("memory.csv")), await File.ReadAllTextAsync(cli.PathOf("auto.csv")));
    }

    private static async Task SameResultsAsync(string? database)
    {
        using var cli = new CliRun();
        var (lowIncome, labelled) = WriteSet(cli);
        await SucceedAsync(cli, database, "init");
        await SucceedAsync(cli, database, "lowincome", "import", lowIncome, "--rejects", cli.PathOf("r.xlsx"));

        var memory = await SucceedAsync(cli, database, "match", "death", labelled, "--out", cli.PathOf("memory.csv"));
        var inDatabase = await SucceedAsync(cli, database, "match", "death", labelled, "--out", cli.PathOf("database.csv"), "--in-database");

        var expected = await File.ReadAllLinesAsync(cli.PathOf("memory.csv"));
        Assert.True(expected.Length > 5_000, $"only {expected.Length} result lines");
        Assert.Contains(expected, l => l.Contains(",name_birthdate,", StringComparison.Ordinal));
        Assert.Contains(expected, l => l.Contains(",corrected,", StringComparison.Ordinal));
        Assert.Equal(expected, await File.ReadAllLinesAsync(cli.PathOf("database.csv")));
        Assert.Equal(memory.Split('\n')[0], inDatabase.Split('\n')[0]);
    }

    private static (string LowIncome, string Labelled) WriteSet(CliRun cli)
    {
        var set = cli.PathOf("set");
        EvaluationSet.Write(set, new EvaluationOptions(Households: 3_000, Rows: 6_000));
        return (Path.Combine(set, EvaluationSet.LowIncomeFileName), Path.Combine(set, EvaluationSet.LabelledFileName));
    }

    /// <summary>Runs a command on the test's SQLite file, or on <paramref name="database"/> when given.</summary>
    private static async Task<string> SucceedAsync(CliRun cli, string? database, params string[] args)
    {
        var (exit, output, error) = database is null
            ? await cli.RunAsync(args)
            : await CliProcess.RunAsync(cli.Folder, [.. args, "--db", database]);
        Assert.True(exit == 0, $"matching {string.Join(' ', args)}: exit {exit}: {error}");
        return output;
    }
}
