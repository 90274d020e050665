using Matching.Core.Identity;

namespace Matching.Core.Population;

/// <summary>
/// The active low-income persons (低收入人口), held in memory for one matching run: looked up by the packed 64-bit ID
/// key (a flat hash table), and by blocks for the fallbacks (everyone sharing region and birth date: the first 14
/// digits; everyone born on a date). Built once per run from the database (or read back from its persisted image);
/// never queried per row. Names are packed into one char buffer with offsets: a million names as strings cost ~40 MB
/// of object headers and references, and as many allocations to build.
/// </summary>
public sealed class PopulationIndex
{
    private readonly long[] _keys;
    private readonly char[] _nameChars;
    private readonly int[] _nameStarts;
    private readonly string[]? _householdIds;
    private readonly KeyTable _byKey;
    private readonly Lazy<(long[] Keys, int[] Persons)> _sorted;
    private readonly Lazy<(int[] Dates, int[] Persons)> _byBirth;

    /// <param name="keys">ID keys (<see cref="IdNumber.Key"/>), one per person-in-household.</param>
    /// <param name="names">Names, parallel to <paramref name="keys"/>.</param>
    /// <param name="householdIds">Household ids (户编号), parallel to <paramref name="keys"/>; null when the run
    /// does not need them (matching alone does not: a million of them would be ~60 MB).</param>
    public PopulationIndex(long[] keys, string[] names, string[]? householdIds)
        : this(keys, Pack(names, keys?.Length ?? 0), householdIds)
    {
    }

    /// <summary>An index over names already packed (<see cref="PackedNames"/>): one buffer, one offset per person.</summary>
    /// <param name="keys">ID keys (<see cref="IdNumber.Key"/>), one per person-in-household.</param>
    /// <param name="names">Every name, one after the other, with <c>keys.Length + 1</c> ascending offsets into them.</param>
    /// <param name="householdIds">As above; null when not needed.</param>
    public PopulationIndex(long[] keys, PackedNames names, string[]? householdIds = null)
        : this(keys, names, ByKey(Parallel(keys, names, householdIds)), householdIds)
    {
    }

    private PopulationIndex(long[] keys, PackedNames names, KeyTable byKey, string[]? householdIds = null)
    {
        _keys = keys;
        _nameChars = names.Chars;
        _nameStarts = names.Starts;
        _householdIds = householdIds;
        _byKey = byKey;
        DuplicateCount = keys.Length - byKey.Count;
        _sorted = new Lazy<(long[], int[])>(SortByKey);
        _byBirth = new Lazy<(int[], int[])>(SortByBirth);
    }

    public int Count => _keys.Length;

    /// <summary><paramref name="keys"/>, once it is checked that the arrays are parallel.</summary>
    private static long[] Parallel(long[] keys, PackedNames names, string[]? householdIds)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count != keys.Length || (householdIds is not null && householdIds.Length != keys.Length))
        {
            throw new ArgumentException("keys, names and household ids must be parallel arrays");
        }

        return keys;
    }

    /// <summary>
    /// The look-up table: the same person in two households (重复救助) is a warning for the rules, not for matching,
    /// and the first entry answers look-ups.
    /// </summary>
    private static KeyTable ByKey(long[] keys)
    {
        var table = new KeyTable(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            table.TryAdd(keys[i], i);
        }

        return table;
    }

    /// <summary>Persons listed in more than one household.</summary>
    public int DuplicateCount { get; }

    public bool TryFind(long key, out int person) => _byKey.TryGetValue(key, out person);

    /// <summary>
    /// Looks up a batch of keys (0: none) and touches the names and IDs found, so that the look-ups of the same keys
    /// that follow (and the matched ID a result writes, <see cref="Id"/>) find them in cache: the table is too big for
    /// the cache, and a batch's probes wait for memory together instead of one after the other. Returns how many were
    /// found.
    /// </summary>
    public int Warm(ReadOnlySpan<long> keys)
    {
        var found = 0;
        foreach (var key in keys)
        {
            if (key > 0 && _byKey.TryGetValue(key, out var person))
            {
                // Reads the name's first char (its offset and its chars are then in cache too) and the person's key.
                var name = Name(person);
                found += (name.IsEmpty || name[0] != '\0') && _keys[person] != 0 ? 1 : 0;
            }
        }

        return found;
    }

    public bool Contains(long key) => _byKey.TryGetValue(key, out _);

    public IdNumber Id(int person) => IdNumber.FromTrustedKey(_keys[person]);

    public long Key(int person) => _keys[person];

    public ReadOnlySpan<char> Name(int person) => _nameChars.AsSpan(_nameStarts[person], _nameStarts[person + 1] - _nameStarts[person]);

    /// <summary>The ID keys, in index order (what a persisted image stores).</summary>
    public ReadOnlySpan<long> Keys => _keys;

    /// <summary>The names as packed (what a persisted image stores).</summary>
    public PackedNames Names => new(_nameChars, _nameStarts);

    /// <summary>
    /// The look-up table by key as bytes (what a persisted image stores, so that reading it back costs one read instead
    /// of a million inserts at random places: about a tenth of a second at 1M persons).
    /// </summary>
    public ReadOnlySpan<byte> LookupTable => _byKey.Bytes;

    /// <summary>The length of <see cref="LookupTable"/> for <paramref name="count"/> persons.</summary>
    public static long LookupTableLength(int count) => KeyTable.ByteLength(count);

    /// <summary>
    /// An index read back with its look-up table: <paramref name="fillLookupTable"/> writes the bytes that
    /// <see cref="LookupTable"/> gave (<see cref="LookupTableLength"/> of them). Null when it fails, or when the table
    /// does not fit <paramref name="keys"/> (a slot naming another key or no person).
    /// </summary>
    public static PopulationIndex? Restore(long[] keys, PackedNames names, Func<Span<byte>, bool> fillLookupTable)
    {
        ArgumentNullException.ThrowIfNull(fillLookupTable);
        Parallel(keys, names, householdIds: null);
        var table = KeyTable.Restore(keys.Length, keys, fillLookupTable);
        return table is null ? null : new PopulationIndex(keys, names, table);
    }

    /// <summary>The person's household id; empty when the index was built without them.</summary>
    public string HouseholdId(int person) => _householdIds?[person] ?? string.Empty;

    /// <summary>
    /// Everyone whose key starts with <paramref name="prefix"/>, which has <paramref name="digits"/> of the 17 key
    /// digits (e.g. 14: region and birth date; 15: and the first sequence digit).
    /// </summary>
    public ReadOnlySpan<int> WithPrefix(long prefix, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 17);
        var scale = 1L;
        for (var i = digits; i < 17; i++)
        {
            scale *= 10;
        }

        var (keys, persons) = _sorted.Value;
        var from = LowerBound(keys, prefix * scale);
        var to = LowerBound(keys, (prefix + 1) * scale);
        return persons.AsSpan(from, to - from);
    }

    /// <summary>Everyone born on a date, given as yyyymmdd.</summary>
    public ReadOnlySpan<int> BornOn(int yyyymmdd)
    {
        var (dates, persons) = _byBirth.Value;
        var from = LowerBound(dates, yyyymmdd);
        var to = LowerBound(dates, yyyymmdd + 1);
        return persons.AsSpan(from, to - from);
    }

    /// <summary>
    /// Builds the fallback blocks on another thread while the caller streams its file: the first damaged ID then finds
    /// them ready instead of waiting for a sort of the whole population. The birth-date block only when asked (a file
    /// with a birth-date column), since it costs 8 bytes a person.
    /// </summary>
    public Task PrepareBlocksAsync(bool byBirth) => Task.Run(() =>
    {
        _ = _sorted.Value;
        if (byBirth)
        {
            _ = _byBirth.Value;
        }
    });

    /// <summary>The birth date digits of a person's key as yyyymmdd.</summary>
    public int BirthDate(int person) => (int)(_keys[person] / 1000 % 100_000_000);

    private static PackedNames Pack(string[] names, int count)
    {
        ArgumentNullException.ThrowIfNull(names);
        var builder = new PackedNames.Builder(count);
        foreach (var name in names)
        {
            builder.Add(name);
        }

        return builder.Build();
    }

    private (long[], int[]) SortByKey()
    {
        var keys = (long[])_keys.Clone();
        var persons = new int[keys.Length];
        for (var i = 0; i < persons.Length; i++)
        {
            persons[i] = i;
        }

        Array.Sort(keys, persons);
        return (keys, persons);
    }

    private (int[], int[]) SortByBirth()
    {
        var dates = new int[_keys.Length];
        var persons = new int[_keys.Length];
        for (var i = 0; i < dates.Length; i++)
        {
            dates[i] = BirthDate(i);
            persons[i] = i;
        }

        Array.Sort(dates, persons);
        return (dates, persons);
    }

    private static int LowerBound<T>(T[] sorted, T value)
        where T : IComparable<T>
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].CompareTo(value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
