using System.Numerics;
using System.Runtime.CompilerServices;

namespace Matching.Core.Population;

/// <summary>
/// A flat open-addressing hash table from a positive 64-bit key to an int, with linear probing. At a million keys a
/// <c>Dictionary&lt;long,int&gt;</c> look-up costs ~300 ns here, nearly all cache misses on its bucket and entry
/// arrays; here a look-up touches one 16-byte slot (usually one cache line), at half load.
/// </summary>
internal sealed class KeyTable
{
    private readonly Slot[] _slots;
    private readonly int _shift;
    private readonly int _mask;

    public KeyTable(int count)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 2));
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    /// <summary>Adds a key (must be positive); false when it is already there.</summary>
    public bool TryAdd(long key, int value)
    {
        var i = Home(key, _shift);
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == 0)
            {
                slot.Key = key;
                slot.Value = value;
                return true;
            }

            if (slot.Key == key)
            {
                return false;
            }

            i = (i + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(long key, out int value)
    {
        var i = Home(key, _shift);
        var slots = _slots;
        while (true)
        {
            var slot = slots[i];
            if (slot.Key == key)
            {
                value = slot.Value;
                return true;
            }

            if (slot.Key == 0)
            {
                value = -1;
                return false;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Fibonacci hashing: the key's bits spread by the golden ratio, top bits taken.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Home(long key, int shift) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> shift);

    private struct Slot
    {
        public long Key;
        public int Value;
    }
}
