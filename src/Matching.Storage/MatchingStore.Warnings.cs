using System.Data.Common;
using System.Globalization;
using Dapper;
using Matching.Core.Rules;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    private static readonly string WarningColumns = $"""
        SELECT warning_id AS WarningId, code AS Code, subject AS Subject, receiver AS Receiver, label AS Label, measure AS Measure,
               id_number AS IdText, name AS Name, household_id AS HouseholdId, subdistrict AS Subdistrict, village AS Village,
               categories AS Categories, department AS Department, method AS Method, detail AS Detail, source_row AS SourceRow,
               {WarningStatusSql.Column} AS Status, first_date AS FirstDate, resolved_date AS ResolvedDate, disposition AS Disposition,
               disposition_date AS DispositionDate
        FROM warning
        """;

    /// <summary>
    /// Warnings in workbook order (receiver, code, town, household, ID): all of them, or one receiver's;
    /// only the open ones (新增, 持续) when <paramref name="openOnly"/>; only those first raised on or after <paramref name="since"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredWarning>> WarningsAsync(string? receiver, bool openOnly, DateOnly? since, CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var sql = $"""
            {WarningColumns}
            WHERE (@receiver IS NULL OR receiver = @receiver)
              AND (@openOnly = 0 OR {WarningStatusSql.IsOpen})
              AND (@since IS NULL OR first_date >= @since)
            ORDER BY receiver, code, subdistrict, household_id, id_number, warning_id
            """;
        return [.. await _connection.QueryAsync<StoredWarning>(new CommandDefinition(sql,
            WarningStatusSql.With(new { receiver, openOnly = openOnly ? 1 : 0, since = since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
            cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// The warnings <see cref="WarningsAsync"/> lists, streamed row by row from the database (a workbook of any size is
    /// written without holding its rows).
    /// </summary>
    public async IAsyncEnumerable<StoredWarning> StreamWarningsAsync(
        string? receiver, bool openOnly, DateOnly? since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var sql = $"""
            {WarningColumns}
            WHERE (@receiver IS NULL OR receiver = @receiver)
              AND (@openOnly = 0 OR {WarningStatusSql.IsOpen})
              AND (@since IS NULL OR first_date >= @since)
            ORDER BY receiver, code, subdistrict, household_id, id_number, warning_id
            """;
        var rows = _connection.QueryUnbufferedAsync<StoredWarning>(sql,
            WarningStatusSql.With(new { receiver, openOnly = openOnly ? 1 : 0, since = since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// How many of the warnings <see cref="StreamWarningsAsync"/> lists have each status, and how many of those carry a
    /// department's answer: the title of a workbook, written before its rows.
    /// </summary>
    public async Task<IReadOnlyList<(WarningStatus Status, long Count, long Answered)>> WarningCountsAsync(
        string? receiver, bool openOnly, DateOnly? since, CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var rows = await _connection.QueryAsync<(string Status, long Count, long Answered)>(new CommandDefinition(
            $"""
            SELECT status AS Status, CAST(COUNT(*) AS BIGINT) AS Count,
                   CAST(COALESCE(SUM(CASE WHEN disposition IS NULL THEN 0 ELSE 1 END), 0) AS BIGINT) AS Answered
            FROM warning
            WHERE (@receiver IS NULL OR receiver = @receiver)
              AND (@openOnly = 0 OR {WarningStatusSql.IsOpen})
              AND (@since IS NULL OR first_date >= @since)
            GROUP BY status
            """,
            WarningStatusSql.With(new { receiver, openOnly = openOnly ? 1 : 0, since = since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => (WarningStatusText.Parse(r.Status), r.Count, r.Answered)).OrderBy(r => r.Item1)];
    }

    /// <summary>Every warning about a person (by canonical ID) or their household, oldest first.</summary>
    public async Task<IReadOnlyList<StoredWarning>> WarningsAboutAsync(string idNumber, IReadOnlyList<string> householdIds, CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        return [.. await _connection.QueryAsync<StoredWarning>(new CommandDefinition(
            $"{WarningColumns} WHERE subject = @idNumber OR id_number = @idNumber OR {_dialect.AnyOf("household_id", "@householdIds")} ORDER BY first_date, warning_id",
            WarningStatusSql.With(new { idNumber, householdIds }), cancellationToken: cancellationToken))];
    }

    /// <summary>One warning by its number (预警编号), whoever its subject: also one whose ID no fallback could resolve.</summary>
    public async Task<StoredWarning?> WarningByIdAsync(long warningId, CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        return await _connection.QuerySingleOrDefaultAsync<StoredWarning>(new CommandDefinition(
            $"{WarningColumns} WHERE warning_id = @warningId", WarningStatusSql.With(new { warningId }), cancellationToken: cancellationToken));
    }

    /// <summary>The history of the given warnings, in order.</summary>
    public async Task<IReadOnlyList<WarningEvent>> WarningEventsAsync(IReadOnlyList<long> warningIds, CancellationToken cancellationToken) =>
        [.. (await _connection.QueryAsync<(long WarningId, long? RunId, string At, string Status, string Note)>(new CommandDefinition(
            $"SELECT warning_id, run_id, at, status, note FROM warning_event WHERE {_dialect.AnyOf("warning_id", "@warningIds")} ORDER BY at, event_id",
            new { warningIds }, cancellationToken: cancellationToken)))
            .Select(e => new WarningEvent(e.WarningId, e.RunId, e.At, WarningStatusText.Parse(e.Status), e.Note))];

    /// <summary>
    /// Records a department's answers in one transaction. An answer that closes (<see cref="Disposition.Closes"/>)
    /// makes an open warning of <paramref name="receiver"/> 已处理 (a resolved one keeps its status), its facts kept so
    /// that a later run raises it again only when they change; an answer that keeps it open is noted on it (a
    /// closed warning answered so is open again, 持续). Nothing is recorded when most numbers belong to another
    /// receiver (<see cref="DispositionResult.WrongReceiver"/>). Numbers of no warning of the receiver, and answers
    /// dated before the warning was (last) raised, are returned: an answer to an earlier round, such as an old
    /// workbook imported again after the facts changed, does not close the new one. A transient fault starts the
    /// transaction over.
    /// </summary>
    public Task<DispositionResult> RecordDispositionsAsync(string receiver, IReadOnlyList<Disposition> dispositions, CancellationToken cancellationToken) =>
        RecordDispositionsAsync(receiver, dispositions, access: null, cancellationToken);

    /// <summary>
    /// As above, and <paramref name="access"/> (its subject count set to the dispositions recorded) written to the
    /// access audit inside the same transaction: both or neither (nor when the numbers are another receiver's).
    /// </summary>
    public async Task<DispositionResult> RecordDispositionsAsync(
        string receiver, IReadOnlyList<Disposition> dispositions, AccessRecord? access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispositions);
        return await CommitAsync("feedback", "the feedback was rolled back", requireSchema: true, async (transaction, token) =>
        {
            var result = await WriteDispositionsAsync(receiver, dispositions, transaction, token);
            if (access is not null && result.WrongReceiver is null)
            {
                await InsertAccessAsync(access with { SubjectCount = result.Recorded }, transaction, token);
            }

            return result;
        }, cancellationToken);
    }

    private async Task<DispositionResult> WriteDispositionsAsync(string receiver, IReadOnlyList<Disposition> dispositions, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var current = (await _connection.QueryAsync<(long Id, WarningStatus Status, string? Disposition, string? Date, string FirstDate, string IdText)>(new CommandDefinition(
            $"SELECT warning_id, {WarningStatusSql.Column}, disposition, disposition_date, first_date, id_number FROM warning WHERE receiver = @receiver",
            WarningStatusSql.With(new { receiver }), transaction, cancellationToken: cancellationToken))).ToDictionary(w => w.Id);
        var missing = dispositions.Where(d => !current.ContainsKey(d.WarningId)).Select(d => d.WarningId).Distinct().ToList();
        var others = new Dictionary<long, string>();
        if (missing.Count > 0)
        {
            // A range, not a list: a list of thousands of parameters is beyond SQL Server's 2,100.
            foreach (var (id, other) in await _connection.QueryAsync<(long Id, string Receiver)>(new CommandDefinition(
                "SELECT warning_id, receiver FROM warning WHERE warning_id BETWEEN @min AND @max AND receiver <> @receiver",
                new { min = missing.Min(), max = missing.Max(), receiver }, transaction, cancellationToken: cancellationToken)))
            {
                others[id] = other;
            }
        }

        var foreign = missing.Where(others.ContainsKey).Select(id => (id, others[id])).ToList();
        var unknown = missing.Where(id => !others.ContainsKey(id)).ToList();
        var ours = dispositions.Count(d => current.ContainsKey(d.WarningId));
        if (foreign.Count > ours)
        {
            var most = foreign.GroupBy(f => f.Item2, StringComparer.Ordinal).OrderByDescending(g => g.Count()).First().Key;
            return new DispositionResult { Unknown = unknown, Foreign = foreign, WrongReceiver = most };
        }

        var before = new List<(long, string, string?)>();
        var otherPerson = new List<long>();
        int closed = 0, open = 0, unchanged = 0;
        foreach (var d in dispositions)
        {
            if (!current.TryGetValue(d.WarningId, out var w))
            {
                continue;
            }

            if (d.IdText is { } idText && !SamePerson(idText, w.IdText))
            {
                otherPerson.Add(d.WarningId);
                continue;
            }

            var date = d.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (w.Disposition == d.Result && w.Date == date)
            {
                unchanged++;
                continue;
            }

            // An answer dated before the warning was (last) raised answers an earlier round, or has a slip in its date.
            if (date is not null && string.CompareOrdinal(date, w.FirstDate) < 0)
            {
                var raised = await _connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                    "SELECT MIN(r.as_of) FROM warning_event e JOIN run r ON r.run_id = e.run_id WHERE e.warning_id = @WarningId",
                    new { d.WarningId }, transaction, cancellationToken: cancellationToken));
                before.Add((d.WarningId, w.FirstDate, raised));
                continue;
            }

            WarningStatus status;
            if (d.Closes)
            {
                status = w.Status == WarningStatus.Resolved ? WarningStatus.Resolved : WarningStatus.Closed;
                closed++;
            }
            else
            {
                status = w.Status == WarningStatus.Closed ? WarningStatus.Continuing : w.Status;
                open++;
            }

            await _connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE warning SET disposition = @Result, disposition_date = @date, status = @status,
                       closed_detail = {(d.Closes ? "detail" : "NULL")}
                WHERE warning_id = @WarningId
                """, new { d.Result, date, status = status.Text(), d.WarningId }, transaction, cancellationToken: cancellationToken));
            var note = $"处理结果：{d.Result}" + (date is null ? string.Empty : $"（{date}）") + (d.Closes ? string.Empty : "，仍待处理");
            await _connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO warning_event (warning_id, run_id, at, status, note) VALUES (@WarningId, NULL, @at, @status, @note)",
                new { d.WarningId, at = Now(), status = status.Text(), note }, transaction, cancellationToken: cancellationToken));
        }

        return new DispositionResult
        {
            Closed = closed, KeptOpen = open, Unchanged = unchanged, Unknown = unknown, Foreign = foreign, BeforeRaised = before, OtherPerson = otherPerson,
        };
    }

    /// <summary>Whether a returned row's 身份证号码 (as exported: full or masked; x or X) is the warning's.</summary>
    private static bool SamePerson(string returned, string stored)
    {
        var text = returned.Trim();
        return text.Length == 0 || string.Equals(text, stored, StringComparison.OrdinalIgnoreCase)
            || string.Equals(text, Core.Identity.IdNumber.Mask(stored), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every household entry of the person with ID key <paramref name="idKey"/>, active or not, and of their household members.</summary>
    public async Task<IReadOnlyList<PersonEntry>> HouseholdEntriesAsync(long idKey, CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var rows = await _connection.QueryAsync<(string HouseholdId, string IdText, string Name, string Relation, string Categories, long Ill, long Disabled,
            long Active, string Subdistrict, string Village, double? Income, long Housing, string Aid, long HouseholdActive)>(new CommandDefinition(
            $"""
            SELECT m.household_id, m.id_number, m.name, m.relation, m.categories, m.serious_illness, m.severe_disability, m.active,
                   h.subdistrict, h.village, h.annual_income, h.housing_difficulty, h.aid, h.active
            FROM member m JOIN household h ON h.household_id = m.household_id
            WHERE m.household_id IN (SELECT household_id FROM member WHERE id_key = @idKey)
            ORDER BY m.household_id, m.{_dialect.MemberOrder}
            """, new { idKey }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new PersonEntry(r.HouseholdId, r.IdText, r.Name, r.Relation, r.Categories, r.Ill != 0, r.Disabled != 0, r.Active != 0,
            r.Subdistrict, r.Village, r.Income is { } i ? Math.Round((decimal)i, 2) : null, r.Housing != 0, r.Aid, r.HouseholdActive != 0))];
    }
}
