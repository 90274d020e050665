using System.Globalization;
using Dapper;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Core.Rules;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>The active low-income households and members, with every field the rules read.</summary>
    public async Task<LowIncomeSnapshot> LoadLowIncomeAsync(CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        await using var transaction = await BeginReadAsync(cancellationToken);
        var households = (await _connection.QueryAsync<(string Id, string Subdistrict, string Village, double? Income, long Housing, string Aid)>(
            new CommandDefinition(
                "SELECT household_id, subdistrict, village, annual_income, housing_difficulty, aid FROM household WHERE active = 1 ORDER BY household_id",
                transaction: transaction, cancellationToken: cancellationToken)))
            .Select(h => new Household
            {
                HouseholdId = h.Id,
                Subdistrict = h.Subdistrict,
                Village = h.Village,
                AnnualIncome = h.Income is { } income ? Math.Round((decimal)income, 2) : null,
                HousingDifficulty = h.Housing != 0,
                Aid = Codes.ParseAid(h.Aid),
            }).ToList();
        var members = (await _connection.QueryAsync<(string Household, long Key, string Name, string Relation, string Categories, long Ill, long Disabled, string Support)>(
            new CommandDefinition(
                $"""
                SELECT household_id, id_key, name, relation, categories, serious_illness, severe_disability, tekun_support
                FROM member WHERE active = 1 ORDER BY household_id, {_dialect.MemberOrder}
                """, transaction: transaction, cancellationToken: cancellationToken)))
            .Select(m => new Member
            {
                HouseholdId = m.Household,
                Id = IdNumber.FromKey(m.Key),
                Name = m.Name,
                Relation = m.Relation,
                Categories = Codes.ParseCategories(m.Categories),
                SeriousIllness = m.Ill != 0,
                SevereDisability = m.Disabled != 0,
                TekunSupport = m.Support,
            }).ToList();
        return new LowIncomeSnapshot(households, members);
    }

    /// <summary>
    /// Records the start of a run (committed at once, so that a run that dies is still on record). Call it holding
    /// the run lock: any other run still marked running then died, and is marked interrupted (its batches stay
    /// pending, so this run picks them up).
    /// </summary>
    public async Task<long> BeginRunAsync(DateOnly asOf, string operatorName, CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE run SET outcome = 'interrupted', error = 'the process stopped before the run finished' WHERE outcome = 'running'",
            cancellationToken: cancellationToken));
        var lowIncome = await LastLowIncomeBatchAsync(cancellationToken);
        return await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            _dialect.InsertReturning("run", "started_at, as_of, operator, lowincome_batch_id", "@startedAt, @asOf, @operatorName, @lowIncome", "run_id"),
            new { startedAt = Now(), asOf = Day(asOf), operatorName, lowIncome = lowIncome?.BatchId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Marks a run failed with the one-line message the operator saw (IDs masked by the caller).</summary>
    public Task FailRunAsync(long runId, string error, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE run SET outcome = 'failed', finished_at = @finishedAt, error = @error WHERE run_id = @runId",
            new { finishedAt = Now(), error, runId }, cancellationToken: cancellationToken));

    /// <summary>
    /// Ends a run in one transaction: every warning found moves along its lifecycle (<see cref="WarningLifecycle"/>),
    /// every open warning not found is resolved, each change is an event, the batches used become processed, and the
    /// counts per code are stored and returned. A transient fault starts the transaction over.
    /// </summary>
    public async Task<IReadOnlyList<RunCount>> CompleteRunAsync(
        long runId, DateOnly asOf, IReadOnlyList<Warning> found, IReadOnlyList<long> batches, long records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(batches);
        return await CommitAsync("run completion", $"run {runId} was rolled back", requireSchema: false, async (transaction, token) =>
        {
            var counts = await new WarningWriter(_dialect, _connection, transaction, runId, Day(asOf), Now()).WriteAsync(found, token);
            foreach (var batchId in batches)
            {
                await _connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE import_batch SET status = 'processed' WHERE batch_id = @batchId AND status = 'pending'",
                    new { batchId }, transaction, cancellationToken: token));
            }

            await _connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO run_count (run_id, code, found, new, continuing, closed, resolved) VALUES (@runId, @Code, @Found, @New, @Continuing, @Closed, @Resolved)",
                counts.Select(c => new { runId, c.Code, c.Found, c.New, c.Continuing, c.Closed, c.Resolved }), transaction,
                cancellationToken: token));
            await _connection.ExecuteAsync(new CommandDefinition(
                "UPDATE run SET outcome = 'succeeded', finished_at = @finishedAt, batches = @used, records = @records WHERE run_id = @runId",
                new { finishedAt = Now(), used = string.Join(',', batches), records, runId }, transaction, cancellationToken: token));
            return counts;
        }, cancellationToken);
    }

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
