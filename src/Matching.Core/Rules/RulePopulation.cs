using System.Runtime.InteropServices;
using Matching.Core.Identity;
using Matching.Core.Population;

namespace Matching.Core.Rules;

/// <summary>
/// The active low-income population as the rules see it: the matching index, and for every person-in-household
/// (the index's positions) the member's categories and flags and the household's place, income, housing and aid.
/// Held as columns, one array per field, names packed in one buffer (<see cref="PackedNames"/>: a million names as
/// strings took ~36 MB more); the index shares the key, name and household columns rather than copying them.
/// <see cref="Member(int)"/> makes a member's record on demand.
/// </summary>
public sealed class RulePopulation
{
    private readonly long[] _keys;
    private readonly PackedNames _names;
    private readonly string[] _householdIds;
    private readonly string[] _relations;
    private readonly string[] _tekunSupport;
    private readonly AidCategory[] _categories;
    private readonly byte[] _flags;
    private readonly Dictionary<string, Household> _households;

    // Each person's household, looked up once: the rules ask for it per record (a year of bills: millions of times).
    private readonly Household[] _householdOf;
    private readonly Lazy<HouseholdMembers> _byHousehold;
    private readonly Lazy<int[]> _byKey;
    private Lazy<PopulationIndex> _index;

    private const byte SeriousIllnessFlag = 1;
    private const byte SevereDisabilityFlag = 2;

    public RulePopulation(LowIncomeSnapshot snapshot)
        : this(Build(snapshot))
    {
    }

    private RulePopulation(Builder built)
    {
        var count = built.Count;
        _keys = Exact(built.Keys, count);
        _names = built.Names.Build();
        _householdIds = Exact(built.HouseholdIds, count);
        _relations = Exact(built.Relations, count);
        _tekunSupport = Exact(built.TekunSupport, count);
        _categories = Exact(built.Categories, count);
        _flags = Exact(built.Flags, count);
        _households = built.Households;

        // Grown by doubling while read: up to half its entries empty (7 MB at 381k households), for the whole run.
        _households.TrimExcess();
        _householdOf = Exact(built.HouseholdOf, count);
        for (var person = 0; person < count; person++)
        {
            // Each member's household found as it was added (once per member, not again here); one not read, empty.
            _householdOf[person] ??= new Household { HouseholdId = _householdIds[person] };
        }

        // Built on first use: the duplicate-aid check on every low-income import needs neither.
        _byHousehold = new Lazy<HouseholdMembers>(GroupByHousehold);
        _byKey = new Lazy<int[]>(SortByKey);
        _index = NewIndex();
    }

    private RulePopulation(RulePopulationColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var count = columns.Keys.Length;
        if (columns.Names.Count != count || columns.HouseholdIds.Length != count || columns.Relations.Length != count
            || columns.TekunSupport.Length != count || columns.Categories.Length != count || columns.Flags.Length != count)
        {
            throw new ArgumentException("columns of different lengths", nameof(columns));
        }

        _keys = columns.Keys;
        _names = columns.Names;
        _householdIds = columns.HouseholdIds;
        _relations = columns.Relations;
        _tekunSupport = columns.TekunSupport;
        _categories = columns.Categories;
        _flags = columns.Flags;
        _households = new Dictionary<string, Household>(columns.Households.Length, StringComparer.Ordinal);
        foreach (var household in columns.Households)
        {
            _households[household.HouseholdId] = household;
        }

        _householdOf = HouseholdsOfPersons();

        _byHousehold = new Lazy<HouseholdMembers>(GroupByHousehold);
        _byKey = new Lazy<int[]>(SortByKey);
        _index = NewIndex();
    }

    /// <summary>A population from its columns as <see cref="Columns"/> gave them (read back from a persisted image).</summary>
    /// <exception cref="ArgumentException">Columns of different lengths.</exception>
    public static RulePopulation FromColumns(RulePopulationColumns columns) => new(columns);

    /// <summary>
    /// The population's columns as held (not copies: not to be changed), its households in no particular order: what a
    /// persisted image stores, and <see cref="FromColumns"/> takes back.
    /// </summary>
    public RulePopulationColumns Columns() =>
        new(_keys, _names, _householdIds, _relations, _tekunSupport, _categories, _flags, [.. _households.Values]);

    private Household[] HouseholdsOfPersons()
    {
        var households = new Household[_householdIds.Length];
        for (var person = 0; person < households.Length; person++)
        {
            households[person] = Household(_householdIds[person]);
        }

        return households;
    }

    /// <summary>The array itself when it is exactly full (a builder sized from a count), else its filled part.</summary>
    private static T[] Exact<T>(T[] array, int count) => array.Length == count ? array : array.AsSpan(0, count).ToArray();

    private static Builder Build(LowIncomeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var builder = new Builder(snapshot.Members.Count, snapshot.Households.Count);
        foreach (var household in snapshot.Households)
        {
            builder.Add(household);
        }

        foreach (var member in snapshot.Members)
        {
            builder.Add(member.HouseholdId, member.Id.Key, member.Name, member.Relation, member.Categories, member.SeriousIllness,
                member.SevereDisability, member.TekunSupport);
        }

        return builder;
    }

    /// <summary>
    /// Gathers a population household by household and member by member, straight from where it is read (no
    /// record per member on the way).
    /// </summary>
    public sealed class Builder
    {
        internal long[] Keys;
        internal PackedNames.Builder Names;
        internal string[] HouseholdIds;

        // Each member's household as found when the member was added; null where it was not (yet) added.
        internal Household[] HouseholdOf;
        internal string[] Relations;
        internal string[] TekunSupport;
        internal AidCategory[] Categories;
        internal byte[] Flags;
        internal readonly Dictionary<string, Household> Households;

        /// <param name="capacity">How many members to make room for (grown as needed).</param>
        /// <param name="households">How many households to make room for (grown as needed).</param>
        public Builder(int capacity = 1024, int households = 0)
        {
            Households = new(Math.Max(households, 0), StringComparer.Ordinal);
            capacity = Math.Max(capacity, 16);
            Keys = HugePages.NewArray<long>(capacity);
            Names = new PackedNames.Builder(capacity);
            HouseholdIds = new string[capacity];
            HouseholdOf = new Household[capacity];
            Relations = new string[capacity];
            TekunSupport = new string[capacity];
            Categories = HugePages.NewArray<AidCategory>(capacity);
            Flags = HugePages.NewArray<byte>(capacity);
        }

        /// <summary>Members added so far.</summary>
        public int Count { get; private set; }

        /// <summary>
        /// Adds a household (a member's household id finds it; a later one of the same id replaces it for the members
        /// added after it: each member keeps the household it was added with).
        /// </summary>
        public void Add(Household household)
        {
            ArgumentNullException.ThrowIfNull(household);
            Households[household.HouseholdId] = household;
        }

        /// <summary>Adds a member; its household id is shared with its household's when that was added first.</summary>
        public void Add(string householdId, long idKey, ReadOnlySpan<char> name, string relation, AidCategory categories, bool seriousIllness,
            bool severeDisability, string tekunSupport) =>
            Add(householdId, null, idKey, name, relation, categories, seriousIllness, severeDisability, tekunSupport);

        /// <summary>
        /// Adds a member of <paramref name="household"/> when the caller has it at hand (one given to
        /// <see cref="Add(Household)"/>, of id <paramref name="householdId"/>): no look-up by id, which at a million
        /// members is a cache miss each. Null: looked up by <paramref name="householdId"/>, as the other overload does.
        /// </summary>
        public void Add(string householdId, Household? household, long idKey, ReadOnlySpan<char> name, string relation, AidCategory categories,
            bool seriousIllness, bool severeDisability, string tekunSupport)
        {
            AddUnplaced(idKey, name, relation, categories, seriousIllness, severeDisability, tekunSupport);
            if (household is null)
            {
                Households.TryGetValue(householdId, out household);
            }

            Place(Count - 1, householdId, household);
        }

        /// <summary>
        /// Adds a member whose household is given later (<see cref="Place"/>): for a store that reads the members on one
        /// thread while another adds their households. It touches nothing <see cref="Add(Household)"/> does, so the two
        /// may run at once (one thread each); nothing else may.
        /// </summary>
        public void AddUnplaced(long idKey, ReadOnlySpan<char> name, string relation, AidCategory categories, bool seriousIllness,
            bool severeDisability, string tekunSupport)
        {
            if (Count == Keys.Length)
            {
                Grow();
            }

            var i = Count++;
            Keys[i] = idKey;
            Names.Add(name);
            Relations[i] = relation;
            TekunSupport[i] = tekunSupport;
            Categories[i] = categories;
            Flags[i] = (byte)((seriousIllness ? SeriousIllnessFlag : 0) | (severeDisability ? SevereDisabilityFlag : 0));
        }

        /// <summary>
        /// Gives a member added by <see cref="AddUnplaced"/> its household, as <see cref="Add(string, Household?, long,
        /// ReadOnlySpan{char}, string, AidCategory, bool, bool, string)"/> would have: <paramref name="household"/>, or
        /// null for one not added (the member then keeps <paramref name="householdId"/> alone).
        /// </summary>
        public void Place(int member, string householdId, Household? household)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)member, (uint)Count, nameof(member));
            HouseholdIds[member] = household?.HouseholdId ?? householdId;
            HouseholdOf[member] = household!;
        }

        /// <summary>
        /// Puts the members added so far in the order of their groups (<paramref name="groups"/>: one per member, in the
        /// order they were added, each from 0 up), keeping the order they were added in within a group: a stable
        /// counting sort, linear. A store that reads members in storage order, cheaper than having the database sort
        /// them, passes each member's household's place in household order and gets the order a sorted read gives.
        /// </summary>
        /// <exception cref="ArgumentException">Not one group per member, or a negative group.</exception>
        public void OrderByGroup(ReadOnlySpan<int> groups)
        {
            if (groups.Length != Count)
            {
                throw new ArgumentException($"{groups.Length} groups for {Count} members", nameof(groups));
            }

            var most = -1;
            var ordered = true;
            for (var i = 0; i < groups.Length; i++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(groups[i], nameof(groups));
                ordered &= groups[i] >= most;
                most = Math.Max(most, groups[i]);
            }

            if (ordered)
            {
                return;
            }

            // starts[g]: where group g begins in the new order; from[new place] = the member's place as added.
            var starts = new int[most + 2];
            foreach (var group in groups)
            {
                starts[group + 1]++;
            }

            for (var g = 1; g < starts.Length; g++)
            {
                starts[g] += starts[g - 1];
            }

            var from = new int[Count];
            for (var i = 0; i < groups.Length; i++)
            {
                from[starts[groups[i]]++] = i;
            }

            // The columns in place, cycle by cycle, rather than copied: at 1M members the names (copied into a new
            // buffer), the order and the marks below are all this allocates, about 9 MB besides the names. All the
            // columns move together along each cycle: one walk of the order and the marks, and the columns' reads at
            // one place independent of each other (1M members in households of 1–5 in random id order: 360–500 → 225–245 ms).
            Permute(from, new bool[Count]);
            var names = new PackedNames.Builder(Count);
            foreach (var member in from)
            {
                names.Add(Names.Span(member));
            }

            Names = names;
        }

        /// <summary>Each column's [i] becomes what its [from[i]] was, for i below from's length, following each cycle once.</summary>
        private void Permute(int[] from, bool[] done)
        {
            var (keys, households, relations, support, categories, flags) = (Keys, HouseholdIds, Relations, TekunSupport, Categories, Flags);
            var of = HouseholdOf;
            for (var start = 0; start < from.Length; start++)
            {
                if (done[start])
                {
                    continue;
                }

                var (key, household, relation, tekun, category, flag) =
                    (keys[start], households[start], relations[start], support[start], categories[start], flags[start]);
                var itsHousehold = of[start];
                var at = start;
                while (true)
                {
                    done[at] = true;
                    var next = from[at];
                    if (next == start)
                    {
                        (keys[at], households[at], relations[at], support[at], categories[at], flags[at]) = (key, household, relation, tekun, category, flag);
                        of[at] = itsHousehold;
                        break;
                    }

                    keys[at] = keys[next];
                    households[at] = households[next];
                    of[at] = of[next];
                    relations[at] = relations[next];
                    support[at] = support[next];
                    categories[at] = categories[next];
                    flags[at] = flags[next];
                    at = next;
                }
            }
        }

        private void Grow()
        {
            var size = Keys.Length * 2;
            Array.Resize(ref Keys, size);
            Array.Resize(ref HouseholdIds, size);
            Array.Resize(ref HouseholdOf, size);
            Array.Resize(ref Relations, size);
            Array.Resize(ref TekunSupport, size);
            Array.Resize(ref Categories, size);
            Array.Resize(ref Flags, size);
        }

        public RulePopulation Build() => new(this);
    }

    /// <summary>The index the matcher looks persons up in; its person numbers are this population's.</summary>
    public PopulationIndex Index => _index.Value;

    /// <summary>
    /// Lets the index go (its look-up table and fallback blocks: ~50 MB at a million persons) once the records are
    /// matched: judging them needs the population's columns, not the index. Built again if asked for. Not while another
    /// thread may still use <see cref="Index"/>: the run calls it once its reader has finished.
    /// </summary>
    public void ReleaseIndex()
    {
        if (_index.IsValueCreated)
        {
            _index = NewIndex();
        }
    }

    private Lazy<PopulationIndex> NewIndex() => new(() => new PopulationIndex(_keys, _names, _householdIds));

    public int Count => _keys.Length;

    /// <summary>A member's record, made on demand (the population holds columns).</summary>
    public Member Member(int person) => new()
    {
        HouseholdId = _householdIds[person],
        Id = IdNumber.FromKey(_keys[person]),
        Name = new string(_names[person]),
        Relation = _relations[person],
        Categories = _categories[person],
        SeriousIllness = (_flags[person] & SeriousIllnessFlag) != 0,
        SevereDisability = (_flags[person] & SevereDisabilityFlag) != 0,
        TekunSupport = _tekunSupport[person],
    };

    /// <summary>A member's ID key.</summary>
    public long IdKey(int person) => _keys[person];

    /// <summary>A member's categories.</summary>
    public AidCategory CategoriesOf(int person) => _categories[person];

    /// <summary>A member's household id.</summary>
    public string HouseholdIdOf(int person) => _householdIds[person];

    /// <summary>A member's 特困供养方式 as stored.</summary>
    public string TekunSupportOf(int person) => _tekunSupport[person];

    /// <summary>The household of <paramref name="person"/> (an empty one when the snapshot lacks it).</summary>
    public Household HouseholdOf(int person) => _householdOf[person];

    public Household Household(string householdId) =>
        _households.TryGetValue(householdId, out var household) ? household : new Household { HouseholdId = householdId };

    public IEnumerable<string> HouseholdIds => _byHousehold.Value.Ids;

    /// <summary>
    /// The persons of household number <paramref name="number"/> (<see cref="HouseholdIdAt"/>), in snapshot order: an
    /// array's slice, where <see cref="MembersOf(string)"/> hashes the household's id.
    /// </summary>
    internal ReadOnlySpan<int> MembersAt(int number)
    {
        var grouped = _byHousehold.Value;
        return grouped.Persons.AsSpan(grouped.Starts[number], grouped.Starts[number + 1] - grouped.Starts[number]);
    }

    /// <summary>The persons of a household, in snapshot order.</summary>
    public ReadOnlySpan<int> MembersOf(string householdId) =>
        _byHousehold.Value.NumberOf.TryGetValue(householdId, out var number) ? MembersAt(number) : [];

    /// <summary>The union of the categories of a household's members.</summary>
    public AidCategory CategoriesOf(string householdId)
    {
        var categories = AidCategory.None;
        foreach (var person in MembersOf(householdId))
        {
            categories |= _categories[person];
        }

        return categories;
    }

    /// <summary>The person household-level warnings name: the head (户主), else the household's first member.</summary>
    public int HeadOf(string householdId) => HeadOf(MembersOf(householdId));

    /// <summary>The head (户主) among <paramref name="members"/>, else the first of them; -1 for none.</summary>
    internal int HeadOf(ReadOnlySpan<int> members)
    {
        foreach (var person in members)
        {
            if (_relations[person] == "户主")
            {
                return person;
            }
        }

        return members.Length > 0 ? members[0] : -1;
    }

    /// <summary>
    /// Persons grouped by household in two flat pieces: every person number, household after household (each in
    /// snapshot order), and where each household's run starts. A province's million persons need two arrays and one
    /// dictionary entry per household, not a list each.
    /// </summary>
    /// <param name="Persons">Every person number, household after household.</param>
    /// <param name="Starts">Where each household's run of <paramref name="Persons"/> starts, by number, and where the last one ends.</param>
    /// <param name="Numbers">Each person's household number: the household's place in <paramref name="Ids"/>.</param>
    /// <param name="Ids">The household ids by number (first seen first).</param>
    /// <param name="NumberOf">Each household id's number.</param>
    private sealed record HouseholdMembers(int[] Persons, int[] Starts, int[] Numbers, string[] Ids, Dictionary<string, int> NumberOf);

    /// <summary>
    /// Groups the members by household, and sorts them by ID, now, on the calling thread, rather than on the first use
    /// by the population's own rules and the complex cases (after the record warnings): a run has it done on its idle
    /// core while the first warnings are written, which leave it mostly idle. Safe beside any other use: each is made once.
    /// </summary>
    public void GroupHouseholds()
    {
        _ = _byHousehold.Value;
        _ = _byKey.Value;
    }

    /// <summary>Every person, by ID key, a key's persons in person order: a person listed more than once is side by side.</summary>
    internal ReadOnlySpan<int> PersonsByKey => _byKey.Value;

    private int[] SortByKey()
    {
        var keys = _keys.AsSpan().ToArray();
        var persons = new int[keys.Length];
        for (var person = 0; person < persons.Length; person++)
        {
            persons[person] = person;
        }

        Array.Sort(keys, persons);

        // The sort is not stable: a key's persons back in person order (few keys have more than one).
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                persons.AsSpan(start, end - start).Sort();
            }

            start = end;
        }

        return persons;
    }

    /// <summary>How many households the members belong to (the range of <see cref="HouseholdNumberOf"/>).</summary>
    internal int HouseholdCount => _byHousehold.Value.Ids.Length;

    /// <summary>A member's household as a number from 0 to <see cref="HouseholdCount"/>: an array index, not a hashed look-up.</summary>
    internal int HouseholdNumberOf(int person) => _byHousehold.Value.Numbers[person];

    /// <summary>The id of household number <paramref name="number"/>.</summary>
    internal string HouseholdIdAt(int number) => _byHousehold.Value.Ids[number];

    private HouseholdMembers GroupByHousehold() => GroupContiguous() ?? GroupScattered();

    /// <summary>
    /// The grouping when each household's members are next to each other, as a run's population holds them (a store
    /// reads them in household order, and an image keeps it): every household's run found in one pass, each person
    /// where they are, one look-up per household instead of three per person (1M persons: what the run's third thread
    /// spent most of its time on while the warnings were made and written). Null when a household's members are apart.
    /// </summary>
    private HouseholdMembers? GroupContiguous()
    {
        var count = _householdIds.Length;
        var numberOf = new Dictionary<string, int>(_households.Count, StringComparer.Ordinal);
        var ids = new List<string>(_households.Count);
        var starts = new List<int>(_households.Count + 1);
        var numbers = new int[count];
        for (var person = 0; person < count; person++)
        {
            if (person == 0 || !string.Equals(_householdIds[person], _householdIds[person - 1], StringComparison.Ordinal))
            {
                if (!numberOf.TryAdd(_householdIds[person], ids.Count))
                {
                    // Seen before, further back: its members are apart.
                    return null;
                }

                ids.Add(_householdIds[person]);
                starts.Add(person);
            }

            numbers[person] = ids.Count - 1;
        }

        starts.Add(count);
        var persons = new int[count];
        for (var person = 0; person < count; person++)
        {
            persons[person] = person;
        }

        return new HouseholdMembers(persons, [.. starts], numbers, [.. ids], numberOf);
    }

    /// <summary>The grouping whatever the order: a household's members may be anywhere among the persons.</summary>
    private HouseholdMembers GroupScattered()
    {
        var count = _householdIds.Length;
        var numberOf = new Dictionary<string, int>(_households.Count, StringComparer.Ordinal);
        var ids = new List<string>(_households.Count);
        var numbers = new int[count];
        for (var person = 0; person < count; person++)
        {
            ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numberOf, _householdIds[person], out var seen);
            if (!seen)
            {
                number = ids.Count;
                ids.Add(_householdIds[person]);
            }

            numbers[person] = number;
        }

        // Each household's run starts after the runs of those seen before it; its persons go in in their order.
        var starts = new int[ids.Count + 1];
        foreach (var number in numbers)
        {
            starts[number + 1]++;
        }

        for (var number = 1; number < starts.Length; number++)
        {
            starts[number] += starts[number - 1];
        }

        var next = starts[..^1];
        var persons = new int[count];
        for (var person = 0; person < count; person++)
        {
            persons[next[numbers[person]]++] = person;
        }

        return new HouseholdMembers(persons, starts, numbers, [.. ids], numberOf);
    }
}
