using System.Globalization;
using Matching.Core.Departments;
using Matching.Core.Identity;

namespace Matching.Core.Rules;

/// <summary>
/// The shapes that add up amounts over a window before the run date: per person (支出骤增: MED_AID_GAP for members,
/// SPENDING_SURGE for others) and per household against its income (刚性支出: RIGID_SPENDING). Records stream in
/// (<see cref="Add"/>): only a running total per person or household is kept, never the records. A record without
/// a date counts (a snapshot is taken to cover the window; a ledger's undated event counts by the day its file came).
/// </summary>
internal sealed class SpendingRules
{
    private readonly RuleOptions _rule;
    private readonly RuleContext _context;

    // Members by person number, others by ID key; households by id. The first record kept for the warning's source and row.
    private readonly Dictionary<long, Total> _persons = [];
    private readonly Dictionary<string, Total> _households = new(StringComparer.Ordinal);

    public SpendingRules(RuleOptions rule, RuleContext context)
    {
        _rule = rule;
        _context = context;
    }

    private sealed class Total(RecordRef first)
    {
        public RecordRef First { get; } = first;
        public long Fen { get; set; }
        public int Count { get; set; }
    }

    /// <summary>Adds <paramref name="record"/>'s amount, when the rule reads it, it is in the window and has an amount.</summary>
    public void Add(RuleRecord record)
    {
        if (record.AmountFen(_rule.AmountField) is not { } fen || !_context.InWindow(_rule, record))
        {
            return;
        }

        if (_rule.Shape == RuleShape.HouseholdSpending)
        {
            if (record.Match.IsMatched)
            {
                Accumulate(_households, _context.Population.HouseholdIdOf(record.Match.Person), record, fen);
            }
        }
        else if (_rule.Covered && record.Match.IsMatched)
        {
            Accumulate(_persons, record.Match.Person, record, fen);
        }
        else if (!_rule.Covered && record.IsStranger)
        {
            Accumulate(_persons, record.Match.Parsed.Id.Key, record, fen);
        }
    }

    private static void Accumulate<TKey>(Dictionary<TKey, Total> totals, TKey key, RuleRecord record, long fen)
        where TKey : notnull
    {
        if (!totals.TryGetValue(key, out var total))
        {
            totals[key] = total = new Total(RecordRef.Of(record));
        }

        total.Fen += fen;
        total.Count++;
    }

    public IEnumerable<Warning> Finish() => _rule.Shape == RuleShape.HouseholdSpending ? Households() : Persons();

    /// <summary><see cref="RuleShape.Spending"/>: a person's total exceeds <see cref="RuleOptions.Threshold"/>.</summary>
    private IEnumerable<Warning> Persons()
    {
        foreach (var (key, t) in _persons)
        {
            // 支出骤增 is spending *over* a threshold (超过一定数额, the policy; CONTRACT: "over the threshold").
            var total = Fen.ToYuan(t.Fen);
            if (total <= _rule.Threshold)
            {
                continue;
            }

            var first = t.First;
            var spent = $"近{_rule.Months}个月{_context.FieldName(first.Department, _rule.AmountField)}合计{RuleText.Yuan(total)}元（{t.Count}笔），超过{RuleText.Yuan(_rule.Threshold)}元";
            var receiver = _context.Receiver(_rule, first.Department);
            if (!_rule.Covered)
            {
                var id = IdNumber.FromKey(key).Value;
                yield return new Warning
                {
                    Code = _rule.Code,
                    Label = _rule.Label,
                    Measure = _rule.Measure,
                    Receiver = receiver,
                    Subject = id,
                    IdText = id,
                    Name = first.Name,
                    Department = first.Department,
                    Detail = spent + "，不在低收入人口数据库中",
                    BatchId = first.BatchId,
                    SourceRow = first.SourceRow,
                };
                continue;
            }

            var person = (int)key;
            var member = _context.Population.Member(person);
            var household = _context.Population.HouseholdOf(person);
            if (RuleContext.Covers(_rule, member.Categories) && RuleContext.Lacks(_rule, household))
            {
                var detail = $"{RuleText.Categories(member.Categories)}人员，{spent}{RuleContext.LacksText(_rule)}";
                yield return _context.ForMember(_rule, person, receiver, first.Department, detail, first);
            }
        }
    }

    /// <summary>
    /// <see cref="RuleShape.HouseholdSpending"/>: the members' total reaches <see cref="RuleOptions.Ratio"/> of the
    /// household's annual income (a household without a known positive income is not judged).
    /// </summary>
    private IEnumerable<Warning> Households()
    {
        foreach (var (householdId, t) in _households)
        {
            var total = Fen.ToYuan(t.Fen);
            var household = _context.Population.Household(householdId);
            var head = _context.Population.HeadOf(householdId);
            if (head < 0 || household.AnnualIncome is not > 0m || total < _rule.Ratio * household.AnnualIncome.Value ||
                !RuleContext.Covers(_rule, _context.Population.CategoriesOf(householdId)) || !RuleContext.Lacks(_rule, household))
            {
                continue;
            }

            var first = t.First;
            var share = (total / household.AnnualIncome.Value).ToString("0%", CultureInfo.InvariantCulture);
            var detail = $"近{_rule.Months}个月家庭成员{_context.FieldName(first.Department, _rule.AmountField)}合计{RuleText.Yuan(total)}元（{t.Count}笔），" +
                $"家庭年收入{RuleText.Yuan(household.AnnualIncome.Value)}元，占{share}，达到{_rule.Ratio.ToString("0%", CultureInfo.InvariantCulture)}";
            yield return _context.ForMember(_rule, head, _context.Receiver(_rule, first.Department), first.Department, detail, first) with
            {
                SourceRow = null,
            };
        }
    }
}
