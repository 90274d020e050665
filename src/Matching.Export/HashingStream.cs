using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace Matching.Export;

/// <summary>
/// Writes forwards into another stream and hashes the bytes written on a thread of its own: each block is copied and
/// handed to the hashing thread, then written. The thread that writes a large output (the result of a 1M-row
/// <c>match</c>, 80 MB) is busy and the other core has time to spare: SHA-256 of 80 MB is about 50 ms, a copy of it
/// about a fifth of that.
/// </summary>
internal sealed class HashingStream : Stream
{
    /// <summary>Blocks waiting to be hashed: a few of the writer's 64 KB blocks.</summary>
    private const int Pending = 16;

    private readonly Stream _inner;
    private readonly IncrementalHash _hash;
    private readonly BlockingCollection<(byte[] Block, int Length)> _pending = new(Pending);
    private readonly CancellationTokenSource _failed = new();
    private readonly Task _hashing;
    private ExceptionDispatchInfo? _failure;
    private byte[]? _digest;
    private bool _disposed;

    public HashingStream(Stream inner, HashAlgorithmName algorithm)
    {
        _inner = inner;
        _hash = IncrementalHash.CreateHash(algorithm);
        _hashing = Task.Factory.StartNew(Hash, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// The hash of everything written, once all of it is hashed; nothing more can be written after. Throws what the
    /// hashing failed with, if it did.
    /// </summary>
    public byte[] Digest()
    {
        if (_digest is null)
        {
            _pending.CompleteAdding();
            _hashing.Wait(CancellationToken.None);
            _failure?.Throw();
            _digest = _hash.GetHashAndReset();
        }

        return _digest;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Queue(buffer);
        _inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Queue(buffer.Span);
        return _inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The inner stream is its owner's (AtomicFile); the hashing thread is this stream's own, and stops here. What it
        // failed with is thrown by the write or the digest that meets it, not by a dispose on the way out of another.
        if (disposing && !_disposed)
        {
            _disposed = true;
            _pending.CompleteAdding();
            _hashing.Wait(CancellationToken.None);
            _pending.Dispose();
            _failed.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Hands a copy of <paramref name="buffer"/> to the hashing thread; throws what that thread failed with.</summary>
    private void Queue(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_digest is not null || _disposed, this);
        var block = ArrayPool<byte>.Shared.Rent(buffer.Length);
        buffer.CopyTo(block);
        try
        {
            _pending.Add((block, buffer.Length), _failed.Token);
        }
        catch (OperationCanceledException)
        {
            // The hashing thread stopped: nothing drains the queue any more, and waiting for room would never end.
            ArrayPool<byte>.Shared.Return(block);
            _failure!.Throw();
        }
    }

    private void Hash()
    {
        try
        {
            foreach (var (block, length) in _pending.GetConsumingEnumerable())
            {
                _hash.AppendData(block, 0, length);
                ArrayPool<byte>.Shared.Return(block);
            }
        }
#pragma warning disable CA1031 // whatever the hashing failed with is the writer's to throw, on its own thread
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
            _failed.Cancel();
        }
    }
}
