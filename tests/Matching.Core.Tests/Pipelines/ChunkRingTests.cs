using System.Threading.Channels;
using Matching.Core.Pipelines;

namespace Matching.Core.Tests.Pipelines;

public sealed class ChunkRingTests
{
    [Fact]
    public async Task RentWriteRead_TwoChunksRoundAndRound_EveryChunkReachesTheConsumerInOrder()
    {
        var made = 0;
        var ring = new ChunkRing<List<int>>(2, () => { made++; return []; });
        var consumer = Task.Run(async () =>
        {
            var seen = new List<int>();
            await foreach (var chunk in ring.ReadAllAsync(CancellationToken.None))
            {
                seen.AddRange(chunk);
                chunk.Clear();
                ring.Return(chunk);
            }

            return seen;
        });

        for (var i = 0; i < 10; i++)
        {
            var chunk = await ring.RentAsync(CancellationToken.None);
            chunk.Add(i);
            await ring.WriteAsync(chunk, CancellationToken.None);
        }

        ring.Complete();

        Assert.Equal(Enumerable.Range(0, 10), await consumer);
        Assert.Equal(2, made);
    }

    [Fact]
    public async Task Waiting_ChunksWrittenAndNotYetRead_CountedUntilTheConsumerTakesThem()
    {
        var ring = new ChunkRing<List<int>>(3, () => []);
        var before = ring.Waiting;
        await ring.WriteAsync(await ring.RentAsync(CancellationToken.None), CancellationToken.None);
        await ring.WriteAsync(await ring.RentAsync(CancellationToken.None), CancellationToken.None);
        var written = ring.Waiting;
        await using var reading = ring.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();
        await reading.MoveNextAsync();
        var afterOne = ring.Waiting;

        Assert.Equal((0, 2, 1), (before, written, afterOne));
    }

    [Fact]
    public async Task Fail_ConsumerFailed_TheProducersNextRentThrowsItsError()
    {
        var ring = new ChunkRing<List<int>>(1, () => []);
        await ring.WriteAsync(await ring.RentAsync(CancellationToken.None), CancellationToken.None);
        var error = new InvalidOperationException("the database refused a row");

        ring.Fail(error);

        var closed = await Assert.ThrowsAsync<ChannelClosedException>(() => ring.RentAsync(CancellationToken.None).AsTask());
        Assert.Same(error, closed.InnerException);
    }

    [Fact]
    public async Task Complete_WithError_TheConsumersReadThrowsIt()
    {
        var ring = new ChunkRing<List<int>>(1, () => []);
        var error = new InvalidOperationException("the file ends inside a quoted cell");

        ring.Complete(error);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in ring.ReadAllAsync(CancellationToken.None))
            {
            }
        });
        Assert.Same(error, thrown);
    }
}
