using Matching.Cli.Linkage;
using Matching.Cli.Reports;
using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Ingest;
using Matching.Ingest.Coverage;
using Matching.Ingest.LowIncome;
using Matching.Ingest.Tables;
using Matching.Storage;
using Matching.Cli.Localization;

namespace Matching.Cli.Imports;

/// <summary>What <c>matching lowincome import</c> did with one file.</summary>
/// <param name="BatchId">The new batch, or the last one when the file was identical to it.</param>
/// <param name="Identical">The file was the last snapshot's bytes: nothing done.</param>
/// <param name="Rows">The file's rows read, accepted and refused (zeros when identical).</param>
/// <param name="Households">Active households afterwards.</param>
/// <param name="Members">Active members afterwards.</param>
/// <param name="Report">The reject report written, if any.</param>
/// <param name="Last">The last snapshot before this one, if any.</param>
internal sealed record LowIncomeImportOutcome(
    long BatchId, bool Identical, (long Read, long Accepted, long Rejected) Rows, long Households, long Members, string? Report, BatchRecord? Last)
{
    /// <summary>Fields the enabled rules need that the file lacks or mostly leaves empty (none when identical).</summary>
    public IReadOnlyList<RuleGap> Gaps { get; init; } = [];

    /// <summary>
    /// 重复救助 in this snapshot, per code of an enabled duplicate-aid rule: persons in two households or under
    /// categories that exclude each other (none when identical), counted on the second core while the snapshot was
    /// stored and awaited by whoever reports it, after the rest. The warnings themselves are stored by <c>run</c>.
    /// </summary>
    public Task<IReadOnlyList<(string Code, int Persons)>> DuplicateAid { get; init; } = Task.FromResult<IReadOnlyList<(string Code, int Persons)>>([]);
}

/// <summary>
/// Loads a full snapshot of the low-income population (<c>matching lowincome import</c>): the same bytes as the last
/// snapshot are a no-op; a file that would leave fewer than <c>ingest:minShareOfCurrent</c> of the active members
/// active (a partial export: one town, a cut-off file) is refused and audited unless accepted; otherwise everyone in
/// it is active afterwards and everyone else inactive, in one transaction. Fields the enabled rules need that the file
/// lacks or mostly leaves empty (家庭年收入 for RIGID_SPENDING) are found as it is read and stored with the batch.
/// </summary>
internal sealed class LowIncomeImport(BureauConfig config, Stores stores, TimeProvider time, TextWriter progressOut)
{
    public async Task<LowIncomeImportOutcome> ImportAsync(string file, string? rejectsPath, bool acceptShrink, CancellationToken cancellationToken)
    {
        // The rules are read before anything is stored: a broken rules file must refuse the import, not follow it.
        _ = config.Rules;
        await using var store = await stores.OpenAsync(cancellationToken);
        await store.RequireSchemaAsync(cancellationToken);
        var batch = new BatchInfo
        {
            Kind = SourceCodes.LowIncome,
            FileName = Path.GetFileName(file),
            Sha256 = string.Empty,
            SizeBytes = 0,
            Operator = CliContext.Operator,
            ImportedAt = time.GetUtcNow(),
        };
        try
        {
            var (sha, size) = await FileFingerprint.OfAsync(file, config.Limits, cancellationToken);
            batch = batch with { Sha256 = sha, SizeBytes = size };
            var last = await store.Batches.LastLowIncomeAsync(cancellationToken);
            if (last is not null && last.Sha256 == sha)
            {
                return new LowIncomeImportOutcome(last.BatchId, true, default, 0, 0, null, last);
            }

            // The snapshot read (every member: 1M persons are 2.8M objects, 180 MB) is garbage once stored, and is
            // collected before the index is read back, not kept under it. The rest runs on a fresh stack: continued
            // inline, it would run under the finished storing's frames, which still hold the snapshot (the thread
            // that ran them only has to return, long done by the collection below).
            var stored = await ReadAndStoreAsync(store, file, batch, last, rejectsPath, acceptShrink, cancellationToken);
            await Task.Yield();
            var checkpoint = Task.Run(() => store.CheckpointAsync(cancellationToken), CancellationToken.None);
            try
            {
                if (PopulationImages.For(stores.Storage, config.Settings.Run) is { } images)
                {
                    // The run's image is of the snapshot before: it goes now, not when the next run replaces it.
                    images.DeleteRules(store);
                    if (stored.Members <= config.Settings.Run.InMemoryLimit)
                    {
                        // After the commit, from what was committed: `match` then reads the index in one go, not row by row.
                        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                        await images.RebuildAsync(store, cancellationToken);
                    }
                }
            }
            catch (Exception)
            {
                _ = stored.DuplicateAid.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw;
            }
            finally
            {
                await CheckpointedAsync(checkpoint);
            }

            return stored;
        }
        catch (Exception ex) when (ex is InputFileException or ImportRefusedException)
        {
            await AuditAsync(store, batch, ex.Message, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// Reads the file and stores its snapshot in one transaction; what is left of them when this returns is counts.
    /// </summary>
    private async Task<LowIncomeImportOutcome> ReadAndStoreAsync(
        MatchingStore store, string file, BatchInfo batch, BatchRecord? last, string? rejectsPath, bool acceptShrink, CancellationToken cancellationToken)
    {
        // The file is read on the second core while this one stores its members as they come (LowIncomeFeed): 1M
        // persons into SQLite, 13.0 -> 10.3 s (9.8 s with the checkpoint beside the image, below). The checks that
        // need the whole file (the shrink guard, the reject report) are made at its end, before the commit: a
        // refusal, or a report that cannot be written, rolls it all back.
        // A spreadsheet reads several times slower than a CSV file, and SQLite's write lock is held from the
        // transaction's start: its members are stored once it is read whole (as on a server database), so that
        // the worker's lease and other imports do not wait out the read.
        var (_, active) = await store.Population.CountActiveAsync(cancellationToken);
        var feed = new LowIncomeFeed();
        var table = SourceTable.Open(file, config.HeaderMaps.Get(SourceCodes.LowIncome), config.Limits);
        var streamed = table.Reader is CsvTableReader;
        var reading = Task.Run(() => ReadAsync(table, feed, active, acceptShrink, rejectsPath, file, batch.FileName, last, cancellationToken), CancellationToken.None);
        long batchId;
        try
        {
            if (!streamed)
            {
                await reading;
            }

            batchId = await StoreAsync(store, feed, batch, file, cancellationToken);
        }
        catch (Exception)
        {
            // The read stops at its next few thousand rows; what it failed with, if it did, is what the store threw.
            feed.Abandon();
            try
            {
                var (_, _, duplicates) = await reading;
                _ = duplicates.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
            catch (Exception)
            {
                // Reported by the store.
            }

            throw;
        }

        // Everyone in the snapshot is active now, and no one else.
        var (read, gaps, duplicateAid) = await reading;
        var snapshot = read.Snapshot;
        var report = (await feed.Ended).RejectReport;
        return new LowIncomeImportOutcome(batchId, false, (read.RowsRead, snapshot.Members.Count, read.Rejected.Count),
            snapshot.Households.Count, snapshot.Members.Count, report, last) { Gaps = gaps, DuplicateAid = duplicateAid };
    }

    /// <summary>
    /// On the second core: reads the file into <paramref name="feed"/>, member by member, then checks it whole (the
    /// rules' fields, the shrink guard), writes its reject report and ends the feed; or fails the feed with what went
    /// wrong. Then counts 重复救助 on this core while the other commits (1M persons: 0.45 s).
    /// </summary>
    private async Task<(LowIncomeReadResult Read, IReadOnlyList<RuleGap> Gaps, Task<IReadOnlyList<(string Code, int Persons)>> DuplicateAid)> ReadAsync(
        SourceTable table, LowIncomeFeed feed, long active, bool acceptShrink, string? rejectsPath, string file, string fileName, BatchRecord? last,
        CancellationToken cancellationToken)
    {
        try
        {
            LowIncomeReadResult read;
            IReadOnlyList<RuleGap> gaps;
            using (table)
            using (var progress = new Progress.ProgressLine(progressOut, Text.Format("ProgressLowIncome", fileName)))
            {
                table.Progress = progress.Report;
                read = new LowIncomeReader(table.Map, config.Limits).Read(table, feed.Add);
                gaps = RuleCoverage.Check(RuleCoverage.Needs(config.Rules, table.Map), table, read.Fill, config.Limits.MaxEmptyShare);
            }

            var loaded = read.Snapshot.Members.Count;
            if (!acceptShrink && ShrinkGuard.Check(loaded, loaded, active, active, config.Limits.MinShareOfCurrent, Text.Get("ShrinkMembers")) is { } shrink)
            {
                throw new ImportRefusedException(Text.Format("ErrShrinkLowIncome", fileName, shrink, last?.BatchId, last?.FileName));
            }

            string? report = null;
            if (read.Rejected.Count > 0)
            {
                report = await RejectReportWorkbook.WriteAsync(
                    rejectsPath ?? Path.Combine(config.Settings.RejectsFolder, SourceCodes.LowIncome, Path.GetFileNameWithoutExtension(file) + ".rejects.xlsx"),
                    file, read.Rejected, [], cancellationToken);
            }

            feed.End(new LowIncomeFeedEnd(read.Snapshot, read.RowsRead, read.Rejected.Count) { RejectReport = report, RuleGaps = RuleGap.ToJson(gaps) });
            return (read, gaps, Task.Run(() => DuplicateAid(read.Snapshot), cancellationToken));
        }
        catch (Exception ex)
        {
            feed.Fail(ex);
            throw;
        }
    }

    /// <summary>
    /// Stores the feed as it comes. Progress: the reading line while the file is read, then the rows as they go to
    /// the database (households and members; into SQLite most members are there by then), then the seconds of what is
    /// left: on a server database the merge of the members from their staging table (the longer part there), into
    /// SQLite the ID index; and the commit.
    /// </summary>
    private async Task<long> StoreAsync(MatchingStore store, LowIncomeFeed feed, BatchInfo batch, string file, CancellationToken cancellationToken)
    {
        Progress.ProgressLine? storing = null;
        Progress.PhaseProgress? committing = null;
        try
        {
            return await store.Population.ImportAsync(feed, batch, cancellationToken, stored =>
            {
                if (committing is not null || !feed.Ended.IsCompletedSuccessfully)
                {
                    // Still reading (its own line shows it), or the transaction started over after a transient fault.
                    return;
                }

                var snapshot = feed.Ended.Result.Snapshot;
                var rows = (long)snapshot.Households.Count + snapshot.Members.Count;
                storing ??= new Progress.ProgressLine(progressOut, Text.Format("ProgressLowIncomeStoring", Path.GetFileName(file),
                    Progress.ProgressLine.N0(snapshot.Households.Count), Progress.ProgressLine.N0(snapshot.Members.Count)), rows, from: stored);
                storing.Report(stored);
                if (stored == rows)
                {
                    storing.Dispose();
                    committing = new Progress.PhaseProgress(progressOut, time, Text.Format("ProgressLowIncomeCommitting", Path.GetFileName(file)));
                }
            });
        }
        finally
        {
            committing?.Dispose();
            storing?.Dispose();
        }
    }

    /// <summary>
    /// Waits for the checkpoint after the import. Whatever it failed with is not the import's failure (the import is
    /// committed) and must not hide one from the image beside it: the log is copied when the connection closes instead.
    /// </summary>
    private static async Task CheckpointedAsync(Task checkpoint)
    {
        try
        {
            await checkpoint;
        }
        catch (Exception)
        {
            // Left to the connection's close.
        }
    }

    private IReadOnlyList<(string Code, int Persons)> DuplicateAid(LowIncomeSnapshot snapshot)
    {
        var ruleSet = config.Rules;
        var rules = ruleSet.Rules.Where(r => r.Shape == RuleShape.DuplicateAid).ToList();
        if (rules.Count == 0)
        {
            return [];
        }

        var engine = new RuleEngine(ruleSet with { Rules = rules }, new Dictionary<string, RuleDepartment>(StringComparer.Ordinal));
        return [.. engine.Evaluate(new RulePopulation(DuplicateAidCandidates.Of(snapshot, rules)), [], BureauClock.Today(time)).GroupBy(w => w.Code).Select(g => (g.Key, g.Count()))];
    }

    private static async Task AuditAsync(MatchingStore store, BatchInfo attempt, string error, CancellationToken cancellationToken)
    {
        try
        {
            await store.Batches.RecordRefusedAttemptAsync(attempt, error, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // The operator sees the file's error; the audit row is the lesser loss.
        }
    }
}
