using System.CommandLine;
using Matching.Cli.Localization;
using Matching.Core.Departments;
using Matching.Ingest.Departments;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary><c>matching init</c>: create or upgrade the schema; running it again changes nothing.</summary>
internal static class InitCommand
{
    public static Command Create(CommandGuard guard)
    {
        var command = new Command("init", Text.Get("HelpInit_command"));
        command.SetAction((parse, ct) => guard(parse, RunAsync, ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var store = await context.OpenStoreForInitAsync(cancellationToken);
        var (from, to) = await store.InitAsync(cancellationToken);
        await context.Out.WriteLineAsync(from == to
            ? Text.Format("InitUpToDate", to)
            : from == 0 ? Text.Format("InitCreated", to) : Text.Format("InitUpgraded", from, to));
        await UpgradeLegacyAsync(context, store, cancellationToken);
        return CliApp.Ok;
    }

    /// <summary>
    /// Department batches stored before schema v5 keep their fields as JSON: rewritten in typed columns as their
    /// department's header map lays them out, and a ledger's events counted once across its batches (every batch of a
    /// ledger department counts from now on, the ones a newer file had superseded too: events sent twice count once).
    /// </summary>
    private static async Task UpgradeLegacyAsync(CliContext context, MatchingStore store, CancellationToken cancellationToken)
    {
        var maps = context.HeaderMaps;
        var known = maps.Departments.ToHashSet(StringComparer.Ordinal);
        var (batches, dropped) = await store.Batches.UpgradeLegacyAsync(department =>
        {
            if (!known.Contains(department))
            {
                return null;
            }

            var map = maps.Get(department);

            // Coded fields are rewritten as the text they were typed as, like any batch stored before a field was coded:
            // a run reads such text through the field's vocabulary.
            var layout = RecordLayout.Of(map.Layout().Fields.Select(f => (f.Name, RecordLayout.StorageOf(f.Type), f.Label)));
            var keys = map.Kind == SourceKind.Ledger ? new EventKeyMaker(map, layout, hasRecordNumber: true) : null;
            return new LegacyDepartment(map.DepartmentKind, layout, keys is null ? null : keys.KeyOf);
        }, cancellationToken);
        if (batches > 0)
        {
            await context.Out.WriteLineAsync(Text.Format("InitRewritten", batches) + (dropped > 0 ? Text.Format("InitDropped", dropped) : string.Empty));
        }
    }
}
