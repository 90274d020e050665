using System.Data.Common;
using Dapper;
using Matching.Core.Rules;
using Matching.Core.Tables;
using Matching.Storage.Localization;

namespace Matching.Storage;

public sealed partial class WarningStore
{
    /// <summary>
    /// Records a department's answers in one transaction. An answer that closes (<see cref="Disposition.Closes"/>)
    /// makes an open warning of <paramref name="receiver"/> 已处理 (a resolved one keeps its status), its facts kept so
    /// that a later run raises it again only when they change; an answer that keeps it open is noted on it (a
    /// closed warning answered so is open again, 持续). Nothing is recorded when most numbers belong to another
    /// receiver (<see cref="DispositionResult.WrongReceiver"/>). Numbers of no warning of the receiver, and answers
    /// dated before the warning was (last) raised, are returned: an answer to an earlier round, such as an old
    /// workbook imported again after the facts changed, does not close the new one. A transient fault starts the
    /// transaction over. Without an access record: a test hook (a feedback import records its access by the
    /// overload below).
    /// </summary>
    internal Task<DispositionResult> RecordDispositionsAsync(string receiver, IReadOnlyList<Disposition> dispositions, CancellationToken cancellationToken) =>
        RecordDispositionsAsync(receiver, dispositions, access: null, cancellationToken);

    /// <summary>
    /// As above, and <paramref name="access"/> (its subject count set to the dispositions recorded) written to the
    /// access audit inside the same transaction: both or neither (nor when the numbers are another receiver's).
    /// </summary>
    public async Task<DispositionResult> RecordDispositionsAsync(
        string receiver, IReadOnlyList<Disposition> dispositions, AccessRecord? access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispositions);
        return await _db.CommitAsync("feedback", Text.Get("FailedFeedback"), requireSchema: true, async (transaction, token) =>
        {
            var result = await WriteDispositionsAsync(receiver, dispositions, transaction, token);
            if (access is not null && result.WrongReceiver is null)
            {
                await _access.InsertAsync(access with { SubjectCount = result.Recorded }, transaction, token);
            }

            return result;
        }, cancellationToken);
    }

    private async Task<DispositionResult> WriteDispositionsAsync(string receiver, IReadOnlyList<Disposition> dispositions, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var current = (await _db.Connection.QueryAsync<(long Id, WarningStatus Status, string? Disposition, string? Date, string FirstDate, string IdText)>(new CommandDefinition(
            $"SELECT warning_id, {WarningStatusSql.Column}, disposition, disposition_date, first_date, id_number FROM warning WHERE receiver = @receiver",
            WarningStatusSql.With(new { receiver }), transaction, cancellationToken: cancellationToken))).ToDictionary(w => w.Id);
        var missing = dispositions.Where(d => !current.ContainsKey(d.WarningId)).Select(d => d.WarningId).Distinct().ToList();
        var others = new Dictionary<long, string>();
        if (missing.Count > 0)
        {
            // A range, not a list: a list of thousands of parameters is beyond SQL Server's 2,100.
            foreach (var (id, other) in await _db.Connection.QueryAsync<(long Id, string Receiver)>(new CommandDefinition(
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

            var date = d.Date is { } day ? StoredDate.Format(day) : null;
            if (w.Disposition == d.Result && w.Date == date)
            {
                unchanged++;
                continue;
            }

            // An answer dated before the warning was (last) raised answers an earlier round, or has a slip in its date.
            if (date is not null && string.CompareOrdinal(date, w.FirstDate) < 0)
            {
                var raised = await _db.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
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

            await _db.Connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE warning SET disposition = @Result, disposition_date = @date, status = @status,
                       closed_detail = {(d.Closes ? "detail" : "NULL")}
                WHERE warning_id = @WarningId
                """, new { d.Result, date, status = status.Text(), d.WarningId }, transaction, cancellationToken: cancellationToken));
            var note = $"处理结果：{d.Result}" + (date is null ? string.Empty : $"（{date}）") + (d.Closes ? string.Empty : "，仍待处理");
            await _db.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO warning_event (warning_id, run_id, at, status, note) VALUES (@WarningId, NULL, @at, @status, @note)",
                new { d.WarningId, at = _db.Now(), status = status.Text(), note }, transaction, cancellationToken: cancellationToken));
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
}
