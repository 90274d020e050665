using Matching.Testing;

namespace Matching.Cli.Tests;

/// <summary>Runs the real command line in-process against a <see cref="TempFolder"/> and its own SQLite file.</summary>
public sealed class CliRun : IDisposable
{
    private readonly TempFolder _folder = new("matching-cli-");

    public CliRun()
    {
        Database = Path.Combine(Folder, "data", "matching.db");
    }

    public string Folder => _folder.Root;

    public string Database { get; }

    public string PathOf(string name) => _folder.PathOf(name);

    /// <summary>Runs <c>matching</c> with <paramref name="args"/> and the temp database.</summary>
    public async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--db", Database], output, error, TimeProvider.System);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        // Pooled connections hold the database open; the folder goes once they are closed.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
