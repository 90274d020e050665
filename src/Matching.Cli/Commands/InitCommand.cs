using System.CommandLine;

namespace Matching.Cli.Commands;

/// <summary><c>matching init</c>: create or upgrade the schema; running it again changes nothing.</summary>
internal static class InitCommand
{
    public static Command Create(CommandGuard guard)
    {
        var command = new Command("init", "Create or upgrade the database schema (idempotent)");
        command.SetAction((parse, ct) => guard(parse, RunAsync, ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var store = await context.OpenStoreForInitAsync(cancellationToken);
        var (from, to) = await store.InitAsync(cancellationToken);
        await context.Out.WriteLineAsync(from == to
            ? $"schema is up to date (version {to})"
            : from == 0 ? $"schema created (version {to})" : $"schema upgraded from version {from} to {to}");
        return CliApp.Ok;
    }
}
