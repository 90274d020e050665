using Matching.Cli.Linkage;
using Matching.Cli.Reports;
using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Ingest;
using Matching.Ingest.Coverage;
using Matching.Ingest.LowIncome;
using Matching.Storage;
using Matching.Cli.Localization;

namespace Matching.Cli.Imports;

/// <summary>What <c>matching lowincome import</c> did with one file.</summary>
/// <param name="BatchId">The new batch, or the last one when the file was identical to it.</param>
/// <param name="Identical">The file was the last snapshot's bytes: nothing done.</param>
/// <param name="Read">What the file held (null when identical).</param>
/// <param name="Households">Active households afterwards.</param>
/// <param name="Members">Active members afterwards.</param>
/// <param name="Report">The reject report written, if any.</param>
/// <param name="Last">The last snapshot before this one, if any.</param>
internal sealed record LowIncomeImportOutcome(
    long BatchId, bool Identical, LowIncomeReadResult? Read, long Households, long Members, string? Report, BatchRecord? Last)
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
                return new LowIncomeImportOutcome(last.BatchId, true, null, 0, 0, null, last);
            }

            LowIncomeReadResult read;
            IReadOnlyList<RuleGap> gaps;
            using (var table = SourceTable.Open(file, config.HeaderMaps.Get(SourceCodes.LowIncome), config.Limits))
            using (var progress = new Progress.ProgressLine(progressOut, Text.Format("ProgressLowIncome", Path.GetFileName(file))))
            {
                table.Progress = progress.Report;
                read = new LowIncomeReader(table.Map, config.Limits).Read(table);
                gaps = RuleCoverage.Check(RuleCoverage.Needs(config.Rules, table.Map), table, read.Fill, config.Limits.MaxEmptyShare);
            }

            var (_, active) = await store.Population.CountActiveAsync(cancellationToken);
            var loaded = read.Snapshot.Members.Count;
            if (!acceptShrink && ShrinkGuard.Check(loaded, loaded, active, active, config.Limits.MinShareOfCurrent, Text.Get("ShrinkMembers")) is { } shrink)
            {
                throw new ImportRefusedException(
                    Text.Format("ErrShrinkLowIncome", batch.FileName, shrink, last?.BatchId, last?.FileName));
            }

            // The report is written before anything is stored: a report that cannot be written stops the import whole.
            string? report = null;
            if (read.Rejected.Count > 0)
            {
                report = await RejectReportWorkbook.WriteAsync(
                    rejectsPath ?? Path.Combine(config.Settings.RejectsFolder, SourceCodes.LowIncome, Path.GetFileNameWithoutExtension(file) + ".rejects.xlsx"),
                    file, read.Rejected, [], cancellationToken);
            }

            // 重复救助 is checked on every import, not only at the next run, so that the operator sees it at once: on the
            // second core while this one stores the snapshot (1M persons: 0.45 s).
            var duplicateAid = Task.Run(() => DuplicateAid(read.Snapshot), cancellationToken);
            try
            {
                return await StoreAsync();
            }
            catch (Exception)
            {
                // The import failed: its count is not wanted, and what it ends with is observed, not left to the finalizer.
                _ = duplicateAid.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw;
            }

            async Task<LowIncomeImportOutcome> StoreAsync()
            {
                // Rows as they go to the database (households, then members), then the seconds of what is left: on a server
                // database the merge of the members from their staging table (the longer part there), and the commit.
                long batchId;
                var rows = (long)read.Snapshot.Households.Count + loaded;
                Progress.PhaseProgress? committing = null;
                using (var storing = new Progress.ProgressLine(progressOut, Text.Format("ProgressLowIncomeStoring", Path.GetFileName(file), Progress.ProgressLine.N0(read.Snapshot.Households.Count), Progress.ProgressLine.N0(loaded)), rows))
                {
                    try
                    {
                        batchId = await store.Population.ImportAsync(read.Snapshot, batch with { RejectReport = report, RuleGaps = RuleGap.ToJson(gaps) },
                            read.RowsRead, read.Rejected.Count, cancellationToken, stored =>
                            {
                                if (committing is not null)
                                {
                                    // The transaction started over after a transient fault: the phase line goes on.
                                    return;
                                }

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
                    }
                }

                var (households, members) = await store.Population.CountActiveAsync(cancellationToken);
                if (members <= config.Settings.Run.InMemoryLimit && PopulationImages.For(stores.Storage, config.Settings.Run) is { } images)
                {
                    // After the commit, from what was committed: `match` then reads the index in one go, not row by row.
                    await images.RebuildAsync(store, cancellationToken);
                }

                return new LowIncomeImportOutcome(batchId, false, read, households, members, report, last) { Gaps = gaps, DuplicateAid = duplicateAid };
            }
        }
        catch (Exception ex) when (ex is InputFileException or ImportRefusedException)
        {
            await AuditAsync(store, batch, ex.Message, cancellationToken);
            throw;
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
        return [.. engine.Evaluate(new RulePopulation(snapshot), [], BureauClock.Today(time)).GroupBy(w => w.Code).Select(g => (g.Key, g.Count()))];
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
