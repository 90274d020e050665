using Matching.Core.Departments;
using Matching.Core.Pipelines;
using Matching.Core.Rules;

namespace Matching.Cli.Rules;

/// <summary>
/// Stored records handed from the core that reads them to the core that matches and judges them (<see cref="WarningRun"/>),
/// in chunks of a few thousand. A fixed handful of chunks goes round and round (a <see cref="ChunkRing{T}"/>): the reader fills one while the rules
/// work through another, and a chunk comes back empty when the rules are done with it. Each chunk owns the field
/// values its records point to, so a record stays whole until its chunk is returned; the rules keep nothing of a
/// record beyond that (running totals and warnings copy what they need).
/// </summary>
internal sealed class RecordChunks
{
    /// <summary>Records per chunk.</summary>
    public const int Size = 4096;

    /// <summary>Chunks in circulation: one filling, one being judged, two waiting either way.</summary>
    private const int Count = 4;

    private readonly ChunkRing<Chunk> _ring = new(Count, () => new Chunk());

    /// <summary>A record as read, to be matched (<see cref="RuleRecord.Matched"/>): all of it but its values.</summary>
    public readonly record struct Read(
        RuleDepartment Department, long BatchId, long SourceRow, string? RawId, long? IdKey, string Name, string BirthDate, DateOnly? Received);

    /// <summary>Up to <see cref="Size"/> records as read, and the values they carry.</summary>
    public sealed class Chunk
    {
        private readonly Read[] _records = new Read[Size];
        private readonly RecordValues[] _values = [.. Enumerable.Range(0, Size).Select(_ => new RecordValues())];

        public int Count { get; private set; }

        public bool IsFull => Count == Size;

        public ReadOnlySpan<Read> Records => _records.AsSpan(0, Count);

        /// <summary>The values of record <paramref name="index"/> of <see cref="Records"/>.</summary>
        public RecordValues Values(int index) => _values[index];

        /// <summary>Adds a record with <paramref name="values"/> copied into the chunk's own.</summary>
        public void Add(in Read record, RecordValues values)
        {
            values.CopyTo(_values[Count]);
            _records[Count++] = record;
        }

        internal void Clear()
        {
            Array.Clear(_records, 0, Count);
            Count = 0;
        }
    }

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
