using System.Data.Common;
using Dapper;
using Matching.Core.Rules;
using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// Moves the stored warnings along one run's findings (<see cref="WarningLifecycle"/>), inside the run's transaction,
/// in a few set-based statements whatever the number of warnings: every warning found is written through the
/// dialect's bulk loader as an upsert on (code, subject, receiver) — new ones inserted, found ones refreshed — and
/// what is gone is resolved by one UPDATE. One event per status change, written in bulk too.
/// </summary>
internal sealed class WarningWriter(ISqlDialect dialect, DbConnection connection, DbTransaction transaction, long runId, string runDate, string now)
{
    private static readonly BulkTarget Target = new("warning",
    [
        new("code", BulkColumnType.Text), new("subject", BulkColumnType.Text), new("receiver", BulkColumnType.Text),
        new("label", BulkColumnType.Text), new("measure", BulkColumnType.Text), new("id_number", BulkColumnType.Text),
        new("name", BulkColumnType.Text), new("household_id", BulkColumnType.Text), new("subdistrict", BulkColumnType.Text),
        new("village", BulkColumnType.Text), new("categories", BulkColumnType.Text), new("department", BulkColumnType.Text),
        new("method", BulkColumnType.Text), new("detail", BulkColumnType.Text), new("batch_id", BulkColumnType.Whole),
        new("source_row", BulkColumnType.Whole), new("status", BulkColumnType.Text), new("first_date", BulkColumnType.Text),
        new("first_run_id", BulkColumnType.Whole), new("last_run_id", BulkColumnType.Whole), new("resolved_date", BulkColumnType.Text),
        new("disposition", BulkColumnType.Text), new("disposition_date", BulkColumnType.Text), new("closed_detail", BulkColumnType.Text),
    ], Key: ["code", "subject", "receiver"], Keep: []);

    private static readonly BulkTarget EventTarget = new("warning_event",
    [
        new("warning_id", BulkColumnType.Whole), new("run_id", BulkColumnType.Whole), new("at", BulkColumnType.Text),
        new("status", BulkColumnType.Text), new("note", BulkColumnType.Text),
    ], Key: [], Keep: []);

    private sealed record Stored(
        long WarningId, string Code, string Subject, string Receiver, string Status, string Detail, string? ClosedDetail,
        string FirstDate, long FirstRunId, string? Disposition, string? DispositionDate);

    private sealed class Tally(string code)
    {
        public string Code { get; } = code;
        public int Found { get; set; }
        public int New { get; set; }
        public int Continuing { get; set; }
        public int Closed { get; set; }
        public int Resolved { get; set; }
    }

    public async Task<IReadOnlyList<RunCount>> WriteAsync(IReadOnlyList<Warning> found, CancellationToken cancellationToken)
    {
        var stored = (await connection.QueryAsync<Stored>(new CommandDefinition(
            """
            SELECT warning_id AS WarningId, code AS Code, subject AS Subject, receiver AS Receiver, status AS Status,
                   detail AS Detail, closed_detail AS ClosedDetail, first_date AS FirstDate, first_run_id AS FirstRunId,
                   disposition AS Disposition, disposition_date AS DispositionDate
            FROM warning
            """, transaction: transaction, cancellationToken: cancellationToken)))
            .ToDictionary(s => (s.Code, s.Subject, s.Receiver));
        var before = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(warning_id), 0) FROM warning", transaction: transaction, cancellationToken: cancellationToken));
        var tallies = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var seen = new HashSet<long>();
        var changes = new List<(long WarningId, string Status, string Note)>();
        var row = new object?[Target.Columns.Count];
        await using (var upsert = dialect.CreateBulkLoader(connection, transaction, Target))
        {
            foreach (var warning in found)
            {
                var tally = TallyOf(tallies, warning.Code);
                tally.Found++;
                stored.TryGetValue((warning.Code, warning.Subject, warning.Receiver), out var was);
                var status = WarningLifecycle.Next(was?.Status, was?.Status == WarningStatus.Closed ? was.ClosedDetail : was?.Detail, true, warning.Detail)!;
                switch (status)
                {
                    case WarningStatus.New: tally.New++; break;
                    case WarningStatus.Closed: tally.Closed++; break;
                    default: tally.Continuing++; break;
                }

                if (was is not null)
                {
                    seen.Add(was.WarningId);
                    if (status != was.Status)
                    {
                        changes.Add((was.WarningId, status, status == WarningStatus.New && was.Status == WarningStatus.Closed ? "facts changed" : string.Empty));
                    }
                }

                // A warning first found, or raised anew (resolved, or its facts changed since a department closed it),
                // starts a new first date and sheds an old disposition; one that goes on keeps both.
                var fresh = was is null || status == WarningStatus.New;
                Fill(row, warning, status, fresh ? runDate : was!.FirstDate, fresh ? runId : was!.FirstRunId,
                    fresh ? null : was!.Disposition, fresh ? null : was!.DispositionDate, fresh ? null : was!.ClosedDetail);
                await upsert.AddAsync(cancellationToken, row);
            }

            await upsert.CompleteAsync(cancellationToken);
        }

        foreach (var was in stored.Values)
        {
            if (!seen.Contains(was.WarningId) && WarningLifecycle.Next(was.Status, was.Detail, false, null) is not null)
            {
                TallyOf(tallies, was.Code).Resolved++;
            }
        }

        await WriteEventsAsync(before, changes, cancellationToken);
        return [.. tallies.Values.Select(t => new RunCount(t.Code, t.Found, t.New, t.Continuing, t.Closed, t.Resolved))];
    }

    /// <summary>
    /// One event per change: for the warnings this run inserted, for the stored ones whose status it changed, and for
    /// the open ones it did not find, which it resolves (every one the upsert did not touch: last_run_id is older).
    /// </summary>
    private async Task WriteEventsAsync(long before, List<(long WarningId, string Status, string Note)> changes, CancellationToken cancellationToken)
    {
        var resolvable = new { runId, now, runDate, resolved = WarningStatus.Resolved, newStatus = WarningStatus.New, continuing = WarningStatus.Continuing, closed = WarningStatus.Closed, before };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO warning_event (warning_id, run_id, at, status, note)
            SELECT warning_id, @runId, @now, status, '' FROM warning WHERE warning_id > @before
            """, resolvable, transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO warning_event (warning_id, run_id, at, status, note)
            SELECT warning_id, @runId, @now, @resolved, '' FROM warning
            WHERE status IN (@newStatus, @continuing, @closed) AND last_run_id <> @runId
            """, resolvable, transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE warning SET status = @resolved, resolved_date = @runDate
            WHERE status IN (@newStatus, @continuing, @closed) AND last_run_id <> @runId
            """, resolvable, transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        if (changes.Count == 0)
        {
            return;
        }

        var row = new object?[EventTarget.Columns.Count];
        await using var events = dialect.CreateBulkLoader(connection, transaction, EventTarget);
        foreach (var (warningId, status, note) in changes)
        {
            row[0] = warningId;
            row[1] = runId;
            row[2] = now;
            row[3] = status;
            row[4] = note;
            await events.AddAsync(cancellationToken, row);
        }

        await events.CompleteAsync(cancellationToken);
    }

    private void Fill(object?[] row, Warning w, string status, string firstDate, long firstRunId, string? disposition, string? dispositionDate, string? closedDetail)
    {
        row[0] = w.Code;
        row[1] = w.Subject;
        row[2] = w.Receiver;
        row[3] = w.Label;
        row[4] = w.Measure;
        row[5] = w.IdText;
        row[6] = w.Name;
        row[7] = w.HouseholdId;
        row[8] = w.Subdistrict;
        row[9] = w.Village;
        row[10] = w.Categories;
        row[11] = w.Department;
        row[12] = w.Method;
        row[13] = w.Detail;
        row[14] = w.BatchId;
        row[15] = w.SourceRow;
        row[16] = status;
        row[17] = firstDate;
        row[18] = firstRunId;
        row[19] = runId;
        row[20] = null;
        row[21] = disposition;
        row[22] = dispositionDate;
        row[23] = closedDetail;
    }

    private static Tally TallyOf(SortedDictionary<string, Tally> tallies, string code)
    {
        if (!tallies.TryGetValue(code, out var tally))
        {
            tallies[code] = tally = new Tally(code);
        }

        return tally;
    }
}
