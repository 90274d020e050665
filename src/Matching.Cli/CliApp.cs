using System.CommandLine;
using Matching.Cli.Commands;
using Matching.Cli.Localization;
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
        // Help texts are read when the commands are built, so the language is taken from the arguments before that;
        // a --lang that names no language is refused below, once the arguments are parsed.
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = Text.CultureOf(LangOf(args) ?? Environment.GetEnvironmentVariable("MATCHING_LANG"));
        }
        catch (MatchingException)
        {
            System.Globalization.CultureInfo.CurrentUICulture = Text.Chinese;
        }

        var db = new Option<string?>("--db") { Description = Text.Get("HelpCliApp_db"), Recursive = true };
        var provider = new Option<string?>("--provider") { Description = Text.Get("HelpCliApp_provider"), Recursive = true };
        var headerMaps = new Option<string?>("--header-maps") { Description = Text.Get("HelpCliApp_headerMaps"), Recursive = true };
        var config = new Option<string?>("--config") { Description = Text.Get("HelpCliApp_config"), Recursive = true };
        var verbose = new Option<bool>("--verbose") { Description = Text.Get("HelpCliApp_verbose"), Recursive = true };
        var lang = new Option<string?>("--lang") { Description = Text.Get("HelpCliApp_lang"), Recursive = true };

        var root = new RootCommand(Text.Get("HelpCliApp_root"));
        foreach (var help in root.Options.OfType<System.CommandLine.Help.HelpOption>())
        {
            // System.CommandLine's own Chinese resources leave this one in English.
            help.Description = Text.Get("HelpHelpOption");
        }

        root.Options.Add(db);
        root.Options.Add(provider);
        root.Options.Add(headerMaps);
        root.Options.Add(config);
        root.Options.Add(verbose);
        root.Options.Add(lang);

        Func<ParseResult, CliContext> context = parse =>
        {
            var settings = MatchingSettings.Load(parse.GetValue(config) ?? Environment.GetEnvironmentVariable("MATCHING_CONFIG"));

            // For every file this command writes (in this async flow only: tests run commands side by side).
            AtomicFile.Options = settings.Output;
            return new CliContext(
                output, error, new Worker.ZonedTimeProvider(time, settings.Worker.Zone),
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
        root.Subcommands.Add(DoctorCommand.Create(guard));
        root.Subcommands.Add(MatchCommand.Create(guard));
        root.Subcommands.Add(IdCommand.Create(guard));
        root.Subcommands.Add(DemoCommand.Create(guard));
#if DEVELOPER_TOOLS
        root.Subcommands.Add(SampleCommand.Create(guard));
        root.Subcommands.Add(BenchCommand.Create(guard));
#endif
        root.Subcommands.Add(EvaluateCommand.Create(guard));
        root.Subcommands.Add(AuditCommand.Create(guard));
        root.Subcommands.Add(PurgeCommand.Create(guard));

        var parsed = root.Parse(args);
        try
        {
            // This command's language: it flows with its async calls only (commands side by side keep their own).
            System.Globalization.CultureInfo.CurrentUICulture = Text.CultureOf(parsed.GetValue(lang) ?? Environment.GetEnvironmentVariable("MATCHING_LANG"));
        }
        catch (MatchingException ex)
        {
            await error.WriteLineAsync("error: " + DisplayText.Escape(ex.Message));
            return Failed;
        }

        if (parsed.Action is System.CommandLine.Help.HelpAction)
        {
            DepartmentHelp.Describe(root, parsed.GetValue(headerMaps) ?? Environment.GetEnvironmentVariable("MATCHING_HEADER_MAPS") ?? HeaderMapCatalog.DefaultDirectory);

            // A hidden command (sample) stays out of the root's list, but its own --help must print it, not nothing.
            parsed.CommandResult.Command.Hidden = false;
        }

        // Help and parse errors in the operator's language, where System.CommandLine's own resources leave English.
        await using var helpOutput = new CommandLineWords(output);
        await using var helpError = new CommandLineWords(error);
        var invocation = new InvocationConfiguration { Output = helpOutput, Error = helpError, EnableDefaultExceptionHandler = false };
        if (parsed.CommandResult.Command.Name == "worker")
        {
            // The worker's host handles SIGTERM and Ctrl+C itself and lets a job in progress end (systemd waits
            // TimeoutStopSec); the command line's own handler would end the process 2 s after the signal.
            invocation.ProcessTerminationTimeout = null;
        }

        return await parsed.InvokeAsync(invocation);
    }

    /// <summary>The value of <c>--lang</c> among the arguments (<c>--lang en</c> or <c>--lang=en</c>), before they are parsed.</summary>
    private static string? LangOf(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--lang=", StringComparison.Ordinal) || args[i].StartsWith("--lang:", StringComparison.Ordinal))
            {
                return args[i]["--lang=".Length..];
            }
        }

        return null;
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
            await error.WriteLineAsync(Localization.Text.Get("ErrorPrefix") + OneLine(ex.Message));
            if (verbose)
            {
                await error.WriteLineAsync(Stack(ex));
            }

            return Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file or folder the command could not write or read: .NET's message names the path.
            await error.WriteLineAsync(Localization.Text.Get("ErrorPrefix") + OneLine(ex.Message));
            if (verbose)
            {
                await error.WriteLineAsync(Stack(ex));
            }

            return Failed;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync(Localization.Text.Get("ErrorPrefix") + Localization.Text.Get("Cancelled"));
            return Failed;
        }
#pragma warning disable CA1031 // The one boundary that must catch everything: no stack trace reaches an operator.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync(Localization.Text.Get("ErrorPrefix") + Localization.Text.Format("Unexpected", ex.GetType().Name, OneLine(ex.Message)));
            if (verbose)
            {
                await error.WriteLineAsync(Stack(ex));
            }

            return Unexpected;
        }
    }
}
