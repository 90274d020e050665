using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Core.Tests.Population;

public class PopulationIndexTests
{
    private static readonly DateOnly Birth = new(1970, 5, 20);

    [Fact]
    public void Constructor_ParallelArrays_IndexesEveryPerson()
    {
        var husband = TestIds.Make(TestIds.Jiyuan, Birth, 11);
        var wife = TestIds.Make(TestIds.Jiyuan, Birth, 12);

        var index = new PopulationIndex([husband.Key, wife.Key], ["张三", "李四"], ["H1", "H1"]);

        Assert.Equal(2, index.Count);
        Assert.Equal(0, index.DuplicateCount);
        Assert.True(index.TryFind(wife.Key, out var person));
        Assert.Equal(1, person);
        Assert.Equal(wife, index.Id(person));
        Assert.Equal("李四", index.Name(person).ToString());
        Assert.Equal("H1", index.HouseholdId(person));
        Assert.True(index.Contains(husband.Key));
    }

    [Fact]
    public void TryFind_KeyNotIndexed_ReturnsFalse()
    {
        var index = new PopulationBuilder().Person(TestIds.Valid(1), "张三").Build();

        Assert.False(index.TryFind(TestIds.Valid(2).Key, out _));
        Assert.False(index.Contains(TestIds.Valid(2).Key));
    }

    [Fact]
    public void Warm_KeysSomeIndexed_CountsThoseFoundAndSkipsZero()
    {
        var index = new PopulationBuilder().Person(TestIds.Valid(1), "张三").Person(TestIds.Valid(2), "李四").Build();

        Assert.Equal(2, index.Warm([TestIds.Valid(1).Key, 0, TestIds.Valid(3).Key, TestIds.Valid(2).Key]));
    }

    [Fact]
    public void Constructor_Empty_HasNoPersons()
    {
        var index = new PopulationIndex([], [], []);

        Assert.Equal(0, index.Count);
        Assert.False(index.Contains(TestIds.Valid(1).Key));
    }

    [Fact]
    public void Constructor_SamePersonInTwoHouseholds_CountsDuplicateAndFirstAnswers()
    {
        var id = TestIds.Valid(5);

        var index = new PopulationBuilder().Person(id, "张三", "H1").Person(id, "张三", "H2").Build();

        Assert.Equal(2, index.Count);
        Assert.Equal(1, index.DuplicateCount);
        Assert.True(index.TryFind(id.Key, out var person));
        Assert.Equal("H1", index.HouseholdId(person));
    }

    [Fact]
    public void Restore_LookupTableOfAnIndex_SameLookUpsAndDuplicates()
    {
        var (a, b, c) = (TestIds.Valid(1), TestIds.Valid(2), TestIds.Valid(3));
        var built = new PopulationIndex([a.Key, b.Key, a.Key], ["张三", "李四", "张三（已故）"], null);
        var table = built.LookupTable.ToArray();

        var restored = PopulationIndex.Restore([a.Key, b.Key, a.Key], built.Names, t =>
        {
            table.CopyTo(t);
            return true;
        });

        Assert.Equal(PopulationIndex.LookupTableLength(3), table.Length);
        Assert.Equal((3, 1), (restored!.Count, restored.DuplicateCount));
        Assert.True(restored.TryFind(a.Key, out var first));
        Assert.Equal(0, first);
        Assert.True(restored.TryFind(b.Key, out var second));
        Assert.Equal(1, second);
        Assert.False(restored.Contains(c.Key));
    }

    [Fact]
    public void Restore_SlotNamingAnotherKeysPerson_Null()
    {
        var (a, b) = (TestIds.Valid(1), TestIds.Valid(2));
        var built = new PopulationIndex([a.Key, b.Key], ["张三", "李四"], null);
        var table = built.LookupTable.ToArray();

        // Swap the two persons' positions: each key's slot then names the other key.
        var swapped = PopulationIndex.Restore([b.Key, a.Key], new PackedNames("李四张三".ToCharArray(), [0, 2, 4]), t =>
        {
            table.CopyTo(t);
            return true;
        });

        Assert.Null(swapped);
    }

    [Fact]
    public void Restore_KeyWhereNoLookUpWouldFindIt_Null()
    {
        var a = TestIds.Valid(1);
        var built = new PopulationIndex([a.Key], ["张三"], null);
        var slots = built.LookupTable.ToArray();
        var length = slots.Length / 16;
        var home = Array.FindIndex(Enumerable.Range(0, length).ToArray(), i => BitConverter.ToInt64(slots, i * 16) == a.Key);

        // The same slot one further on: a look-up stops at the empty home slot and never gets there.
        var moved = new byte[slots.Length];
        slots.AsSpan(home * 16, 16).CopyTo(moved.AsSpan(((home + 1) % length) * 16));

        Assert.Null(PopulationIndex.Restore([a.Key], built.Names, t =>
        {
            moved.CopyTo(t);
            return true;
        }));
    }

    [Fact]
    public void Restore_ProbeRunWrappingPastTheLastSlot_FoundThereAndCheckedThere()
    {
        // Two keys whose home is the last slot: the second is probed on to slot 0. (A key's home is found in a table
        // of one key, the same size as one of two: the smallest table.)
        Assert.Equal(PopulationIndex.LookupTableLength(1), PopulationIndex.LookupTableLength(2));
        var length = PopulationIndex.LookupTableLength(2) / 16;
        var lastHome = Enumerable.Range(1, 10_000).Select(TestIds.Valid).Where(id => SlotOf(new PopulationIndex([id.Key], ["张三"], null), id.Key) == length - 1).Take(2).ToArray();
        var (a, b) = (lastHome[0], lastHome[1]);
        var built = new PopulationIndex([a.Key, b.Key], ["张三", "李四"], null);
        var table = built.LookupTable.ToArray();
        Assert.Equal((length - 1, 0), (SlotOf(built, a.Key), SlotOf(built, b.Key)));

        var restored = PopulationIndex.Restore([a.Key, b.Key], built.Names, t =>
        {
            table.CopyTo(t);
            return true;
        });
        Assert.True(restored!.TryFind(b.Key, out var second));
        Assert.Equal(1, second);

        // Moved from slot 0 to slot 1, after an empty slot 0: no look-up gets there.
        var moved = table.ToArray();
        moved.AsSpan(0, 16).CopyTo(moved.AsSpan(16, 16));
        moved.AsSpan(0, 16).Clear();
        Assert.Null(PopulationIndex.Restore([a.Key, b.Key], built.Names, t =>
        {
            moved.CopyTo(t);
            return true;
        }));
    }

    [Fact]
    public void Restore_EmptySlotNotAllZeros_Null()
    {
        var built = new PopulationIndex([TestIds.Valid(1).Key], ["张三"], null);
        var slots = built.LookupTable.ToArray();
        var empty = Enumerable.Range(0, slots.Length / 16).First(i => BitConverter.ToInt64(slots, i * 16) == 0);
        slots[(empty * 16) + 12] = 1; // the padding of an empty slot

        Assert.Null(PopulationIndex.Restore([TestIds.Valid(1).Key], built.Names, t =>
        {
            slots.CopyTo(t);
            return true;
        }));
    }

    [Fact]
    public void Restore_TableThatCouldNotBeRead_Null()
    {
        var built = new PopulationIndex([TestIds.Valid(1).Key], ["张三"], null);

        Assert.Null(PopulationIndex.Restore([TestIds.Valid(1).Key], built.Names, _ => false));
    }

    [Fact]
    public void Constructor_NullArray_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new PopulationIndex(null!, [], []));
        Assert.Throws<ArgumentNullException>(() => new PopulationIndex([], (string[])null!, []));
    }

    [Fact]
    public void HouseholdId_IndexWithoutHouseholds_Empty()
    {
        var id = TestIds.Valid(3);
        var index = new PopulationIndex([id.Key], ["张三"], null);

        Assert.True(index.TryFind(id.Key, out var person));
        Assert.Equal(string.Empty, index.HouseholdId(person));
        Assert.Equal("张三", index.Name(person).ToString());
    }

    [Fact]
    public void Constructor_ArraysOfDifferentLength_Throws()
    {
        var key = TestIds.Valid(1).Key;

        Assert.Throws<ArgumentException>(() => new PopulationIndex([key], [], ["H1"]));
        Assert.Throws<ArgumentException>(() => new PopulationIndex([key], ["张三"], []));
    }

    [Fact]
    public void Household_Members_IndexedInOrderUnderTheHousehold()
    {
        var a = TestIds.Make(TestIds.Jiyuan, Birth, 1);
        var b = TestIds.Make(TestIds.Jiyuan, Birth, 2);

        var index = new PopulationBuilder().Household("H7", (a, "赵一"), (b, "赵二")).Build();

        Assert.True(index.TryFind(b.Key, out var person));
        Assert.Equal(1, person);
        Assert.Equal("H7", index.HouseholdId(person));
    }

    /// <summary>The slot of the look-up table holding <paramref name="key"/>.</summary>
    private static int SlotOf(PopulationIndex index, long key)
    {
        var slots = index.LookupTable.ToArray();
        return Enumerable.Range(0, slots.Length / 16).Single(i => BitConverter.ToInt64(slots, i * 16) == key);
    }
}
