using System.Threading.Channels;

namespace Matching.Core.Pipelines;

/// <summary>
/// A fixed handful of reusable chunks going round between one producer and one consumer on another core: the
/// producer rents an empty chunk, fills it and writes it; the consumer reads the full ones and returns each when done
/// with it. Nothing is allocated per chunk after the start, and the producer waits while every chunk is full or being
/// consumed, so memory stays bounded whatever the number of rows. The producer ends the stream with
/// <see cref="Complete"/> (with an error, the consumer's read fails with it); a consumer that fails ends the ring with
/// <see cref="Fail"/>, and the producer's next rent throws <see cref="ChannelClosedException"/> with that error inside.
/// What a run judges while it reads, and what an import loads into the database while it parses.
/// </summary>
/// <typeparam name="T">The chunk; the caller empties it before returning it.</typeparam>
public sealed class ChunkRing<T>
    where T : class
{
    private readonly Channel<T> _full;
    private readonly Channel<T> _empty;

    /// <param name="count">Chunks in circulation (4: one filling, one consumed, two waiting either way).</param>
    /// <param name="create">Makes each chunk once.</param>
    public ChunkRing(int count, Func<T> create)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(create);
        var options = new BoundedChannelOptions(count) { SingleReader = true, SingleWriter = true };
        _full = Channel.CreateBounded<T>(options);
        _empty = Channel.CreateBounded<T>(options);
        for (var i = 0; i < count; i++)
        {
            _empty.Writer.TryWrite(create());
        }
    }

    /// <summary>The producer's side: an empty chunk to fill (waits while all are full or being consumed).</summary>
    public ValueTask<T> RentAsync(CancellationToken cancellationToken) => _empty.Reader.ReadAsync(cancellationToken);

    /// <summary>The producer's side: a filled chunk, for the consumer.</summary>
    public ValueTask WriteAsync(T chunk, CancellationToken cancellationToken) => _full.Writer.WriteAsync(chunk, cancellationToken);

    /// <summary>The producer's side: no more chunks; with <paramref name="error"/>, the consumer's read fails with it.</summary>
    public void Complete(Exception? error = null) => _full.Writer.TryComplete(error);

    /// <summary>Filled chunks written and not yet taken by the consumer: more than none, and the consumer is the slower side.</summary>
    public int Waiting => _full.Reader.Count;

    /// <summary>The consumer's side: filled chunks as they come, until the producer completes.</summary>
    public IAsyncEnumerable<T> ReadAllAsync(CancellationToken cancellationToken) => _full.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The consumer's side: a chunk done with (emptied by the caller), back to the producer.</summary>
    public void Return(T chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _empty.Writer.TryWrite(chunk);
    }

    /// <summary>The consumer's side: it failed; the producer's rents fail from now on, with <paramref name="error"/> inside.</summary>
    public void Fail(Exception error) => _empty.Writer.TryComplete(error);
}
