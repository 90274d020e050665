using System.Numerics;
using System.Runtime.InteropServices;
using Matching.Core.Departments;

namespace Matching.Core.Rules;

/// <summary>
/// <see cref="RuleShape.ComplexCase"/>: a household with warnings of <see cref="RuleOptions.MinCodes"/> or more
/// distinct codes goes to the coordination mechanism (困难情形复杂, 一事一议). Data problems (ID warnings, which
/// ask a department to correct a record) and other complex-case codes do not count. The run's warnings are shown to
/// it as they are given out (<see cref="Add"/>); it keeps only which codes each household has.
/// </summary>
internal sealed class ComplexCases
{
    // The codes that count, in code order, each with its label (the rules of one code agree on it): a household's
    // codes are bits in a few words of one flat buffer, households in the order their first warning came. A city's
    // run finds warnings in a couple of hundred thousand households; a set each took ~200 bytes.
    private readonly string[] _labels;
    private readonly Dictionary<string, int> _bitOf;
    private readonly int _words;
    private readonly Dictionary<string, int> _households = new(StringComparer.Ordinal);
    private readonly List<ulong> _bits = [];

    public ComplexCases(IEnumerable<RuleOptions> rules)
    {
        var all = rules.ToList();
        var uncounted = all.Where(r => r.Shape is RuleShape.ComplexCase or RuleShape.IdInvalid or RuleShape.IdNameMismatch)
            .Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var counted = all.Where(r => !uncounted.Contains(r.Code)).DistinctBy(r => r.Code, StringComparer.Ordinal)
            .OrderBy(r => r.Code, StringComparer.Ordinal).ToArray();
        _labels = [.. counted.Select(r => r.Label)];
        _bitOf = counted.Select((rule, bit) => (rule.Code, bit)).ToDictionary(c => c.Code, c => c.bit, StringComparer.Ordinal);
        _words = (counted.Length + 63) / 64;
    }

    /// <summary>Notes a warning of the run: a household's, under a code that counts.</summary>
    public void Add(Warning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        if (warning.HouseholdId.Length == 0 || !_bitOf.TryGetValue(warning.Code, out var bit))
        {
            return;
        }

        ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(_households, warning.HouseholdId, out var known);
        if (!known)
        {
            at = _bits.Count;
            CollectionsMarshal.SetCount(_bits, _bits.Count + _words);
        }

        CollectionsMarshal.AsSpan(_bits)[at + (bit / 64)] |= 1UL << (bit % 64);
    }

    /// <summary>The complex cases <paramref name="rule"/> finds among the warnings noted.</summary>
    public IEnumerable<Warning> Evaluate(RuleOptions rule, RuleContext context)
    {
        foreach (var (householdId, at) in _households)
        {
            var count = 0;
            foreach (var word in Words(at))
            {
                count += BitOperations.PopCount(word);
            }

            var head = count >= rule.MinCodes ? context.Population.HeadOf(householdId) : -1;
            if (head >= 0)
            {
                // The labels a clerk reads (教育救助政策落实不到位), in code order so the facts read the same every run.
                var detail = $"同户有{count}类预警：{string.Join('、', Labels(at))}";
                yield return context.ForMember(rule, head, rule.Receiver, SourceCodes.LowIncome, detail);
            }
        }
    }

    private ReadOnlySpan<ulong> Words(int at) => CollectionsMarshal.AsSpan(_bits).Slice(at, _words);

    /// <summary>The labels of the codes whose bits are set in the household's words at <paramref name="at"/>, in code order.</summary>
    private List<string> Labels(int at)
    {
        var labels = new List<string>();
        for (var bit = 0; bit < _labels.Length; bit++)
        {
            if ((Words(at)[bit / 64] & (1UL << (bit % 64))) != 0)
            {
                labels.Add(_labels[bit]);
            }
        }

        return labels;
    }
}
