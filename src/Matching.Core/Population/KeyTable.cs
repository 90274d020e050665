using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        var capacity = Capacity(count);
        _slots = HugePages.NewArray<Slot>(capacity);
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    /// <summary>The slots, as bytes: what a persisted index stores, and what <see cref="Restore"/> fills.</summary>
    public Span<byte> Bytes => MemoryMarshal.AsBytes(_slots.AsSpan());

    /// <summary>The bytes of a table for <paramref name="count"/> keys.</summary>
    public static long ByteLength(int count) => (long)Capacity(count) * Unsafe.SizeOf<Slot>();

    /// <summary>
    /// A table for <paramref name="count"/> keys whose slots <paramref name="fill"/> writes (as <see cref="Bytes"/>
    /// gave them), checked against <paramref name="keys"/>: each used slot names a position of its own key and can be
    /// reached by probing from the key's home (no empty slot between them), and an empty one is all zeros. Null when
    /// <paramref name="fill"/> fails or a slot does not check: a table written by another hashing or probing would
    /// miss its keys silently.
    /// </summary>
    public static KeyTable? Restore(int count, ReadOnlySpan<long> keys, Func<Span<byte>, bool> fill)
    {
        var table = new KeyTable(count);
        if (!fill(table.Bytes))
        {
            return null;
        }

        var slots = table._slots;
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            if (slot.Key == 0)
            {
                if (slot.Value != 0 || slot.Pad != 0)
                {
                    return null;
                }

                continue;
            }

            if (slot.Pad != 0 || (uint)slot.Value >= (uint)keys.Length || keys[slot.Value] != slot.Key || !table.Reachable(slot.Key, i))
            {
                return null;
            }

            table.Count++;
        }

        return table;
    }

    /// <summary>Whether a look-up of <paramref name="key"/> gets to slot <paramref name="at"/>: no empty slot on the way.</summary>
    private bool Reachable(long key, int at)
    {
        for (var i = Home(key, _shift); i != at; i = (i + 1) & _mask)
        {
            if (_slots[i].Key == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Keys stored (a duplicate once).</summary>
    public int Count { get; private set; }

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
                Count++;
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

    private static int Capacity(int count) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 2));

    /// <summary>16 bytes, the padding named so that a persisted table's every byte is defined (and checked).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public long Key;
        public int Value;
        public int Pad;
    }
}
