namespace Matching.Core.Population;

/// <summary>
/// Names packed one after the other into one char buffer: person <c>i</c>'s name is
/// <c>Chars[Starts[i]..Starts[i + 1]]</c>. <see cref="Starts"/> has one more entry than there are names, ascending,
/// from 0 to the used length of <see cref="Chars"/>.
/// </summary>
public sealed class PackedNames
{
    public PackedNames(char[] chars, int[] starts)
    {
        ArgumentNullException.ThrowIfNull(chars);
        ArgumentNullException.ThrowIfNull(starts);
        if (starts.Length == 0 || starts[0] != 0 || starts[^1] > chars.Length)
        {
            throw new ArgumentException("name offsets must start at 0 and end within the buffer", nameof(starts));
        }

        for (var i = 1; i < starts.Length; i++)
        {
            if (starts[i] < starts[i - 1])
            {
                throw new ArgumentException("name offsets must ascend", nameof(starts));
            }
        }

        Chars = chars;
        Starts = starts;
    }

    public char[] Chars { get; }

    public int[] Starts { get; }

    public int Count => Starts.Length - 1;

    /// <summary>Name <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> this[int index] => Chars.AsSpan(Starts[index], Starts[index + 1] - Starts[index]);

    /// <summary>Chars in use (the buffer may be larger).</summary>
    public int Length => Starts[^1];

    /// <summary>Packs names as they come, the buffer growing by doubling; the offsets sized from a count.</summary>
    public sealed class Builder
    {
        private char[] _chars;
        private int[] _starts;
        private int _count;

        /// <param name="capacity">How many names are expected (more may be added).</param>
        public Builder(int capacity)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(capacity);
            _chars = HugePages.NewArray<char>(Math.Max(16, capacity * 4));
            _starts = HugePages.NewArray<int>(capacity + 1);
        }

        public void Add(ReadOnlySpan<char> name)
        {
            var at = _starts[_count];
            if (at + name.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, at + name.Length));
            }

            if (_count + 1 == _starts.Length)
            {
                Array.Resize(ref _starts, Math.Max(2, _starts.Length * 2));
            }

            name.CopyTo(_chars.AsSpan(at));
            _starts[++_count] = at + name.Length;
        }

        /// <summary>How many names were added.</summary>
        public int Count => _count;

        /// <summary>The name at <paramref name="index"/>, in place (valid until the next <see cref="Add"/>).</summary>
        internal ReadOnlySpan<char> Span(int index)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return _chars.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);
        }

        /// <summary>The <paramref name="index"/>th name added, as a string.</summary>
        public string this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
                return new string(_chars, _starts[index], _starts[index + 1] - _starts[index]);
            }
        }

        public PackedNames Build()
        {
            var starts = _starts.Length == _count + 1 ? _starts : _starts.AsSpan(0, _count + 1).ToArray();
            // The buffer is not trimmed: a copy would cost more (at peak) than the unused tail.
            return new PackedNames(_chars, starts);
        }
    }
}
