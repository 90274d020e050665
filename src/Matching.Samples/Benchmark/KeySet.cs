namespace Matching.Samples.Benchmark;

/// <summary>
/// A set of ID keys (positive longs) in one flat open-addressing array: every ID of the benchmark data is
/// claimed here once, so members are unique and no stranger has a member's ID. 8 bytes a slot, half full at most.
/// </summary>
internal sealed class KeySet
{
    private readonly long[] _slots;
    private readonly int _shift;
    private readonly int _mask;

    public KeySet(int capacity)
    {
        var size = 1 << 4;
        while (size < capacity * 2L)
        {
            size <<= 1;
        }

        _slots = new long[size];
        _mask = size - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
    }

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="key"/> (&gt; 0); false when it is there already.</summary>
    public bool TryAdd(long key)
    {
        if (Count * 2L >= _slots.Length)
        {
            throw new InvalidOperationException("The key table is full.");
        }

        var slot = (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _shift);
        while (true)
        {
            var current = _slots[slot];
            if (current == key)
            {
                return false;
            }

            if (current == 0)
            {
                _slots[slot] = key;
                Count++;
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }
}
