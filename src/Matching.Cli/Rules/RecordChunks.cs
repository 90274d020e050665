using Matching.Core.Departments;
using Matching.Core.Linkage;
using Matching.Core.Pipelines;
using Matching.Core.Rules;

namespace Matching.Cli.Rules;

/// <summary>
/// Stored records handed from the core that reads them to the core that judges them (<see cref="WarningRun"/>), in
/// chunks of a few thousand, each chunk's records matched on the way by whichever core is the less busy
/// (<see cref="JudgingBehind"/>). A fixed handful of chunks goes round and round (a <see cref="ChunkRing{T}"/>): the
/// reader fills one while the rules work through another, and a chunk comes back empty when the rules are done with
/// it. Each chunk owns the field values its records point to, so a record stays whole until its chunk is returned;
/// the rules keep nothing of a record beyond that (running totals and warnings copy what they need).
/// </summary>
internal sealed class RecordChunks
{
    /// <summary>Records per chunk.</summary>
    public const int Size = 4096;

    /// <summary>Chunks in circulation: one filling, one being judged, two waiting either way.</summary>
    private const int Count = 4;

    private readonly ChunkRing<Chunk> _ring = new(Count, () => new Chunk());

    /// <summary>A record as read, to be matched by whichever side gets to it: all of it but its values.</summary>
    public readonly record struct Read(
        RuleDepartment Department, long BatchId, long SourceRow, string? RawId, long? IdKey, string Name, string BirthDate, DateOnly? Received)
    {
        /// <summary>The record matched (<see cref="RuleRecord.Matched"/>), carrying <paramref name="values"/>.</summary>
        public RuleRecord Match(Matcher matcher, RecordValues values) =>
            RuleRecord.Matched(matcher, Department, BatchId, SourceRow, RawId, IdKey, Name, BirthDate, values, Received);
    }

    /// <summary>Up to <see cref="Size"/> records as read, each matched already or not, and the values they carry.</summary>
    public sealed class Chunk
    {
        private readonly Read[] _reads = new Read[Size];
        private readonly RuleRecord?[] _matched = new RuleRecord?[Size];
        private readonly RecordValues[] _values = [.. Enumerable.Range(0, Size).Select(_ => new RecordValues())];

        public int Count { get; private set; }

        public bool IsFull => Count == Size;

        /// <summary>The chunk's own values for the next record: fill them, then <see cref="Add"/> the record.</summary>
        public RecordValues NextValues => _values[Count];

        /// <summary>
        /// Adds a record whose values are <see cref="NextValues"/>: matched now with <paramref name="matcher"/>, or
        /// (null) when <see cref="Record"/> takes it.
        /// </summary>
        public void Add(in Read read, Matcher? matcher)
        {
            _reads[Count] = read;
            _matched[Count] = matcher is null ? null : read.Match(matcher, _values[Count]);
            Count++;
        }

        /// <summary>Record <paramref name="index"/>, matched with <paramref name="matcher"/> unless it was when added.</summary>
        public RuleRecord Record(int index, Matcher matcher) => _matched[index] ?? _reads[index].Match(matcher, _values[index]);

        internal void Clear()
        {
            Array.Clear(_reads, 0, Count);
            Array.Clear(_matched, 0, Count);
            Count = 0;
        }
    }

    /// <summary>
    /// The reader's side, as it finishes a chunk: whether the judging side is behind (a chunk filled before still waits
    /// for it), and the reader should match the next chunk's records itself rather than leave them to it.
    /// </summary>
    public bool JudgingBehind => _ring.Waiting > 0;

    /// <summary>The reader's side: an empty chunk to fill (waits while all are full or being judged).</summary>
    public ValueTask<Chunk> RentAsync(CancellationToken cancellationToken) => _ring.RentAsync(cancellationToken);

    /// <summary>The reader's side: a filled chunk, for the rules.</summary>
    public ValueTask WriteAsync(Chunk chunk, CancellationToken cancellationToken) => _ring.WriteAsync(chunk, cancellationToken);

    /// <summary>The reader's side: no more chunks; with <paramref name="error"/>, the rules' side fails with it.</summary>
    public void Complete(Exception? error = null) => _ring.Complete(error);

    /// <summary>The rules' side: filled chunks as they come, until the reader completes.</summary>
    public IAsyncEnumerable<Chunk> ReadAllAsync(CancellationToken cancellationToken) => _ring.ReadAllAsync(cancellationToken);

    /// <summary>The rules' side: a chunk judged, back to the reader.</summary>
    public void Return(Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        chunk.Clear();
        _ring.Return(chunk);
    }
}
