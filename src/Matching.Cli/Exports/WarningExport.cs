using Matching.Cli.Rules;
using Matching.Core.Errors;
using Matching.Core.Rules;
using Matching.Export.Workbooks;
using Matching.Storage;
using Matching.Cli.Localization;

namespace Matching.Cli.Exports;

/// <summary>One workbook written by an export: where, for whom, how many warnings.</summary>
internal sealed record ExportedWorkbook(string Path, string Receiver, string ReceiverName, long Warnings, bool IsOverview = false, bool Masked = false);

/// <summary>
/// Writes the warning workbooks (<c>matching export</c>, and the nightly job's outbox): one per receiver of
/// <c>rules.json</c> with its open warnings (新增, 持续), even a receiver with nothing to act on, and the
/// civil-affairs overview with every warning and its status, its 汇总 also saying which rules the data in use holds back
/// (<see cref="BatchGap"/>). Rows stream from the database into each workbook; the counts in its title are one query
/// before them. IDs are masked in the workbooks <c>rules.json</c>'s <c>maskedWorkbooks</c> names (the overview by
/// default: supervisors read it, they do not act on a person), in all of them with <c>mask</c>, in none with
/// <c>fullIds</c>.
/// </summary>
internal sealed class WarningExport(BureauConfig config, Stores stores, TimeProvider time, TextWriter progressOut)
{
    public const string OverviewFile = "civil-affairs-overview.xlsx";

    /// <summary>
    /// Writes every receiver's workbook where <paramref name="pathOf"/> says and the overview at <paramref name="overview"/>;
    /// <paramref name="mask"/>: IDs masked in every workbook; <paramref name="fullIds"/>: whole IDs in every one, the
    /// <c>maskedWorkbooks</c> included.
    /// </summary>
    public async Task<IReadOnlyList<ExportedWorkbook>> ExportAsync(
        Func<string, string> pathOf, string overview, bool mask, DateOnly? since, CancellationToken cancellationToken, bool fullIds = false)
    {
        bool Masked(string workbook) => mask || (!fullIds && config.Rules.MaskedWorkbooks.Contains(workbook, StringComparer.Ordinal));

        ArgumentNullException.ThrowIfNull(pathOf);
        var receivers = config.Rules.Receivers;
        var departments = config.HeaderMaps.Sources.Select(config.HeaderMaps.Get).ToDictionary(m => m.Source, m => m.Label, StringComparer.Ordinal);
        var info = new WarningWorkbookInfo
        {
            Date = BureauClock.Today(time), Answers = config.Answers, Departments = departments, Receivers = receivers, Mask = mask,
        };
        var written = new List<ExportedWorkbook>();
        await using var store = await stores.OpenAsync(cancellationToken);
        await store.RequireSchemaAsync(cancellationToken);
        var path = overview;
        try
        {
            foreach (var (receiver, name) in receivers)
            {
                path = pathOf(receiver);
                var counts = await CountsAsync(store, receiver, openOnly: true, since, cancellationToken);
                using var progress = new Progress.ProgressLine(progressOut, Text.Format("ProgressExport", Path.GetFileName(path)), counts.Sum(c => c.Count));
                var count = await WarningWorkbook.WriteAsync(path, Reported(store.Warnings.StreamAsync(receiver, openOnly: true, since, cancellationToken), progress, cancellationToken),
                    info with { ReceiverName = name, Counts = counts, Mask = Masked(receiver) }, cancellationToken);
                written.Add(new ExportedWorkbook(path, receiver, name, count, Masked: Masked(receiver)));
            }

            path = overview;
            var civil = receivers.GetValueOrDefault("civil-affairs", "民政局");
            var heldBack = (await BatchGap.InUseAsync(store, config.HeaderMaps.Ledgers, cancellationToken)).Select(g => (g.Gap.Rule, g.DescribeChinese())).ToList();
            var allCounts = await CountsAsync(store, null, openOnly: false, since, cancellationToken);
            using var overviewProgress = new Progress.ProgressLine(progressOut, Text.Format("ProgressExport", Path.GetFileName(overview)), allCounts.Sum(c => c.Count));
            var all = await WarningWorkbook.WriteOverviewAsync(overview, Reported(store.Warnings.StreamAsync(null, openOnly: false, since, cancellationToken), overviewProgress, cancellationToken),
                info with { ReceiverName = civil, Counts = allCounts, HeldBack = heldBack, Mask = Masked(RuleSetOptions.Overview) },
                cancellationToken);
            written.Add(new ExportedWorkbook(overview, "civil-affairs", civil, all, IsOverview: true, Masked: Masked(RuleSetOptions.Overview)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MatchingException(Text.Format("ErrWorkbookNotWritten", path, ex.Message), ex);
        }

        return written;
    }

    /// <summary>The warnings as they stream into a workbook, counted on <paramref name="progress"/>.</summary>
    private static async IAsyncEnumerable<Core.Rules.StoredWarning> Reported(
        IAsyncEnumerable<Core.Rules.StoredWarning> warnings, Progress.ProgressLine progress, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long rows = 0;
        await foreach (var warning in warnings.WithCancellation(cancellationToken))
        {
            yield return warning;
            progress.Report(++rows);
        }
    }

    private static async Task<IReadOnlyList<StatusCount>> CountsAsync(MatchingStore store, string? receiver, bool openOnly, DateOnly? since, CancellationToken cancellationToken) =>
        [.. (await store.Warnings.CountsAsync(receiver, openOnly, since, cancellationToken)).Select(c => new StatusCount(c.Status, c.Count, c.Answered))];
}
