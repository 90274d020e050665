using Matching.Cli.Rules;
using Matching.Core.Departments;
using Matching.Core.Linkage;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Cli.Tests.Rules;

/// <summary>A chunk's records matched by the reading side as they are added, or by the judging side as it takes them: the same.</summary>
public sealed class RecordChunksTests
{
    private static readonly RuleDepartment School = new("education", "教育体育 在校学生", "education", DepartmentKind.Snapshot, RecordLayout.Empty);

    [Fact]
    public void Record_MatchedWhenAddedOrWhenTaken_TheSameMatch()
    {
        var member = TestIds.Valid(1);
        var population = new RulePopulation(new SnapshotBuilder().Household("H1").Member("H1", member, "张三").Build());
        var matcher = new Matcher(population.Index);
        var chunk = new RecordChunks.Chunk();
        RecordChunks.Read[] reads =
        [
            new(School, 7, 2, RawId: null, member.Key, "张三", string.Empty, Received: null),
            new(School, 7, 3, member.Value.ToLowerInvariant() + " ", null, "张三", string.Empty, Received: null),
            new(School, 7, 4, TestIds.Valid(2).Value, null, "李四", string.Empty, Received: null),
        ];

        foreach (var matchNow in new[] { true, false })
        {
            foreach (var read in reads)
            {
                chunk.Add(read, matchNow ? matcher : null);
            }
        }

        var records = Enumerable.Range(0, chunk.Count).Select(i => chunk.Record(i, matcher)).ToList();

        Assert.Equal(6, records.Count);
        for (var i = 0; i < reads.Length; i++)
        {
            var (now, later) = (records[i], records[i + reads.Length]);
            Assert.Equal((now.Match.Status, now.Match.Method, now.Match.Person), (later.Match.Status, later.Match.Method, later.Match.Person));
            Assert.Equal((now.SourceRow, now.IdText), (later.SourceRow, later.IdText));
        }

        Assert.Equal([MatchStatus.Matched, MatchStatus.Matched, MatchStatus.Unmatched], records.Take(3).Select(r => r.Match.Status));
    }

    [Fact]
    public void Record_ItsValuesAreTheChunksOwnForItsPlace()
    {
        var population = new RulePopulation(new SnapshotBuilder().Household("H1").Member("H1", TestIds.Valid(1), "张三").Build());
        var matcher = new Matcher(population.Index);
        var chunk = new RecordChunks.Chunk();
        var first = chunk.NextValues;
        chunk.Add(new RecordChunks.Read(School, 1, 2, null, TestIds.Valid(1).Key, "张三", string.Empty, null), matcher);
        var second = chunk.NextValues;
        chunk.Add(new RecordChunks.Read(School, 1, 3, null, TestIds.Valid(1).Key, "张三", string.Empty, null), null);

        Assert.NotSame(first, second);
        Assert.Same(first, chunk.Record(0, matcher).Values);
        Assert.Same(second, chunk.Record(1, matcher).Values);
    }
}
