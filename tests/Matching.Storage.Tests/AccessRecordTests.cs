using Matching.Storage;
using Matching.Testing;

namespace Matching.Storage.Tests;

public sealed class AccessRecordTests
{
    private static readonly AccessRecord Empty = new() { OsUser = "u", Host = "h", Command = "show" };

    [Fact]
    public void HashOf_OrderAndRepeats_SameHash()
    {
        Assert.Equal(AccessRecord.HashOf(["b", "a", "a"]), AccessRecord.HashOf(["a", "b"]));
        Assert.NotEqual(AccessRecord.HashOf(["a"]), AccessRecord.HashOf(["a", "b"]));
    }

    [Fact]
    public void WithSubjects_ManySubjects_CountedAndHashedNotListed()
    {
        var ids = Enumerable.Range(1, AccessRecord.MaxListedSubjects + 1).Select(i => TestIds.Valid(i).Value).ToList();

        var many = Empty.WithSubjects(ids);
        var few = Empty.WithSubjects(ids[..2]);

        Assert.Equal((ids.Count, (string?)null, AccessRecord.HashOf(ids)), (many.SubjectCount, many.Subjects, many.SubjectHash));
        Assert.Equal(2, few.Subjects!.Split('\n').Length);
    }
}
