using Matching.Cli.Localization;
using Matching.Core.Departments;
using Matching.Ingest.Coverage;
using Matching.Storage;

namespace Matching.Cli.Rules;

/// <summary>
/// A rule gap (<see cref="RuleGap"/>) of a batch in use: the current low-income snapshot, or a department batch a run
/// counts. <c>run</c>, <c>status</c>, the worker's log and the overview's 汇总 repeat them for as long as the batch is
/// in use: a rule held back by a file is never silent.
/// </summary>
internal sealed record BatchGap(long BatchId, string Source, string FileName, RuleGap Gap)
{
    /// <summary>For operators (stdout, the log), in their language: <c>批次 1（lowincome，lowincome.csv）：家庭年收入：文件中没有该列…</c>.</summary>
    public string Describe() => DisplayText.Escape(Text.Format("BatchGapLine", BatchId, Source, FileName, Gap.Describe()));

    /// <summary>For the overview's 汇总.</summary>
    public string DescribeChinese() => $"批次{BatchId}（{Source}，{FileName}）：{Gap.DescribeChinese()}";

    /// <summary>The gaps stored with <paramref name="lowIncome"/> and <paramref name="batches"/>, in that order.</summary>
    public static IReadOnlyList<BatchGap> Of(BatchRecord? lowIncome, IEnumerable<BatchRecord> batches)
    {
        var gaps = new List<BatchGap>();
        foreach (var batch in (lowIncome is null ? [] : new[] { lowIncome }).Concat(batches))
        {
            var source = batch.IsLowIncome ? SourceCodes.LowIncome : batch.Department ?? string.Empty;
            gaps.AddRange(RuleGap.FromJson(batch.RuleGaps).Select(g => new BatchGap(batch.BatchId, source, batch.FileName, g)));
        }

        return gaps;
    }

    /// <summary>The gaps of the batches in use now: the last low-income snapshot and every counting department batch.</summary>
    public static async Task<IReadOnlyList<BatchGap>> InUseAsync(MatchingStore store, IReadOnlySet<string> ledgers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var lowIncome = await store.Batches.LastLowIncomeAsync(cancellationToken);
        return Of(lowIncome, await store.Batches.CountingAsync(ledgers, cancellationToken));
    }

    /// <summary>What the batches in use could not give the rules, one line each, under a heading (nothing when they gave everything): <c>run</c> and <c>status</c>.</summary>
    public static async Task WriteAsync(TextWriter write, IReadOnlyList<BatchGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(gaps);
        if (gaps.Count == 0)
        {
            return;
        }

        await write.WriteLineAsync(Text.Format("RunGaps", gaps.Count));
        foreach (var gap in gaps)
        {
            await write.WriteLineAsync("  " + gap.Describe());
        }
    }
}
