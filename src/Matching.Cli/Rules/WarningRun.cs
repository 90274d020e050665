using System.Diagnostics;
using System.Globalization;
using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Core.Linkage;
using Matching.Core.Rules;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Matching.Cli.Linkage;
using Matching.Cli.Localization;

namespace Matching.Cli.Rules;

/// <summary>What one run did: its id, the batches it used, how many records, and the counts per code.</summary>
internal sealed record WarningRunResult(long RunId, DateOnly AsOf, IReadOnlyList<BatchRecord> Batches, long Records, IReadOnlyList<RunCount> Counts, TimeSpan Elapsed)
{
    /// <summary>What the batches it used could not give the rules, as found at their import (the low-income snapshot's first).</summary>
    public IReadOnlyList<BatchGap> Gaps { get; init; } = [];
}

/// <summary>
/// One run (<c>matching run</c>, and the nightly job): every counting batch — each snapshot department's current list
/// and each ledger department's events within the rules' window, each event once — streamed from the database,
/// matched against the current low-income database and judged by the rules as it passes (only running totals per
/// person are kept, never the records), then the warnings moved along their lifecycle in one transaction. A run
/// that fails is recorded as failed and changes no warning. One run at a time: the run lock (<see cref="RunLock"/>)
/// is held in the database for the whole run. Progress lines go to <c>progressOut</c> (the command's stderr, or the worker's).
/// </summary>
internal sealed class WarningRun(BureauConfig config, Stores stores, TimeProvider time, TextWriter progressOut)
{
    public async Task<WarningRunResult> RunAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var maps = config.HeaderMaps;
        var departments = Departments(maps);
        var engine = RulesFile.Compile(config.Rules, maps, departments, config.Settings.RulesFile);
        await using var store = await stores.OpenForRunAsync(cancellationToken);
        await store.RequireSchemaAsync(cancellationToken);
        var settings = config.Settings.Run;
        await using var held = await RunLock.AcquireAsync(stores.Storage, TimeSpan.FromSeconds(settings.LockTtlSeconds),
            TimeSpan.FromSeconds(settings.LockWaitSeconds), time, cancellationToken);
        var clock = Stopwatch.StartNew();
        var runId = await store.Runs.BeginAsync(asOf, CliContext.Operator, cancellationToken);
        var imageWritten = Task.CompletedTask;
        try
        {
            RulePopulation population;
            using (new Progress.PhaseProgress(progressOut, time, Text.Format("ProgressRunLoading", runId)))
            {
                // From its image when the snapshot has not changed since the last run (1M persons: ~2 s from SQLite),
                // else from the database, its image written on the other core while the first records are matched.
                if (PopulationImages.For(stores.Storage, config.Settings.Run) is { } images)
                {
                    (population, imageWritten) = await images.LoadRulePopulationImageAsideAsync(store, cancellationToken);
                }
                else
                {
                    population = await store.Population.LoadRulePopulationAsync(cancellationToken);
                }
            }

            if (population.Count == 0)
            {
                // Against an empty database every department record would look "not covered": refuse, do not warn.
                throw new MatchingException(Text.Get("ErrPopulationEmpty"));
            }
            var batches = await store.Batches.CountingAsync(maps.Ledgers, cancellationToken);
            if (batches.FirstOrDefault(b => b.Layout is null) is { } old)
            {
                throw new MatchingException(Text.Format("ErrLegacyBatch", old.BatchId, old.FileName));
            }

            // Phase boundaries of a batch process: what loading or matching left behind is collected before the next
            // phase's own peak stacks on it (measured at a million persons: 585 → 536 MB peak).
            GC.Collect();
            var run = engine.Begin(population, asOf);
            var records = await MatchAndJudgeAsync(store, engine, departments, batches, population, run, asOf, runId, cancellationToken);
            await imageWritten;

            // The records are matched: the index (its look-up table, the fallbacks' blocks) and the matching's buffers
            // go before the warnings are stored, whose own peak would stack on them.
            population.ReleaseIndex();

            IReadOnlyList<RunCount> counts;
            using (new Progress.PhaseProgress(progressOut, time, Text.Format("ProgressRunJudging", runId, Progress.ProgressLine.N0(records))))
            {
                var found = run.Finish();

                // Aggressive: the regions the index and the matching left are given back to the system now, and the
                // large objects compacted, rather than kept for the allocations ahead (the peak of a run with a year of
                // bills at a million persons: 491 -> 479-486 MB; a plain collection at the other boundaries is better).
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

                // The members grouped by household and sorted by ID (about half a second at a million persons), which
                // the rules after the record warnings need, on the core the writing leaves mostly idle: writing is
                // SQLite's, on one.
                // Not cancelled: the run's rules wait for it (a grouping that failed fails them with its error).
                var grouping = Task.Run(population.GroupHouseholds, CancellationToken.None);
                try
                {
                    counts = await store.Runs.CompleteAsync(runId, asOf, found, [.. batches.Select(b => b.BatchId)], records, cancellationToken);
                }
                finally
                {
                    await grouping.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }
            }

            var lowIncome = await store.Batches.LastLowIncomeAsync(cancellationToken);
            return new WarningRunResult(runId, asOf, batches, records, counts, clock.Elapsed) { Gaps = BatchGap.Of(lowIncome, batches) };
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
            await store.Runs.FailAsync(runId, why, CancellationToken.None);

            // An image still being written is let finish (or fail, which costs the next run a load) before the error goes up.
            await imageWritten.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// Streams every counting batch's records through the matcher into the rules (<see cref="RuleRun.Add"/>); returns
    /// how many. Two cores: one reads them from the store (<see cref="ReadAsync"/>), this one judges them as they come;
    /// each chunk is matched by the reading core when the judging one is behind, else by the judging one. Matched all on
    /// one side, that side was the slower: at a million records, matching on this core left the reading one idle a third
    /// of the time; on the reading core, this one idled two thirds.
    /// What matching needs lives in this method only, so that it is garbage once the records are in.
    /// </summary>
    private async Task<long> MatchAndJudgeAsync(MatchingStore store, RuleEngine engine, IReadOnlyDictionary<string, RuleDepartment> departments,
        IReadOnlyList<BatchRecord> batches, RulePopulation population, RuleRun run, DateOnly asOf, long runId, CancellationToken cancellationToken)
    {
        var matcher = new Matcher(population.Index);
        var chunks = new RecordChunks();
        long records = 0;
        using var matching = new Progress.ProgressLine(progressOut, Text.Format("ProgressRunMatching", runId));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => ReadAsync(store, engine, matcher, departments, batches, asOf, chunks, stop.Token), stop.Token);
        try
        {
            await foreach (var chunk in chunks.ReadAllAsync(cancellationToken))
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    run.Add(chunk.Record(i, matcher));
                }

                records += chunk.Count;
                chunks.Return(chunk);
                matching.Report(records);
            }

            await reader;
        }
        catch (Exception)
        {
            // The rules failed, the reader did (its error ends the chunks) or the run was cancelled: the reader
            // is stopped and waited for before the store is used again, and the first error is what counts.
            await stop.CancelAsync();
            await reader.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        return records;
    }

    /// <summary>
    /// Reads every counting batch's records from the store, in chunks handed to the side that judges them, and matches a
    /// chunk's records itself when that side is behind (<see cref="RecordChunks.JudgingBehind"/>): a ledger's only
    /// within the rules' window (<see cref="RuleEngine.WindowMonths"/>), each carrying the day its file was received.
    /// Completes <paramref name="chunks"/> when done, or with the error that stopped it.
    /// </summary>
    private async Task ReadAsync(MatchingStore store, RuleEngine engine, Matcher matcher, IReadOnlyDictionary<string, RuleDepartment> departments,
        IReadOnlyList<BatchRecord> batches, DateOnly asOf, RecordChunks chunks, CancellationToken cancellationToken)
    {
        try
        {
            var maps = config.HeaderMaps;
            var parsers = new Dictionary<string, CellParsers>(StringComparer.Ordinal);
            var chunk = await chunks.RentAsync(cancellationToken);
            Matcher? matchHere = null;
            foreach (var batch in batches)
            {
                var department = departments.TryGetValue(batch.Department!, out var known)
                    ? known
                    : new RuleDepartment(batch.Department!, batch.Department!, batch.Department!, DepartmentKind.Snapshot, RecordLayout.Empty);
                var ledger = department.Kind == DepartmentKind.Ledger;
                int? afterDay = ledger && engine.WindowMonths(department.Code) is { } months ? asOf.AddMonths(-months).DayNumber : null;
                DateOnly? received = ledger ? LocalDate(batch.ImportedAt) : null;
                var typedAsText = TypedAsText(maps, parsers, batch, department);
                await foreach (var stored in store.Batches.ReadRecordsAsync(batch, department.Layout, ledger, afterDay, cancellationToken))
                {
                    ToCodes(stored.Values, typedAsText);
                    stored.Values.CopyTo(chunk.NextValues);
                    chunk.Add(new RecordChunks.Read(department, batch.BatchId, stored.SourceRow, stored.RawId, stored.IdKey, stored.Name,
                        stored.BirthDate, received), matchHere);
                    if (chunk.IsFull)
                    {
                        // Decided before this chunk is written: once written, it waits in the ring until the judging side
                        // wakes for it, and would always read as a side behind.
                        matchHere = chunks.JudgingBehind ? matcher : null;
                        await chunks.WriteAsync(chunk, cancellationToken);
                        chunk = await chunks.RentAsync(cancellationToken);
                    }
                }
            }

            if (chunk.Count > 0)
            {
                await chunks.WriteAsync(chunk, cancellationToken);
            }

            chunks.Complete();
        }
        catch (Exception ex)
        {
            chunks.Complete(ex);
            throw;
        }
    }

    /// <summary>
    /// The code fields a batch stored as the text typed (imported before the field was coded, or rewritten from before
    /// schema v5), each with the vocabulary that reads it: their values are canonicalised as they are read (一级 → 1).
    /// </summary>
    private static (RecordField Field, Vocabulary Codes)[] TypedAsText(
        HeaderMapCatalog maps, Dictionary<string, CellParsers> parsers, BatchRecord batch, RuleDepartment department)
    {
        var stored = RecordLayout.Parse(batch.Layout);
        var fields = department.Layout.Fields
            .Where(f => f.Type == FieldType.Code && stored.TryGet(f.Name, out var was) && was.Type == FieldType.Text)
            .ToList();
        if (fields.Count == 0)
        {
            return [];
        }

        if (!parsers.TryGetValue(department.Code, out var cells))
        {
            parsers[department.Code] = cells = new CellParsers(maps.Get(department.Code), Ingest.Tables.IngestLimits.Default);
        }

        return [.. fields.Select(f => (f, cells.CodesOf(f.Name)))];
    }

    /// <summary>Text stored for a code field, as its code; text outside the vocabulary stays as it is (and matches no rule's codes).</summary>
    private static void ToCodes(RecordValues values, (RecordField Field, Vocabulary Codes)[] typedAsText)
    {
        foreach (var (field, codes) in typedAsText)
        {
            if (values.Text(field.Slot) is { } text && codes.TryRead(text, out var code))
            {
                values.SetText(field.Slot, code);
            }
        }
    }

    /// <summary>The bureau's date of a stored UTC time (a ledger file's day of receipt).</summary>
    private DateOnly LocalDate(string utc) =>
        StoredTime.Parse(utc) is { } at ? new BureauClock(time.LocalTimeZone).DateOf(at) : BureauClock.Today(time);

    /// <summary>The departments as the rules see them, from their header maps.</summary>
    public static IReadOnlyDictionary<string, RuleDepartment> Departments(HeaderMapCatalog maps) =>
        maps.Departments.Select(maps.Get).ToDictionary(
            m => m.Source,
            m => new RuleDepartment(m.Source, m.Label, m.Receiver, m.DepartmentKind, m.Layout())
            {
                EventDateField = m.Ledger?.DateField ?? string.Empty,
                Codes = m.Fields.Where(f => f.Value.Type == FieldType.Code).ToDictionary(
                    f => f.Key, f => m.GetVocabulary(m.VocabularyOf(f.Key)).Words, StringComparer.Ordinal),
            },
            StringComparer.Ordinal);
}
