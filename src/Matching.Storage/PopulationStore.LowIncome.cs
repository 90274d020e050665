using System.Globalization;
using Dapper;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Core.Rules;

namespace Matching.Storage;

public sealed partial class PopulationStore
{
    /// <summary>
    /// The active low-income households and members, with every field the rules read, under one snapshot. Read row
    /// by row, not through intermediate lists; the texts that repeat (the household id on each member, town,
    /// village, relation, support mode, code lists) are one string each, shared. A test hook (a run loads
    /// <see cref="LoadRulePopulationAsync"/>).
    /// </summary>
    internal async Task<LowIncomeSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        var households = new List<Household>();
        var members = new List<Member>();
        await ReadLowIncomeAsync(households.Add,
            (household, key, name, relation, categories, ill, disabled, support) => members.Add(new Member
            {
                HouseholdId = household, Id = IdNumber.FromKey(key), Name = name, Relation = relation, Categories = categories,
                SeriousIllness = ill, SevereDisability = disabled, TekunSupport = support,
            }), cancellationToken);
        return new LowIncomeSnapshot(households, members);
    }

    /// <summary>
    /// The active low-income population as the rules hold it (<see cref="RulePopulation"/>): read straight into its
    /// columns, sized from a count, no record per member on the way. What a run loads.
    /// </summary>
    public async Task<RulePopulation> LoadRulePopulationAsync(CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var count = await _db.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM member WHERE active = 1", cancellationToken: cancellationToken));
        var builder = new RulePopulation.Builder(count);
        await ReadLowIncomeAsync(builder.Add, builder.Add, cancellationToken);
        return builder.Build();
    }

    private delegate void MemberRow(string householdId, long idKey, string name, string relation, AidCategory categories, bool seriousIllness,
        bool severeDisability, string tekunSupport);

    private async Task ReadLowIncomeAsync(Action<Household> household, MemberRow member, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        await using var transaction = await _db.BeginReadAsync(cancellationToken);
        var shared = new SharedText();
        var householdIds = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = _db.Connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT household_id, subdistrict, village, annual_income, housing_difficulty, aid FROM household WHERE active = 1 ORDER BY household_id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var aid = new Dictionary<string, AidType>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                var aidText = reader.GetString(5);
                if (!aid.TryGetValue(aidText, out var aidTypes))
                {
                    aid[aidText] = aidTypes = Codes.ParseAid(aidText);
                }

                var id = reader.GetString(0);
                householdIds[id] = id;
                household(new Household
                {
                    HouseholdId = id,
                    Subdistrict = shared.Of(reader.GetString(1)),
                    Village = shared.Of(reader.GetString(2)),
                    AnnualIncome = reader.IsDBNull(3) ? null : Math.Round(Convert.ToDecimal(reader.GetValue(3), CultureInfo.InvariantCulture), 2),
                    HousingDifficulty = Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture) != 0,
                    Aid = aidTypes,
                });
            }
        }

        await using (var command = _db.Connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"""
                SELECT household_id, id_key, name, relation, categories, serious_illness, severe_disability, tekun_support
                FROM member WHERE active = 1 ORDER BY household_id, {_dialect.MemberOrder}
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var categories = new Dictionary<string, AidCategory>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                var householdId = reader.GetString(0);
                var categoryText = reader.GetString(4);
                if (!categories.TryGetValue(categoryText, out var memberCategories))
                {
                    categories[categoryText] = memberCategories = Codes.ParseCategories(categoryText);
                }

                member(householdIds.TryGetValue(householdId, out var sharedId) ? sharedId : shared.Of(householdId), reader.GetInt64(1), reader.GetString(2),
                    shared.Of(reader.GetString(3)), memberCategories, Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture) != 0,
                    Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture) != 0, shared.Of(reader.GetString(7)));
            }
        }
    }

    /// <summary>One string per distinct short text (town, village, relation …), up to a bound.</summary>
    private sealed class SharedText
    {
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

        public string Of(string text)
        {
            if (text.Length == 0)
            {
                return string.Empty;
            }

            if (_texts.TryGetValue(text, out var known))
            {
                return known;
            }

            if (_texts.Count < 200_000)
            {
                _texts[text] = text;
            }

            return text;
        }
    }
}
