using System.Runtime.CompilerServices;

namespace Matching.Core.Population;

/// <summary>
/// A low-income snapshot while its file is read: the members as the reader accepts them, a few thousand at a time,
/// and then the end (<see cref="Ended"/>: the whole snapshot with its counts, once the file is read and the importer
/// has checked it). What lets <c>lowincome import</c> store the members on one core while the other still parses the
/// file. One producer (<see cref="Add"/>, then <see cref="End"/> or <see cref="Fail"/>); the consumer may read the
/// members again from the first (<see cref="MembersAsync"/>: a transaction that starts over writes them again).
/// </summary>
public sealed class LowIncomeFeed
{
    /// <summary>Members per segment: the consumer sees them a segment at a time.</summary>
    private const int SegmentLength = 4096;

    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<LowIncomeFeedEnd> _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Published segments (replaced by a longer array as they grow; a consumer keeps the one it was given) and how
    // many members they hold; the producer's segment being filled is not published until full or ended.
    private Member[][] _segments = new Member[16][];
    private long _published;
    private TaskCompletionSource _more = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Member[] _filling = new Member[SegmentLength];
    private int _filled;
    private volatile bool _abandoned;

    /// <summary>A feed already ended with <paramref name="end"/>, every member of its snapshot added.</summary>
    public static LowIncomeFeed Of(LowIncomeFeedEnd end)
    {
        ArgumentNullException.ThrowIfNull(end);
        var feed = new LowIncomeFeed();
        foreach (var member in end.Snapshot.Members)
        {
            feed.Add(member);
        }

        feed.End(end);
        return feed;
    }

    /// <summary>
    /// The end: completes when the producer calls <see cref="End"/>, fails with what it gives <see cref="Fail"/>.
    /// </summary>
    public Task<LowIncomeFeedEnd> Ended => _end.Task;

    /// <summary>The producer's side: one more accepted member, in the file's order.</summary>
    /// <exception cref="OperationCanceledException">The consumer gave up (<see cref="Abandon"/>): stop reading.</exception>
    public void Add(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        _filling[_filled++] = member;
        if (_filled == SegmentLength)
        {
            if (_abandoned)
            {
                throw new OperationCanceledException("the low-income import stopped storing");
            }

            Publish();
            _filling = new Member[SegmentLength];
            _filled = 0;
        }
    }

    /// <summary>The producer's side: every member is added, and this is the snapshot they make.</summary>
    public void End(LowIncomeFeedEnd end)
    {
        ArgumentNullException.ThrowIfNull(end);
        if (end.Snapshot.Members.Count != _published + _filled)
        {
            throw new ArgumentException($"the snapshot has {end.Snapshot.Members.Count} members; {_published + _filled} were added", nameof(end));
        }

        Publish();
        _end.TrySetResult(end);
        Wake();
    }

    /// <summary>The producer's side: the read failed; the consumer's next wait throws <paramref name="error"/>.</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _end.TrySetException(error);
        Wake();
    }

    /// <summary>The consumer's side: it stopped (its transaction failed); the producer's next segment throws.</summary>
    public void Abandon() => _abandoned = true;

    /// <summary>
    /// The consumer's side: the members from the first, each segment as soon as it is published, until the end.
    /// Throws the producer's error (<see cref="Fail"/>) as soon as it is seen, even with members not yet read.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<Member>> MembersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long next = 0;
        while (true)
        {
            Member[][] segments;
            long published;
            Task more;
            lock (_gate)
            {
                (segments, published, more) = (_segments, _published, _more.Task);
            }

            if (_end.Task.IsFaulted)
            {
                await _end.Task;
            }

            while (next < published)
            {
                var segment = segments[next / SegmentLength];
                var from = (int)(next % SegmentLength);
                var to = (int)Math.Min(SegmentLength, published - (next - from));
                yield return segment.AsMemory(from, to - from);
                next += to - from;
            }

            if (_end.Task.IsCompleted)
            {
                // Ended: a last look at what the end published, then done (or its error).
                await _end.Task;
                lock (_gate)
                {
                    if (_published == next)
                    {
                        yield break;
                    }
                }

                continue;
            }

            await more.WaitAsync(cancellationToken);
        }
    }

    private void Publish()
    {
        if (_filled == 0)
        {
            return;
        }

        lock (_gate)
        {
            var index = (int)(_published / SegmentLength);
            if (index == _segments.Length)
            {
                Array.Resize(ref _segments, _segments.Length * 2);
            }

            _segments[index] = _filling;
            _published += _filled;
        }

        Wake();
    }

    private void Wake()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _more;
            _more = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }
}

/// <summary>
/// The end of a <see cref="LowIncomeFeed"/>: the whole snapshot (its members in the order they were added), the rows
/// the file held and refused, and what the batch records of the read.
/// </summary>
public sealed record LowIncomeFeedEnd(LowIncomeSnapshot Snapshot, long RowsRead, long RowsRejected)
{
    /// <summary>The reject report written, if any.</summary>
    public string? RejectReport { get; init; }

    /// <summary>The fields the enabled rules need that the file lacks or mostly leaves empty, as the batch stores them (JSON), if any.</summary>
    public string? RuleGaps { get; init; }
}
