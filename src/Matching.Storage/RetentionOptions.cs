using Matching.Storage.Localization;
namespace Matching.Storage;

/// <summary>
/// How long personal data is kept (the <c>retention</c> section of <c>matching.json</c>); <c>matching purge</c>
/// deletes what is past it. A null value keeps that kind of data for ever. PIPL: personal information is deleted
/// once its purpose is met; a superseded extract's rows are not read by any run, only kept for review.
/// </summary>
public sealed record RetentionOptions
{
    /// <value>
    /// Years a department list's stored rows are kept after its batch was superseded by a newer list or withdrawn
    /// (a ledger's batch too, once withdrawn). Default 5. The batch row itself (file name, hash, counts, who and
    /// when) stays, marked purged. A ledger's events are kept as its header map says (<c>ledger.retentionMonths</c>).
    /// </value>
    public int? SourceRecordsYears { get; init; } = 5;

    /// <value>Days a reject report (in <c>rejectsFolder</c>) is kept after it was written. Default 365.</value>
    public int? RejectReportsDays { get; init; } = 365;

    /// <value>Years an access-audit record is kept. Default 5.</value>
    public int? AuditYears { get; init; } = 5;

    /// <value>Whether the worker's nightly job purges after its export. Default false.</value>
    public bool Nightly { get; init; }

    /// <summary>Every problem with these settings, each naming its setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (SourceRecordsYears is < 1)
        {
            yield return Text.Format("RetentionSource", SourceRecordsYears);
        }

        if (RejectReportsDays is < 1)
        {
            yield return Text.Format("RetentionReports", RejectReportsDays);
        }

        if (AuditYears is < 1)
        {
            yield return Text.Format("RetentionAudit", AuditYears);
        }
    }
}
