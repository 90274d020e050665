using System.Runtime.InteropServices;

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
        public List<RecordFinding> Found { get; } = [];

        // Each subject once per receiver: a member by ID key (a person's warning's subject is the ID), anyone else by
        // subject. The members' keys are kept per receiver (a rule has one or two), the receiver found by identity
        // first: one key hashed per finding rather than a key and a receiver's characters (1M records: 211k findings).
        private readonly Dictionary<string, HashSet<long>> _seenMembers = new(StringComparer.Ordinal);
        private string? _lastReceiver;
        private HashSet<long> _lastSeen = [];

        public HashSet<(string Subject, string Receiver)> SeenOthers { get; } = [];

        public bool FirstTime(in RecordFinding finding, RulePopulation population)
        {
            if (finding.Person is not { } person)
            {
                return SeenOthers.Add((finding.OtherSubject!, finding.Receiver));
            }

            if (!ReferenceEquals(finding.Receiver, _lastReceiver))
            {
                if (!_seenMembers.TryGetValue(finding.Receiver, out var seen))
                {
                    _seenMembers[finding.Receiver] = seen = [];
                }

                (_lastReceiver, _lastSeen) = (finding.Receiver, seen);
            }

            return _lastSeen.Add(population.IdKey(person));
        }

        /// <summary>What <see cref="FirstTime"/> remembers, let go once every record is in.</summary>
        public void ForgetSeen()
        {
            _seenMembers.Clear();
            _seenMembers.TrimExcess();
            (_lastReceiver, _lastSeen) = (null, []);
            SeenOthers.Clear();
            SeenOthers.TrimExcess();
        }
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
            else if (RecordRules.Evaluate(entry.Rule, _context, record) is { } finding && entry.FirstTime(finding, _context.Population))
            {
                entry.Found.Add(finding);
            }
        }
    }

    /// <summary>
    /// The warnings of the run, in rule order (complex cases last; a record rule's by subject), each identity once.
    /// Given out one at a time as they are made: a member's warning found by a record becomes text only here, and the
    /// warnings of the shapes that add up or look at the population are made as they are taken, so the run never holds
    /// them all (the complex cases keep only which codes each household has). Enumerated again (a retried transaction
    /// does), it gives the same warnings in the same order.
    /// </summary>
    public IEnumerable<Warning> Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        foreach (var entry in _entries)
        {
            entry.ForgetSeen();
            if (entry.IsRecordShape)
            {
                BySubject(entry.Found, _context.Population);
            }
        }

        return Warnings();
    }

    private IEnumerable<Warning> Warnings()
    {
        var given = new HashSet<UInt128>();
        var complex = new ComplexCases(_engine.Rules);
        foreach (var warning in Found())
        {
            if (given.Add(WarningIdentity.Of(warning)))
            {
                complex.Add(warning);
                yield return warning;
            }
        }

        foreach (var rule in _engine.Rules.Where(r => r.Shape == RuleShape.ComplexCase))
        {
            foreach (var warning in complex.Evaluate(rule, _context))
            {
                if (given.Add(WarningIdentity.Of(warning)))
                {
                    yield return warning;
                }
            }
        }
    }

    /// <summary>Every rule's warnings but the complex cases', in rule order.</summary>
    private IEnumerable<Warning> Found()
    {
        foreach (var entry in _entries)
        {
            var rule = entry.Rule;
            IEnumerable<Warning> warnings = entry switch
            {
                { IsRecordShape: true } => entry.Found.Select(f => f.ToWarning(rule, _context)),
                { Sums: { } sums } => sums.Finish(),
                _ when rule.Shape == RuleShape.Housing => PopulationRules.Housing(rule, _context),
                _ when rule.Shape == RuleShape.DuplicateAid => PopulationRules.DuplicateAid(rule, _context),
                _ => [],
            };

            foreach (var warning in warnings)
            {
                yield return warning;
            }
        }
    }

    /// <summary>
    /// Puts a record rule's findings in the order of their subjects, as the warnings' key (code, subject, receiver)
    /// is stored: the members' by ID (its key orders as its 18 characters do), then anyone else's by subject. The
    /// records came in their files' order, which is no order of ID, and the store's unique index took each new warning
    /// at a random place: a first run at a million records stored its 325k warnings 3.45 -> 2.9 s.
    /// </summary>
    private static void BySubject(List<RecordFinding> found, RulePopulation population)
    {
        var findings = CollectionsMarshal.AsSpan(found);

        // Sorted in place with their keys, each with its place, so that findings about one subject (for two receivers)
        // keep their records' order: a member's by ID key, anyone else's after them by subject.
        var keys = new (long Key, int At)[findings.Length];
        string?[]? subjects = null;
        var others = 0;
        for (var i = 0; i < findings.Length; i++)
        {
            if (findings[i].Person is { } person)
            {
                keys[i] = (population.IdKey(person), i);
            }
            else
            {
                keys[i] = (long.MaxValue, i);
                (subjects ??= new string?[findings.Length])[i] = findings[i].OtherSubject;
                others++;
            }
        }

        keys.AsSpan().Sort(findings);
        if (subjects is not null)
        {
            keys.AsSpan(keys.Length - others).Sort(findings[^others..], Comparer<(long Key, int At)>.Create((a, b) =>
                string.CompareOrdinal(subjects[a.At], subjects[b.At]) is var bySubject and not 0 ? bySubject : a.At.CompareTo(b.At)));
        }
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
}
