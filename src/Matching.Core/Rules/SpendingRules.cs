using System.Globalization;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Core.Population;

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
/// population, not by the bills), a stranger's in a flat table by ID key (<see cref="StrangerTable"/>). Each total
/// remembers its first record in 8 bytes (the batch by its place in a small table); a stranger's also keeps the name
/// that record wrote, which its warning shows, packed with the others in one buffer. Totals are reported in the
/// order their first amount came, as records arrived.
/// </remarks>
internal sealed class SpendingRules
{
    private readonly RuleOptions _rule;
    private readonly RuleContext _context;

    // Members by person number, households by household number, with the order each was first added up.
    private Total[]? _dense;
    private readonly List<int> _order = [];

    // Persons not in the database, by ID key.
    private readonly StrangerTable _strangers = new();

    // The batches records came from: a total names its first record's batch by its place here.
    private readonly List<(string Department, long BatchId)> _batches = [];

    public SpendingRules(RuleOptions rule, RuleContext context)
    {
        _rule = rule;
        _context = context;
    }

    /// <summary>
    /// A total's first record in 8 bytes: its row (40 bits), its batch (16 bits: a place in <see cref="_batches"/>)
    /// and its match method.
    /// </summary>
    private readonly struct First
    {
        private const int MaxBatches = 1 << 16;
        private const long MaxRow = (1L << 40) - 1;
        private readonly ulong _bits;

        public First(long sourceRow, int batch, MatchMethod method)
        {
            if (sourceRow is < 0 or > MaxRow || (uint)batch >= MaxBatches)
            {
                throw new InvalidOperationException($"a run adds up at most {MaxBatches} batches of at most {MaxRow} rows each");
            }

            _bits = ((ulong)sourceRow << 24) | ((ulong)batch << 8) | (byte)method;
        }

        public long SourceRow => (long)(_bits >> 24);

        public int Batch => (int)((_bits >> 8) & 0xFFFF);

        public MatchMethod Method => (MatchMethod)(byte)_bits;
    }

    /// <summary>A running total: 24 bytes.</summary>
    private struct Total
    {
        public long Fen;
        public First First;
        public int Count;

        /// <summary>A stranger's place in first-seen order (the padding a member's or household's total leaves unused).</summary>
        public int Order;
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
            Accumulate(ref _strangers.Get(record.Match.Parsed.Id.Key, record.Name), record, fen);
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
        foreach (var (key, t) in _strangers.InOrder(t => Fen.ToYuan(t.Fen) > _rule.Threshold))
        {
            var total = Fen.ToYuan(t.Fen);
            var first = RefOf(t.First, _strangers.NameOf(t));
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

    /// <summary>
    /// Strangers' totals by ID key: a flat open-addressing table (linear probing and Fibonacci hashing, as
    /// <see cref="KeyTable"/>) of 32-byte slots that doubles past three-quarters load, each stranger's name packed
    /// with the others in one buffer in first-seen order. A year of a city's bills names hundreds of thousands of
    /// strangers (709k in the bench's ledger): a dictionary of structs with a name string each took about 140 bytes
    /// a stranger, this about 55.
    /// </summary>
    private sealed class StrangerTable
    {
        private Slot[] _slots = new Slot[1024];
        private int _shift = 64 - 10;
        private readonly PackedNames.Builder _names = new(1024);

        private struct Slot
        {
            /// <summary>The ID key (first 17 digits: always positive); 0 marks an empty slot.</summary>
            public long Key;
            public Total Total;
        }

        public int Count { get; private set; }

        /// <summary>The total of the stranger with ID key <paramref name="key"/>; a new one remembers <paramref name="name"/>.</summary>
        public ref Total Get(long key, string name)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(key);
            while (true)
            {
                var mask = _slots.Length - 1;
                var i = KeyTable.Home(key, _shift);
                while (_slots[i].Key != 0 && _slots[i].Key != key)
                {
                    i = (i + 1) & mask;
                }

                ref var slot = ref _slots[i];
                if (slot.Key == key)
                {
                    return ref slot.Total;
                }

                if (Count < _slots.Length / 4 * 3)
                {
                    slot.Key = key;
                    slot.Total.Order = Count++;
                    _names.Add(name);
                    return ref slot.Total;
                }

                Grow();
            }
        }

        /// <summary>The name the stranger's first record wrote.</summary>
        public string NameOf(in Total total) => _names[total.Order];

        /// <summary>The strangers whose totals pass <paramref name="keep"/>, in the order they were first seen.</summary>
        public List<(long Key, Total Total)> InOrder(Func<Total, bool> keep)
        {
            var kept = new List<(long Key, Total Total)>();
            foreach (var slot in _slots)
            {
                if (slot.Key != 0 && keep(slot.Total))
                {
                    kept.Add((slot.Key, slot.Total));
                }
            }

            kept.Sort(static (a, b) => a.Total.Order.CompareTo(b.Total.Order));
            return kept;
        }

        private void Grow()
        {
            var old = _slots;
            _slots = new Slot[old.Length * 2];
            _shift--;
            var mask = _slots.Length - 1;
            foreach (var slot in old)
            {
                if (slot.Key == 0)
                {
                    continue;
                }

                var i = KeyTable.Home(slot.Key, _shift);
                while (_slots[i].Key != 0)
                {
                    i = (i + 1) & mask;
                }

                _slots[i] = slot;
            }
        }
    }
}
