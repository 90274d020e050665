using Dapper;
using Matching.Core.Rules;
using Matching.Core.Tables;
using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// The warnings (<c>warning</c>) and their history (<c>warning_event</c>): the lists a workbook, <c>show</c> or a test
/// reads, and the departments' answers recorded on them (dispositions).
/// </summary>
public sealed partial class WarningStore
{
    private static readonly string WarningColumns = $"""
        SELECT warning_id AS WarningId, code AS Code, subject AS Subject, receiver AS Receiver, label AS Label, measure AS Measure,
               id_number AS IdText, name AS Name, household_id AS HouseholdId, subdistrict AS Subdistrict, village AS Village,
               categories AS Categories, department AS Department, method AS Method, detail AS Detail, source_row AS SourceRow,
               {WarningStatusSql.Column} AS Status, first_date AS FirstDate, resolved_date AS ResolvedDate, disposition AS Disposition,
               disposition_date AS DispositionDate
        FROM warning
        """;

    private readonly StoreContext _db;
    private readonly ISqlDialect _dialect;
    private readonly AccessStore _access;

    internal WarningStore(StoreContext db, AccessStore access)
    {
        _db = db;
        _dialect = db.Dialect;
        _access = access;
    }

    /// <summary>
    /// Warnings in workbook order (receiver, code, town, household, ID): all of them, or one receiver's;
    /// only the open ones (新增, 持续) when <paramref name="openOnly"/>; only those first raised on or after <paramref name="since"/>
    /// (a test hook, internal: <see cref="StreamAsync"/> collected; a workbook streams them).
    /// </summary>
    internal async Task<IReadOnlyList<StoredWarning>> ListAsync(string? receiver, bool openOnly, DateOnly? since, CancellationToken cancellationToken) =>
        await StreamAsync(receiver, openOnly, since, cancellationToken).ToListAsync(cancellationToken);

    /// <summary>
    /// The warnings <see cref="ListAsync"/> lists, streamed row by row from the database (a workbook of any size is
    /// written without holding its rows).
    /// </summary>
    public async IAsyncEnumerable<StoredWarning> StreamAsync(
        string? receiver, bool openOnly, DateOnly? since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var sql = $"""
            {WarningColumns}
            WHERE (@receiver IS NULL OR receiver = @receiver)
              AND (@openOnly = 0 OR {WarningStatusSql.IsOpen})
              AND (@since IS NULL OR first_date >= @since)
            ORDER BY receiver, code, subdistrict, household_id, id_number, warning_id
            """;
        var rows = _db.Connection.QueryUnbufferedAsync<StoredWarning>(sql,
            WarningStatusSql.With(new { receiver, openOnly = openOnly ? 1 : 0, since = since is { } day ? StoredDate.Format(day) : null }));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// How many of the warnings <see cref="StreamAsync"/> lists have each status, and how many of those carry a
    /// department's answer: the title of a workbook, written before its rows.
    /// </summary>
    public async Task<IReadOnlyList<(WarningStatus Status, long Count, long Answered)>> CountsAsync(
        string? receiver, bool openOnly, DateOnly? since, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var rows = await _db.Connection.QueryAsync<(string Status, long Count, long Answered)>(new CommandDefinition(
            $"""
            SELECT status AS Status, CAST(COUNT(*) AS BIGINT) AS Count,
                   CAST(COALESCE(SUM(CASE WHEN disposition IS NULL THEN 0 ELSE 1 END), 0) AS BIGINT) AS Answered
            FROM warning
            WHERE (@receiver IS NULL OR receiver = @receiver)
              AND (@openOnly = 0 OR {WarningStatusSql.IsOpen})
              AND (@since IS NULL OR first_date >= @since)
            GROUP BY status
            """,
            WarningStatusSql.With(new { receiver, openOnly = openOnly ? 1 : 0, since = since is { } day ? StoredDate.Format(day) : null }),
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => (WarningStatusText.Parse(r.Status), r.Count, r.Answered)).OrderBy(r => r.Item1)];
    }

    /// <summary>Every warning about a person (by canonical ID) or their household, oldest first.</summary>
    public async Task<IReadOnlyList<StoredWarning>> AboutAsync(string idNumber, IReadOnlyList<string> householdIds, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        return [.. await _db.Connection.QueryAsync<StoredWarning>(new CommandDefinition(
            $"{WarningColumns} WHERE subject = @idNumber OR id_number = @idNumber OR {_dialect.AnyOf("household_id", "@householdIds")} ORDER BY first_date, warning_id",
            WarningStatusSql.With(new { idNumber, householdIds }), cancellationToken: cancellationToken))];
    }

    /// <summary>One warning by its number (预警编号), whoever its subject: also one whose ID no fallback could resolve.</summary>
    public async Task<StoredWarning?> ByIdAsync(long warningId, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        return await _db.Connection.QuerySingleOrDefaultAsync<StoredWarning>(new CommandDefinition(
            $"{WarningColumns} WHERE warning_id = @warningId", WarningStatusSql.With(new { warningId }), cancellationToken: cancellationToken));
    }

    /// <summary>The history of the given warnings, in order.</summary>
    public async Task<IReadOnlyList<WarningEvent>> EventsAsync(IReadOnlyList<long> warningIds, CancellationToken cancellationToken) =>
        [.. (await _db.Connection.QueryAsync<(long WarningId, long? RunId, string At, string Status, string Note)>(new CommandDefinition(
            $"SELECT warning_id, run_id, at, status, note FROM warning_event WHERE {_dialect.AnyOf("warning_id", "@warningIds")} ORDER BY at, event_id",
            new { warningIds }, cancellationToken: cancellationToken)))
            .Select(e => new WarningEvent(e.WarningId, e.RunId, e.At, WarningStatusText.Parse(e.Status), e.Note))];
}
