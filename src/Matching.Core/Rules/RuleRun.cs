namespace Matching.Core.Rules;

/// <summary>
/// One run of the rules in progress (<see cref="RuleEngine.Begin"/>): records are added one at a time and not kept;
/// <see cref="Finish"/> adds the population's own rules and the complex cases and gives every warning found.
/// </summary>
public sealed class RuleRun
{
    private readonly RuleEngine _engine;
    private readonly RuleContext _context;
    private readonly Entry[] _entries;
    private readonly Dictionary<string, Entry[]> _byDepartment = new(StringComparer.Ordinal);
    private string? _lastDepartment;
    private Entry[] _lastEntries = [];
    private bool _finished;

    internal RuleRun(RuleEngine engine, RuleContext context)
    {
        _engine = engine;
        _context = context;
        _entries = [.. engine.Rules.Select(r => new Entry(r, context))];
    }

    /// <summary>One rule and what it has found so far (record shapes) or added up (spending shapes).</summary>
    private sealed class Entry
    {
        public Entry(RuleOptions rule, RuleContext context)
        {
            Rule = rule;
            IsRecordShape = rule.Shape is RuleShape.MatchedRecord or RuleShape.UnmatchedRecord or RuleShape.IdInvalid or RuleShape.IdNameMismatch;
            Sums = rule.Shape is RuleShape.Spending or RuleShape.HouseholdSpending ? new SpendingRules(rule, context) : null;
        }

        public RuleOptions Rule { get; }
        public bool IsRecordShape { get; }
        public SpendingRules? Sums { get; }
        public List<Warning> Found { get; } = [];
        public HashSet<(string Subject, string Receiver)> Seen { get; } = [];
    }

    /// <summary>Judges one record against every rule that reads its department.</summary>
    public void Add(RuleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(_finished, this);
        foreach (var entry in EntriesFor(record.Department))
        {
            if (entry.Sums is { } sums)
            {
                sums.Add(record);
            }
            else if (RecordRules.Evaluate(entry.Rule, _context, record) is { } warning && entry.Seen.Add((warning.Subject, warning.Receiver)))
            {
                entry.Found.Add(warning);
            }
        }
    }

    /// <summary>The warnings of the run, in rule order (complex cases last), each identity once.</summary>
    public IReadOnlyList<Warning> Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        var found = new WarningSet();
        foreach (var entry in _entries)
        {
            var rule = entry.Rule;
            if (entry.IsRecordShape)
            {
                // What the record shapes found moves into the run's set; their own sets go before the others add theirs.
                found.AddRange(entry.Found);
                entry.Found.Clear();
                entry.Found.TrimExcess();
                entry.Seen.Clear();
                entry.Seen.TrimExcess();
            }
            else if (entry.Sums is { } sums)
            {
                found.AddRange(sums.Finish());
            }
            else if (rule.Shape == RuleShape.Housing)
            {
                found.AddRange(PopulationRules.Housing(rule, _context));
            }
            else if (rule.Shape == RuleShape.DuplicateAid)
            {
                found.AddRange(PopulationRules.DuplicateAid(rule, _context));
            }
        }

        var uncounted = _engine.Rules.Where(r => r.Shape is RuleShape.ComplexCase or RuleShape.IdInvalid or RuleShape.IdNameMismatch)
            .Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in _engine.Rules.Where(r => r.Shape == RuleShape.ComplexCase))
        {
            found.AddRange(ComplexCaseRule.Evaluate(rule, _context, [.. found.Items], uncounted));
        }

        return found.Items;
    }

    private Entry[] EntriesFor(string department)
    {
        if (ReferenceEquals(department, _lastDepartment))
        {
            return _lastEntries;
        }

        if (!_byDepartment.TryGetValue(department, out var entries))
        {
            _byDepartment[department] = entries = [.. _entries.Where(e => (e.IsRecordShape || e.Sums is not null) && RuleContext.Reads(e.Rule, department))];
        }

        _lastDepartment = department;
        _lastEntries = entries;
        return entries;
    }

    /// <summary>Found warnings, first of each identity kept.</summary>
    private sealed class WarningSet
    {
        private readonly HashSet<(string, string, string)> _seen = [];

        public List<Warning> Items { get; } = [];

        public void AddRange(IEnumerable<Warning> warnings)
        {
            foreach (var warning in warnings)
            {
                if (_seen.Add((warning.Code, warning.Subject, warning.Receiver)))
                {
                    Items.Add(warning);
                }
            }
        }
    }
}
