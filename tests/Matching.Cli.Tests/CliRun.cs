namespace Matching.Cli.Tests;

/// <summary>Runs the real command line in-process against a temporary folder and its own SQLite file.</summary>
public sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Folder = Directory.CreateTempSubdirectory("matching-cli-").FullName;
        Database = Path.Combine(Folder, "data", "matching.db");
    }

    public string Folder { get; }

    public string Database { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Runs <c>matching</c> with <paramref name="args"/> and the temp database.</summary>
    public Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAtAsync(TimeProvider.System, args);

    /// <summary>Runs <c>matching</c> with <paramref name="args"/> and the temp database on the clock <paramref name="time"/>.</summary>
    public async Task<(int Exit, string Out, string Error)> RunAtAsync(TimeProvider time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--db", Database], output, error, time);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platforms: the temp folder is cleaned by the OS.
        }
    }
}
