using System.Diagnostics;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Core.Matching;
using Matching.Core.Rules;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;

namespace Matching.Cli.Rules;

/// <summary>What one run did: its id, the batches it used, how many records, and the counts per code.</summary>
internal sealed record WarningRunResult(long RunId, DateOnly AsOf, IReadOnlyList<CurrentBatch> Batches, long Records, IReadOnlyList<RunCount> Counts, TimeSpan Elapsed);

/// <summary>
/// One run (<c>matching run</c>): every department's current batch — the pending ones and those earlier runs used —
/// matched against the current low-income database, the rules evaluated household by household, and the warnings
/// moved along their lifecycle, in one transaction. A run that fails is recorded as failed and changes no warning.
/// One run at a time: the run lock (<see cref="RunLock"/>) is held in the database for the whole run.
/// </summary>
internal static class WarningRun
{
    public static async Task<WarningRunResult> RunAsync(CliContext context, DateOnly asOf, CancellationToken cancellationToken)
    {
        var engine = new RuleEngine(context.Rules, Departments(context.HeaderMaps));
        await using var store = await context.OpenStoreAsync(cancellationToken);
        await store.RequireSchemaAsync(cancellationToken);
        var run = context.Settings.Run;
        await using var held = await RunLock.AcquireAsync(context.Storage, TimeSpan.FromSeconds(run.LockTtlSeconds),
            TimeSpan.FromSeconds(run.LockWaitSeconds), context.Time, cancellationToken);
        var clock = Stopwatch.StartNew();
        var runId = await store.BeginRunAsync(asOf, CliContext.Operator, cancellationToken);
        try
        {
            var snapshot = await store.LoadLowIncomeAsync(cancellationToken);
            if (snapshot.Members.Count == 0)
            {
                // Against an empty database every department record would look "not covered": refuse, do not warn.
                throw new MatchingException("the low-income database is empty: load it first (`matching lowincome import <file>`); nothing was evaluated");
            }

            var population = new RulePopulation(snapshot);
            var batches = await store.CurrentBatchesAsync(cancellationToken);
            var records = new List<RuleRecord>();
            var matcher = new Matcher(population.Index);
            using (var progress = new Progress.ProgressLine(context, $"run {runId}: matching"))
            {
                foreach (var batch in batches)
                {
                    foreach (var stored in await store.SourceRecordsAsync(batch.BatchId, cancellationToken))
                    {
                        records.Add(Match(matcher, batch, stored));
                        progress.Report(records.Count);
                    }
                }
            }

            var found = engine.Evaluate(population, records, asOf);
            var counts = await store.CompleteRunAsync(runId, asOf, found, [.. batches.Select(b => b.BatchId)], records.Count, cancellationToken);
            return new WarningRunResult(runId, asOf, batches, records.Count, counts, clock.Elapsed);
        }
        catch (Exception ex)
        {
            // Whatever stopped it, the run is on record as failed (the message of a MatchingException masks IDs;
            // for anything else only its type is kept) and its batches stay pending.
            var why = ex switch
            {
                MatchingException => ex.Message,
                OperationCanceledException => "cancelled",
                _ => "unexpected " + ex.GetType().Name,
            };
            await store.FailRunAsync(runId, why, CancellationToken.None);
            throw;
        }
    }

    /// <summary>A stored record matched again: the ID as typed (rebuilt from its key when it was canonical), name and birth date.</summary>
    private static RuleRecord Match(Matcher matcher, CurrentBatch batch, StoredSourceRecord stored)
    {
        var rawId = stored.RawId ?? (stored.IdKey is { } key ? IdNumber.FromKey(key).Value : string.Empty);
        var birth = stored.Fields.TryGetValue(HeaderMap.BirthDateField, out var b) ? b : string.Empty;
        var result = matcher.Match(rawId, stored.Name, birth);
        return new RuleRecord(batch.Department, batch.BatchId, stored.SourceRow, rawId, stored.Name, result, stored.Fields);
    }

    public static IReadOnlyDictionary<string, RuleDepartment> Departments(HeaderMapCatalog maps) =>
        maps.Departments.Select(maps.Get).ToDictionary(
            m => m.Source,
            m => new RuleDepartment(m.Source, m.Label, m.Receiver,
                m.Fields.Where(f => f.Value.Headers.Count > 0).ToDictionary(f => f.Key, f => f.Value.Headers[0], StringComparer.Ordinal)),
            StringComparer.Ordinal);
}
