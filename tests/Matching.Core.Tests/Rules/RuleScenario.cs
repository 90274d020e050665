using Matching.Core.Departments;
using System.Globalization;
using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Core.Tests.Rules;

/// <summary>
/// One run's facts, built like the domain: households (户) with their members (a <see cref="SnapshotBuilder"/>), then department records. Records are
/// matched by the run's own path (<see cref="RuleRecord.Matched"/> over the real <see cref="Matcher"/>) against the
/// population, and the real <see cref="RuleEngine"/> evaluates them.
/// </summary>
internal sealed class RuleScenario
{
    /// <summary>The run date every scenario uses unless told otherwise.</summary>
    public static readonly DateOnly AsOf = new(2025, 6, 30);

    private readonly SnapshotBuilder _snapshot = new();
    private readonly List<(string Department, string RawId, string Name, Dictionary<string, string> Fields)> _records = [];

    /// <summary>Adds a household with its place, income, housing difficulty and the aid it already receives.</summary>
    public RuleScenario Household(string householdId, AidType aid = AidType.None, decimal? income = null,
        string subdistrict = "天坛街道", bool housingDifficulty = false, string village = "北海社区")
    {
        _snapshot.Household(householdId, aid, income, subdistrict, housingDifficulty, village);
        return this;
    }

    /// <summary>Adds a member to <paramref name="householdId"/> (the first one added is usually the head, 户主).</summary>
    public RuleScenario Member(string householdId, IdNumber id, string name, AidCategory categories = AidCategory.Dibao,
        string relation = "户主", string tekunSupport = "")
    {
        _snapshot.Member(householdId, id, name, categories, relation, tekunSupport);
        return this;
    }

    /// <summary>Adds a department record: the ID cell as typed, the name cell, and other fields in stored form.</summary>
    public RuleScenario Record(string department, string rawId, string name, params (string Field, string Value)[] fields)
    {
        _records.Add((department, rawId, name, fields.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal)));
        return this;
    }

    /// <summary>Adds a department record with a canonical ID.</summary>
    public RuleScenario Record(string department, IdNumber id, string name, params (string Field, string Value)[] fields) =>
        Record(department, id.Value, name, fields);

    /// <summary>Adds a self-paid medical bill (医保 个人自付) of <paramref name="selfPaid"/> yuan on <paramref name="visitDate"/>.</summary>
    public RuleScenario Bill(IdNumber id, string name, string selfPaid, DateOnly visitDate) =>
        Record("medical-bills", id, name, ("selfPaid", selfPaid), ("visitDate", Date(visitDate)));

    /// <summary>Fields given in their stored form (dates yyyy-MM-dd, amounts in yuan, flags 1/0) as typed values.</summary>
    public static RecordValues Values(RecordLayout layout, IReadOnlyDictionary<string, string> fields)
    {
        var values = new RecordValues();
        foreach (var (name, text) in fields)
        {
            if (!layout.TryGet(name, out var field))
            {
                continue;
            }

            switch (field.Type)
            {
                case FieldType.Date:
                    values.SetDate(field.Slot, DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                case FieldType.Amount when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan):
                    values.SetFen(field.Slot, Fen.FromYuan(yuan));
                    break;
                case FieldType.Flag:
                    values.SetFlag(field.Slot, text == "1");
                    break;
                case FieldType.Text or FieldType.Code:
                    values.SetText(field.Slot, text);
                    break;
            }
        }

        return values;
    }

    /// <summary>A date as records store it: yyyy-MM-dd.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Evaluates <paramref name="rules"/> alone (with the shipped receivers and departments) as of <see cref="AsOf"/>.</summary>
    public IReadOnlyList<Warning> Evaluate(params RuleOptions[] rules) => Evaluate(ShippedRules.Only(rules), AsOf);

    /// <summary>Evaluates a rule set over the scenario with the shipped departments.</summary>
    public IReadOnlyList<Warning> Evaluate(RuleSetOptions rules, DateOnly asOf)
    {
        var (population, records) = Build();
        return new RuleEngine(rules, ShippedRules.Departments).Evaluate(population, records, asOf);
    }

    /// <summary>A run of the rule set over the scenario, finished: its warnings as <see cref="RuleRun.Finish"/> gives them out.</summary>
    public IEnumerable<Warning> Finish(RuleSetOptions rules, DateOnly asOf)
    {
        var (population, records) = Build();
        var run = new RuleEngine(rules, ShippedRules.Departments).Begin(population, asOf);
        foreach (var record in records)
        {
            run.Add(record);
        }

        return run.Finish();
    }

    private (RulePopulation Population, List<RuleRecord> Records) Build()
    {
        var population = new RulePopulation(_snapshot.Build());
        var matcher = new Matcher(population.Index);
        var batches = new Dictionary<string, long>(StringComparer.Ordinal);
        var records = new List<RuleRecord>();
        foreach (var (department, rawId, name, fields) in _records)
        {
            if (!batches.TryGetValue(department, out var batchId))
            {
                batches[department] = batchId = batches.Count + 1;
            }

            var birth = fields.TryGetValue("birthDate", out var b) ? b : string.Empty;
            var known = ShippedRules.Departments.TryGetValue(department, out var d)
                ? d : new RuleDepartment(department, department, department, DepartmentKind.Snapshot, RecordLayout.Empty);
            records.Add(RuleRecord.Matched(matcher, known, batchId, records.Count + 2, rawId, null, name, birth, Values(known.Layout, fields)));
        }

        return (population, records);
    }
}
