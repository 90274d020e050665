using Matching.Core.Identity;
using Matching.Core.Population;

namespace Matching.Core.Tests.Population;

public sealed class LowIncomeFeedTests
{
    /// <summary>More than two segments' worth (a segment is 4,096 members).</summary>
    private const int Many = 10_000;

    [Fact]
    public async Task MembersAsync_ProducerOnAnotherThread_EveryMemberInOrderThenAgainFromTheFirst()
    {
        var members = Members(Many);
        var feed = new LowIncomeFeed();
        var producer = Task.Run(() =>
        {
            foreach (var member in members)
            {
                feed.Add(member);
            }

            feed.End(new LowIncomeFeedEnd(Snapshot(members), Many + 3, 3));
        });

        var first = await ReadAllAsync(feed);
        await producer;
        var again = await ReadAllAsync(feed);

        Assert.Equal(members, first);
        Assert.Equal(members, again);
        Assert.Equal(Many + 3, (await feed.Ended).RowsRead);
    }

    [Fact]
    public async Task MembersAsync_AFullSegmentBeforeTheEnd_GivenWithoutWaitingForTheEnd()
    {
        var members = Members(4096 + 10);
        var feed = new LowIncomeFeed();
        foreach (var member in members)
        {
            feed.Add(member);
        }

        await using var reading = feed.MembersAsync(CancellationToken.None).GetAsyncEnumerator();

        Assert.True(await reading.MoveNextAsync());
        Assert.Equal(members.Take(4096), reading.Current.ToArray());
        Assert.False(feed.Ended.IsCompleted);
        var next = reading.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);

        feed.End(new LowIncomeFeedEnd(Snapshot(members), members.Length, 0));

        Assert.True(await next);
        Assert.Equal(members.Skip(4096), reading.Current.ToArray());
        Assert.False(await reading.MoveNextAsync());
    }

    [Fact]
    public async Task Fail_MembersUnread_TheConsumerThrowsThatErrorAtOnce()
    {
        var feed = new LowIncomeFeed();
        foreach (var member in Members(Many))
        {
            feed.Add(member);
        }

        var error = new InvalidOperationException("the file ends inside a quoted cell");
        feed.Fail(error);

        var read = 0;
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var segment in feed.MembersAsync(CancellationToken.None))
            {
                read += segment.Length;
            }
        });
        Assert.Same(error, thrown);
        Assert.Equal(0, read);
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => feed.Ended));
    }

    [Fact]
    public async Task Fail_ConsumerWaiting_WokenWithTheError()
    {
        var feed = new LowIncomeFeed();
        var reading = ReadAllAsync(feed);
        Assert.False(reading.IsCompleted);

        feed.Fail(new FormatException("row 12: 身份证号码 is empty"));

        await Assert.ThrowsAsync<FormatException>(() => reading);
    }

    [Fact]
    public void Abandon_ConsumerGaveUp_TheProducersNextFullSegmentThrows()
    {
        var feed = new LowIncomeFeed();
        var members = Members(4096);
        feed.Abandon();

        for (var i = 0; i < 4095; i++)
        {
            feed.Add(members[i]);
        }

        Assert.Throws<OperationCanceledException>(() => feed.Add(members[4095]));
    }

    [Fact]
    public void End_SnapshotWithOtherMembersThanAdded_Refused()
    {
        var feed = new LowIncomeFeed();
        var members = Members(5);
        feed.Add(members[0]);

        var refused = Assert.Throws<ArgumentException>(() => feed.End(new LowIncomeFeedEnd(Snapshot(members), 5, 0)));

        Assert.Contains("1 were added", refused.Message, StringComparison.Ordinal);
        Assert.False(feed.Ended.IsCompleted);
    }

    [Fact]
    public async Task Of_EndedFeed_EveryMemberOfItsSnapshot()
    {
        var members = Members(Many);

        var feed = LowIncomeFeed.Of(new LowIncomeFeedEnd(Snapshot(members), Many, 0) { RejectReport = "r.xlsx" });

        Assert.Equal(members, await ReadAllAsync(feed));
        Assert.Equal("r.xlsx", (await feed.Ended).RejectReport);
    }

    private static async Task<List<Member>> ReadAllAsync(LowIncomeFeed feed)
    {
        var all = new List<Member>();
        await foreach (var segment in feed.MembersAsync(CancellationToken.None))
        {
            all.AddRange(segment.ToArray());
        }

        return all;
    }

    private static Member[] Members(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new Member
        {
            HouseholdId = $"H{i / 3}",
            Id = IdNumber.FromKey(11010519900101000 + i),
            Name = $"成员{i}",
        }),
    ];

    private static LowIncomeSnapshot Snapshot(Member[] members) =>
        new([.. members.Select(m => m.HouseholdId).Distinct().Select(h => new Household { HouseholdId = h })], members);
}
