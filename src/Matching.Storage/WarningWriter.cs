using System.Data.Common;
using Dapper;
using Matching.Core.Rules;
using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// Moves the stored warnings along one run's findings (<see cref="WarningLifecycle"/>), inside the run's transaction:
/// inserts what is new, updates what continues, resolves what is gone, and writes one event per status change.
/// </summary>
internal sealed class WarningWriter(ISqlDialect dialect, DbConnection connection, DbTransaction transaction, long runId, string runDate, string now)
{
    private sealed record Stored(long WarningId, string Code, string Subject, string Receiver, string Status, string Detail, string? ClosedDetail);

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
                   detail AS Detail, closed_detail AS ClosedDetail
            FROM warning
            """, transaction: transaction, cancellationToken: cancellationToken)))
            .ToDictionary(s => (s.Code, s.Subject, s.Receiver));
        var tallies = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var seen = new HashSet<long>();
        var events = new List<object>();
        foreach (var warning in found)
        {
            var tally = TallyOf(tallies, warning.Code);
            tally.Found++;
            stored.TryGetValue((warning.Code, warning.Subject, warning.Receiver), out var before);
            var status = WarningLifecycle.Next(before?.Status, before?.Status == WarningStatus.Closed ? before.ClosedDetail : before?.Detail, true, warning.Detail)!;
            if (before is null)
            {
                var id = await InsertAsync(warning, cancellationToken);
                events.Add(new { warningId = id, runId, at = now, status, note = string.Empty });
                tally.New++;
                continue;
            }

            seen.Add(before.WarningId);
            await UpdateAsync(before.WarningId, warning, status, reopened: status == WarningStatus.New, cancellationToken);
            if (status != before.Status)
            {
                events.Add(new { warningId = before.WarningId, runId, at = now, status, note = status == WarningStatus.New && before.Status == WarningStatus.Closed ? "facts changed" : string.Empty });
            }

            switch (status)
            {
                case WarningStatus.New: tally.New++; break;
                case WarningStatus.Closed: tally.Closed++; break;
                default: tally.Continuing++; break;
            }
        }

        foreach (var before in stored.Values)
        {
            if (seen.Contains(before.WarningId) || WarningLifecycle.Next(before.Status, before.Detail, false, null) is not { } status)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE warning SET status = @status, resolved_date = @runDate WHERE warning_id = @warningId",
                new { status, runDate, warningId = before.WarningId }, transaction, cancellationToken: cancellationToken));
            events.Add(new { warningId = before.WarningId, runId, at = now, status, note = string.Empty });
            TallyOf(tallies, before.Code).Resolved++;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO warning_event (warning_id, run_id, at, status, note) VALUES (@warningId, @runId, @at, @status, @note)",
            events, transaction, cancellationToken: cancellationToken));
        return [.. tallies.Values.Select(t => new RunCount(t.Code, t.Found, t.New, t.Continuing, t.Closed, t.Resolved))];
    }

    private static Tally TallyOf(SortedDictionary<string, Tally> tallies, string code)
    {
        if (!tallies.TryGetValue(code, out var tally))
        {
            tallies[code] = tally = new Tally(code);
        }

        return tally;
    }

    private Task<long> InsertAsync(Warning w, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            dialect.InsertReturning("warning",
                """
                code, subject, receiver, label, measure, id_number, name, household_id, subdistrict, village,
                categories, department, method, detail, batch_id, source_row, status, first_date, first_run_id, last_run_id
                """,
                """
                @Code, @Subject, @Receiver, @Label, @Measure, @IdText, @Name, @HouseholdId, @Subdistrict, @Village,
                @Categories, @Department, @Method, @Detail, @BatchId, @SourceRow, @status, @runDate, @runId, @runId
                """, "warning_id"),
            new
            {
                w.Code, w.Subject, w.Receiver, w.Label, w.Measure, w.IdText, w.Name, w.HouseholdId, w.Subdistrict, w.Village,
                w.Categories, w.Department, w.Method, w.Detail, w.BatchId, w.SourceRow, status = WarningStatus.New, runDate, runId,
            }, transaction, cancellationToken: cancellationToken));

    /// <summary>Refreshes what the run saw; a reopened warning starts a new first date and sheds its old disposition.</summary>
    private Task<int> UpdateAsync(long warningId, Warning w, string status, bool reopened, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE warning SET label = @Label, measure = @Measure, id_number = @IdText, name = @Name, household_id = @HouseholdId,
                   subdistrict = @Subdistrict, village = @Village, categories = @Categories, department = @Department, method = @Method,
                   detail = @Detail, batch_id = @BatchId, source_row = @SourceRow, status = @status, last_run_id = @runId, resolved_date = NULL
                   {(reopened ? ", first_date = @runDate, first_run_id = @runId, disposition = NULL, disposition_date = NULL, closed_detail = NULL" : string.Empty)}
            WHERE warning_id = @warningId
            """,
            new
            {
                w.Label, w.Measure, w.IdText, w.Name, w.HouseholdId, w.Subdistrict, w.Village, w.Categories, w.Department, w.Method,
                w.Detail, w.BatchId, w.SourceRow, status, runId, runDate, warningId,
            }, transaction, cancellationToken: cancellationToken));
}
