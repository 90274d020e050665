using System.CommandLine;
using Matching.Cli.Commands;
using Matching.Core.Errors;
using Matching.Export;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Matching.Storage.Resilience;

namespace Matching.Cli;

/// <summary>
/// The command line of CONTRACT.md. This is the one boundary that turns exceptions into exit codes: a
/// <see cref="MatchingException"/>, or an I/O error (a full disk, a folder that cannot be written: the message names
/// the path), prints one line on stderr and exits 2; anything else exits 70, with the stack trace only under
/// <c>--verbose</c>. Control characters in a message (a newline in a file name) are escaped, never printed, and a
/// database password never is (<see cref="ConnectionSecrets"/>).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 2;
    public const int Unexpected = 70;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time)
    {
        var db = new Option<string?>("--db") { Description = "Database: a SQLite file path or a connection string (default ./data/matching.db; env MATCHING_DB)", Recursive = true };
        var provider = new Option<string?>("--provider") { Description = "sqlite|sqlserver|postgres (env MATCHING_PROVIDER; inferred from --db)", Recursive = true };
        var headerMaps = new Option<string?>("--header-maps") { Description = "Folder of header map JSON files (default: HeaderMaps beside the program; env MATCHING_HEADER_MAPS)", Recursive = true };
        var config = new Option<string?>("--config") { Description = "Settings file (default: matching.json beside the program; env MATCHING_CONFIG)", Recursive = true };
        var verbose = new Option<bool>("--verbose") { Description = "Print stack traces of unexpected errors", Recursive = true };

        var root = new RootCommand("Matching: low-income population dynamic monitoring (低收入人口动态监测) data matching.");
        root.Options.Add(db);
        root.Options.Add(provider);
        root.Options.Add(headerMaps);
        root.Options.Add(config);
        root.Options.Add(verbose);

        Func<ParseResult, CliContext> context = parse =>
        {
            var settings = MatchingSettings.Load(parse.GetValue(config) ?? Environment.GetEnvironmentVariable("MATCHING_CONFIG"));

            // For every file this command writes (in this async flow only: tests run commands side by side).
            AtomicFile.Options = settings.Output;
            return new CliContext(
                output, error, time,
                StorageOptions.Resolve(parse.GetValue(db) ?? Environment.GetEnvironmentVariable("MATCHING_DB"),
                    parse.GetValue(provider) ?? Environment.GetEnvironmentVariable("MATCHING_PROVIDER")) with
                {
                    Resilience = settings.Resilience == StorageResilience.Default.Options ? StorageResilience.Default : new StorageResilience(settings.Resilience),
                    FileMode = settings.Output.FileModeBits,
                },
                parse.GetValue(headerMaps) ?? Environment.GetEnvironmentVariable("MATCHING_HEADER_MAPS") ?? HeaderMapCatalog.DefaultDirectory,
                settings);
        };

        CommandGuard guard =
            (parse, run, ct) => GuardAsync(() => run(context(parse), ct), error, parse.GetValue(verbose),
                parse.GetValue(db) ?? Environment.GetEnvironmentVariable("MATCHING_DB"));

        root.Subcommands.Add(InitCommand.Create(guard));
        root.Subcommands.Add(LowIncomeCommand.Create(guard));
        root.Subcommands.Add(ImportCommand.Create(guard));
        root.Subcommands.Add(BatchCommand.Create(guard));
        root.Subcommands.Add(RunCommand.Create(guard));
        root.Subcommands.Add(ExportCommand.Create(guard));
        root.Subcommands.Add(FeedbackCommand.Create(guard));
        root.Subcommands.Add(ShowCommand.Create(guard));
        root.Subcommands.Add(StatusCommand.Create(guard));
        root.Subcommands.Add(WorkerCommand.Create(guard));
        root.Subcommands.Add(MatchCommand.Create(guard));
        root.Subcommands.Add(IdCommand.Create(guard));
        root.Subcommands.Add(DemoCommand.Create(guard));
        root.Subcommands.Add(SampleCommand.Create(guard));
        root.Subcommands.Add(BenchCommand.Create(guard));
        root.Subcommands.Add(EvaluateCommand.Create(guard));
        root.Subcommands.Add(AuditCommand.Create(guard));
        root.Subcommands.Add(PurgeCommand.Create(guard));

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static async Task<int> GuardAsync(Func<Task<int>> run, TextWriter error, bool verbose, string? connectionString)
    {
        // Whatever a provider or the runtime put in a message, the password of --db / MATCHING_DB is not printed.
        string OneLine(string message) => DisplayText.Escape(ConnectionSecrets.Scrub(message, connectionString));
        string Stack(Exception ex) => ConnectionSecrets.Scrub(ex.ToString(), connectionString);

        try
        {
            return await run();
        }
        catch (MatchingException ex)
        {
            await error.WriteLineAsync("error: " + OneLine(ex.Message));
            if (verbose)
            {
                await error.WriteLineAsync(Stack(ex));
            }

            return Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file or folder the command could not write or read: .NET's message names the path.
            await error.WriteLineAsync("error: " + OneLine(ex.Message));
            if (verbose)
            {
                await error.WriteLineAsync(Stack(ex));
            }

            return Failed;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled");
            return Failed;
        }
#pragma warning disable CA1031 // The one boundary that must catch everything: no stack trace reaches an operator.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"error: unexpected {ex.GetType().Name}: {OneLine(ex.Message)} (run with --verbose for details)");
            if (verbose)
            {
                await error.WriteLineAsync(Stack(ex));
            }

            return Unexpected;
        }
    }
}
