using System.Globalization;
using System.Runtime.InteropServices;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Core.Matching;

namespace Matching.Core.Rules;

/// <summary>
/// The shapes that add up amounts over a window before the run date: per person (支出骤增: MED_AID_GAP for members,
/// SPENDING_SURGE for others) and per household against its income (刚性支出: RIGID_SPENDING). Records stream in
/// (<see cref="Add"/>): only a running total per person or household is kept, never the records. A record without
/// a date counts (a snapshot is taken to cover the window; a ledger's undated event counts by the day its file came).
/// </summary>
/// <remarks>
/// A year of a city's bills names about as many people as the population holds, so the totals are kept flat: a
/// member's or a household's in an array indexed by its number (allocated on the first amount, sized by the
/// population, not by the bills), a stranger's in a dictionary of structs by ID key. Each total remembers its
/// first record in 16 bytes (the batch by its place in a small table); a stranger's also keeps the name that record
/// wrote, which its warning shows. Totals are reported in the order their first amount came, as records arrived.
/// </remarks>
internal sealed class SpendingRules
{
    private readonly RuleOptions _rule;
    private readonly RuleContext _context;

    // Members by person number, households by household number, with the order each was first added up.
    private Total[]? _dense;
    private readonly List<int> _order = [];

    // Persons not in the database, by ID key (insertion order is first-seen order: nothing is removed).
    private readonly Dictionary<long, Stranger> _strangers = [];

    // The batches records came from: a total names its first record's batch by its place here.
    private readonly List<(string Department, long BatchId)> _batches = [];

    public SpendingRules(RuleOptions rule, RuleContext context)
    {
        _rule = rule;
        _context = context;
    }

    /// <summary>A total's first record: its batch (a place in <see cref="_batches"/>), row and match method.</summary>
    private readonly record struct First(long SourceRow, int Batch, MatchMethod Method);

    private struct Total
    {
        public long Fen;
        public int Count;
        public First First;
    }

    private struct Stranger
    {
        public Total Total;
        public string Name;
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
                AddDense(_context.Population.HouseholdNumberOf(record.Match.Person), _context.Population.HouseholdCount, record, fen);
            }
        }
        else if (_rule.Covered && record.Match.IsMatched)
        {
            AddDense(record.Match.Person, _context.Population.Count, record, fen);
        }
        else if (!_rule.Covered && record.IsStranger)
        {
            ref var stranger = ref CollectionsMarshal.GetValueRefOrAddDefault(_strangers, record.Match.Parsed.Id.Key, out var known);
            if (!known)
            {
                stranger.Name = record.Name;
            }

            Accumulate(ref stranger.Total, record, fen);
        }
    }

    private void AddDense(int number, int size, RuleRecord record, long fen)
    {
        _dense ??= new Total[size];
        ref var total = ref _dense[number];
        if (total.Count == 0)
        {
            _order.Add(number);
        }

        Accumulate(ref total, record, fen);
    }

    private void Accumulate(ref Total total, RuleRecord record, long fen)
    {
        if (total.Count == 0)
        {
            total.First = new First(record.SourceRow, BatchOf(record), record.Match.Method);
        }

        total.Fen += fen;
        total.Count++;
    }

    private int BatchOf(RuleRecord record)
    {
        var last = _batches.Count - 1;
        if (last >= 0 && _batches[last].BatchId == record.BatchId && _batches[last].Department == record.Department)
        {
            return last;
        }

        _batches.Add((record.Department, record.BatchId));
        return last + 1;
    }

    /// <summary>What a warning keeps of a total's first record.</summary>
    private RecordRef RefOf(in First first, string name)
    {
        var (department, batchId) = _batches[first.Batch];
        return new RecordRef(department, batchId, first.SourceRow, first.Method, name);
    }

    public IEnumerable<Warning> Finish() => _rule.Shape == RuleShape.HouseholdSpending ? Households() : _rule.Covered ? Members() : Strangers();

    /// <summary>The detail's sum: "近12个月个人自付合计23000元（2笔），超过20000元".</summary>
    private string Spent(string department, decimal total, int count) =>
        $"近{_rule.Months}个月{_context.FieldName(department, _rule.AmountField)}合计{RuleText.Yuan(total)}元（{count}笔），超过{RuleText.Yuan(_rule.Threshold)}元";

    /// <summary><see cref="RuleShape.Spending"/> of members: a member's total exceeds <see cref="RuleOptions.Threshold"/>.</summary>
    private IEnumerable<Warning> Members()
    {
        foreach (var person in _order)
        {
            // 支出骤增 is spending *over* a threshold (超过一定数额, the policy; CONTRACT: "over the threshold").
            var t = _dense![person];
            var total = Fen.ToYuan(t.Fen);
            if (total <= _rule.Threshold)
            {
                continue;
            }

            var first = RefOf(t.First, string.Empty);
            var member = _context.Population.Member(person);
            var household = _context.Population.HouseholdOf(person);
            if (RuleContext.Covers(_rule, member.Categories) && RuleContext.Lacks(_rule, household))
            {
                var detail = $"{RuleText.Categories(member.Categories)}人员，{Spent(first.Department, total, t.Count)}{RuleContext.LacksText(_rule)}";
                yield return _context.ForMember(_rule, person, _context.Receiver(_rule, first.Department), first.Department, detail, first);
            }
        }
    }

    /// <summary><see cref="RuleShape.Spending"/> of persons not in the database: a total exceeds <see cref="RuleOptions.Threshold"/>.</summary>
    private IEnumerable<Warning> Strangers()
    {
        foreach (var (key, stranger) in _strangers)
        {
            var t = stranger.Total;
            var total = Fen.ToYuan(t.Fen);
            if (total <= _rule.Threshold)
            {
                continue;
            }

            var first = RefOf(t.First, stranger.Name);
            var id = IdNumber.FromKey(key).Value;
            yield return new Warning
            {
                Code = _rule.Code,
                Label = _rule.Label,
                Measure = _rule.Measure,
                Receiver = _context.Receiver(_rule, first.Department),
                Subject = id,
                IdText = id,
                Name = first.Name,
                Department = first.Department,
                Detail = Spent(first.Department, total, t.Count) + "，不在低收入人口数据库中",
                BatchId = first.BatchId,
                SourceRow = first.SourceRow,
            };
        }
    }

    /// <summary>
    /// <see cref="RuleShape.HouseholdSpending"/>: the members' total reaches <see cref="RuleOptions.Ratio"/> of the
    /// household's annual income (a household without a known positive income is not judged).
    /// </summary>
    private IEnumerable<Warning> Households()
    {
        foreach (var number in _order)
        {
            var t = _dense![number];
            var householdId = _context.Population.HouseholdIdAt(number);
            var total = Fen.ToYuan(t.Fen);
            var household = _context.Population.Household(householdId);
            var head = _context.Population.HeadOf(householdId);
            if (head < 0 || household.AnnualIncome is not > 0m || total < _rule.Ratio * household.AnnualIncome.Value ||
                !RuleContext.Covers(_rule, _context.Population.CategoriesOf(householdId)) || !RuleContext.Lacks(_rule, household))
            {
                continue;
            }

            var first = RefOf(t.First, string.Empty);
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
