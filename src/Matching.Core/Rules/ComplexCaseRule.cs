using System.Numerics;
using System.Runtime.InteropServices;

namespace Matching.Core.Rules;

/// <summary>
/// <see cref="RuleShape.ComplexCase"/>: a household with warnings of <see cref="RuleOptions.MinCodes"/> or more
/// distinct codes goes to the coordination mechanism (困难情形复杂, 一事一议). Data problems (ID warnings, which
/// ask a department to correct a record) and other complex-case codes do not count.
/// </summary>
internal static class ComplexCaseRule
{
    public static IEnumerable<Warning> Evaluate(RuleOptions rule, RuleContext context, IReadOnlyList<Warning> found, IReadOnlySet<string> uncounted)
    {
        bool Counts(Warning warning) => warning.HouseholdId.Length > 0 && !uncounted.Contains(warning.Code);

        // The codes that count, in code order, each with the label first seen for it (what a clerk reads).
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var warning in found)
        {
            if (Counts(warning))
            {
                labels.TryAdd(warning.Code, warning.Label);
            }
        }

        var codes = labels.ToArray();
        var bitOf = codes.Select((code, bit) => (code.Key, bit)).ToDictionary(c => c.Key, c => c.bit, StringComparer.Ordinal);

        // A household's codes as bits, in words of one flat buffer, households in the order their first warning came:
        // a city's run finds warnings in a couple of hundred thousand households, and a set each took ~200 bytes.
        var words = (codes.Length + 63) / 64;
        var households = new Dictionary<string, int>(StringComparer.Ordinal);
        var bits = new List<ulong>();
        foreach (var warning in found)
        {
            if (!Counts(warning))
            {
                continue;
            }

            ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(households, warning.HouseholdId, out var known);
            if (!known)
            {
                at = bits.Count;
                CollectionsMarshal.SetCount(bits, bits.Count + words);
            }

            var bit = bitOf[warning.Code];
            CollectionsMarshal.AsSpan(bits)[at + (bit / 64)] |= 1UL << (bit % 64);
        }

        foreach (var (householdId, at) in households)
        {
            var set = CollectionsMarshal.AsSpan(bits).Slice(at, words);
            var count = 0;
            foreach (var word in set)
            {
                count += BitOperations.PopCount(word);
            }

            var head = context.Population.HeadOf(householdId);
            if (count >= rule.MinCodes && head >= 0)
            {
                // The labels a clerk reads (教育救助政策落实不到位), in code order so the facts read the same every run.
                var named = new List<string>(count);
                for (var bit = 0; bit < codes.Length; bit++)
                {
                    if ((set[bit / 64] & (1UL << (bit % 64))) != 0)
                    {
                        named.Add(codes[bit].Value);
                    }
                }

                var detail = $"同户有{count}类预警：{string.Join('、', named)}";
                yield return context.ForMember(rule, head, rule.Receiver, RuleContext.LowIncomeSource, detail);
            }
        }
    }
}
