using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Storage.Tests;

/// <summary>
/// The low-income population (<c>store.Population</c>): snapshots imported over each other, read back whole with every
/// field the rules use, and a person's households for <c>matching show</c>.
/// </summary>
public abstract partial class MatchingStoreTests<TDb>
{
    private const string CategoriesOf = "SELECT categories FROM member WHERE id_key = @p";
    private const string AidOf = "SELECT aid FROM household WHERE household_id = @p";

    /// <summary>A name longer than the buffer names are decoded into when read back (300 characters, 900 bytes of UTF-8).</summary>
    private static readonly string LongName = "欧阳" + new string('娜', 298);

    [SkippableFact]
    public async Task Population_ImportAsync_Snapshot_EveryMemberFoundByKeyWithNameAndHousehold()
    {
        var (a, b, c) = (TestIds.Valid(1), TestIds.Valid(2), TestIds.Valid(3));
        var snapshot = new SnapshotBuilder()
            .Household("H1").Member("H1", a, "张三").Member("H1", b, "李四")
            .Household("H2").Member("H2", c, LongName)
            .Build();
        await using var store = await OpenInitializedAsync();

        await store.Population.ImportAsync(snapshot, Batch("june.csv"), 3, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);

        Assert.Equal(3, population.Count);
        foreach (var (id, name, household) in new[] { (a, "张三", "H1"), (b, "李四", "H1"), (c, LongName, "H2") })
        {
            Assert.True(population.TryFind(id.Key, out var person));
            Assert.Equal((id, name, household), (population.Id(person), population.Name(person).ToString(), population.HouseholdId(person)));
        }

        Assert.Equal((2L, 3L), await store.Population.CountActiveAsync(Ct));
    }

    [SkippableFact]
    public async Task Population_ImportAsync_Progress_EveryRowUpToAllOfThem()
    {
        var builder = new SnapshotBuilder().Household("H1").Household("H2");
        for (var i = 0; i < 5000; i++)
        {
            builder.Member(i % 2 == 0 ? "H1" : "H2", TestIds.Valid(20_000 + i), "生" + i);
        }

        await using var store = await OpenInitializedAsync();
        var stored = new List<long>();

        await store.Population.ImportAsync(builder.Build(), Batch("june.csv"), 5000, 0, Ct, stored.Add);

        // Into SQLite the members every 4,096 rows and all of them, then the two households (the members go in while
        // the file is read); into a server database the households first: 2 + 5,000 rows either way.
        Assert.Equal(Options.Provider == DatabaseProvider.Sqlite ? [4096L, 5000L, 5002L] : [2L, 4098L, 5002L], stored);
    }

    [SkippableFact]
    public async Task Population_ImportAsync_FeedStillBeingRead_SQLiteStoresTheMembersAsTheyComeAServerWaitsForTheEnd()
    {
        var snapshot = ManyMembers(5000);
        await using var store = await OpenInitializedAsync();
        var feed = new LowIncomeFeed();
        var stored = new List<long>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var importing = store.Population.ImportAsync(feed, Batch("june.csv"), Ct, n =>
        {
            stored.Add(n);
            first.TrySetResult();
        });
        foreach (var member in snapshot.Members)
        {
            feed.Add(member);
        }

        var storedBeforeTheEnd = await Task.WhenAny(first.Task, Task.Delay(TimeSpan.FromSeconds(2))) == first.Task;
        feed.End(new LowIncomeFeedEnd(snapshot, 5003, 3) { RejectReport = "june.rejects.xlsx" });
        await importing;

        Assert.Equal(Options.Provider == DatabaseProvider.Sqlite, storedBeforeTheEnd);
        Assert.Equal(5002L, stored[^1]);
        Assert.Equal((2L, 5000L), await store.Population.CountActiveAsync(Ct));
        var batch = await store.Batches.LastLowIncomeAsync(Ct);
        Assert.Equal((5003L, 5000L, 3L, "june.rejects.xlsx"), (batch!.RowsRead, batch.RowsAccepted, batch.RowsRejected, batch.RejectReport));
    }

    [SkippableFact]
    public async Task Population_ImportAsync_FeedFailsAfterThousandsOfMembers_ItsErrorThrownAndNothingStored()
    {
        var id = TestIds.Valid(30);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H0").Member("H0", id, "张三").Build(), Batch("may.csv"), 1, 0, Ct);
        var before = await store.CountRowsAsync(Ct);
        var feed = new LowIncomeFeed();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var importing = store.Population.ImportAsync(feed, Batch("june.csv"), Ct, _ => first.TrySetResult());
        foreach (var member in ManyMembers(5000).Members)
        {
            feed.Add(member);
        }

        // Into SQLite, once the first members are written (a server database writes none before the end).
        if (Options.Provider == DatabaseProvider.Sqlite)
        {
            await first.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        // As the reader fails on a file cut off in the middle of a quoted cell.
        var error = new Core.Errors.MatchingException("june.csv, row 5002: the file ends inside a quoted cell");
        feed.Fail(error);

        Assert.Same(error, await Assert.ThrowsAsync<Core.Errors.MatchingException>(() => importing));
        Assert.Equal(before, await store.CountRowsAsync(Ct));
        Assert.Equal("may.csv", (await store.Batches.LastLowIncomeAsync(Ct))?.FileName);
        Assert.True((await store.Population.LoadIndexAsync(Ct)).Contains(id.Key));
    }

    /// <summary>Two households and <paramref name="count"/> members, alternately in each.</summary>
    private static LowIncomeSnapshot ManyMembers(int count)
    {
        var builder = new SnapshotBuilder().Household("H1").Household("H2");
        for (var i = 0; i < count; i++)
        {
            builder.Member(i % 2 == 0 ? "H1" : "H2", TestIds.Valid(40_000 + i), "生" + i);
        }

        return builder.Build();
    }

    [SkippableFact]
    public async Task Population_ImportAsync_SameIdInTwoHouseholds_BothStored()
    {
        var id = TestIds.Valid(4);
        var snapshot = new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Household("H2").Member("H2", id, "张三").Build();
        await using var store = await OpenInitializedAsync();

        await store.Population.ImportAsync(snapshot, Batch("june.csv"), 2, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);

        Assert.Equal((2, 1), (population.Count, population.DuplicateCount));
    }

    [SkippableFact]
    public async Task Population_ImportAsync_MemberLeftOutOfNextSnapshot_InactiveButRowKept()
    {
        var (stays, leaves, household) = (TestIds.Valid(5), TestIds.Valid(6), TestIds.Valid(7));
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1").Member("H1", stays, "张三").Member("H1", leaves, "李四")
            .Household("H2").Member("H2", household, "王五").Build(), Batch("may.csv"), 3, 0, Ct);
        var before = await store.CountRowsAsync(Ct);

        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", stays, "张三").Build(), Batch("june.csv"), 1, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);
        var after = await store.CountRowsAsync(Ct);

        Assert.True(population.Contains(stays.Key));
        Assert.False(population.Contains(leaves.Key));
        Assert.False(population.Contains(household.Key));
        Assert.Equal(before["member"], after["member"]);
        Assert.Equal(before["household"], after["household"]);
        Assert.Equal((1L, 1L), await store.Population.CountActiveAsync(Ct));
        Assert.Equal(["0"], await QueryAsync("SELECT active FROM member WHERE id_key = @p", leaves.Key));
    }

    [SkippableFact]
    public async Task Population_ImportAsync_MemberBackInLaterSnapshot_ActiveAgain()
    {
        var id = TestIds.Valid(8);
        var full = new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Build();
        await using var store = await OpenInitializedAsync();

        await store.Population.ImportAsync(full, Batch("may.csv"), 1, 0, Ct);
        await store.Population.ImportAsync(new SnapshotBuilder().Build(), Batch("june.csv"), 0, 0, Ct);
        await store.Population.ImportAsync(full, Batch("july.csv"), 1, 0, Ct);

        Assert.True((await store.Population.LoadIndexAsync(Ct, withHouseholds: true)).Contains(id.Key));
        Assert.Equal(1, (await store.CountRowsAsync(Ct))["member"]);
    }

    [SkippableFact]
    public async Task Population_ImportAsync_PresentMember_CategoriesAndAidReplaced()
    {
        var id = TestIds.Valid(9);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Medical | AidType.Education).Member("H1", id, "张三", AidCategory.Dibao | AidCategory.Tekun)
            .Build(), Batch("may.csv"), 1, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Housing).Member("H1", id, "张三", AidCategory.Bianyuan)
            .Build(), Batch("june.csv"), 1, 0, Ct);

        Assert.Equal(["bianyuan"], await QueryAsync(CategoriesOf, id.Key));
        Assert.Equal(["housing"], await QueryAsync(AidOf, "H1"));
        var counts = await store.CountRowsAsync(Ct);
        Assert.Equal((1L, 1L), (counts["member"], counts["household"]));
    }

    [SkippableFact]
    public async Task Population_ImportAsync_RenamedMember_NameUpdated()
    {
        var id = TestIds.Valid(16);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", id, "张山").Build(), Batch("may.csv"), 1, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Build(), Batch("june.csv"), 1, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);

        Assert.True(population.TryFind(id.Key, out var person));
        Assert.Equal("张三", population.Name(person).ToString());
    }

    [SkippableFact]
    public async Task Population_ImportAsync_MemberMovedHousehold_FoundInNewHouseholdOnly()
    {
        var id = TestIds.Valid(17);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H1").Member("H1", id, "张三").Build(), Batch("may.csv"), 1, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder().Household("H2").Member("H2", id, "张三").Build(), Batch("june.csv"), 1, 0, Ct);
        var population = await store.Population.LoadIndexAsync(Ct, withHouseholds: true);

        Assert.Equal((1, 0), (population.Count, population.DuplicateCount));
        Assert.True(population.TryFind(id.Key, out var person));
        Assert.Equal("H2", population.HouseholdId(person));
        Assert.Equal(2, (await store.CountRowsAsync(Ct))["member"]);
    }

    [SkippableFact]
    public async Task Population_LoadSnapshotAsync_Snapshot_EveryFieldReadBackExactly()
    {
        var (head, child) = (TestIds.Make(TestIds.Jiyuan, new DateOnly(1968, 3, 3), 21), TestIds.Make(TestIds.Jiyuan, new DateOnly(2009, 9, 9), 22));
        var tekun = TestIds.Make(TestIds.Jiyuan, new DateOnly(1950, 1, 1), 23);
        var snapshot = new LowIncomeSnapshot(
            [
                new Household { HouseholdId = "H1", Subdistrict = "梨林镇", Village = "范庄村", AnnualIncome = 12345.67m, HousingDifficulty = true, Aid = AidType.Medical | AidType.Housing },
                new Household { HouseholdId = "H2", Subdistrict = "天坛街道", Village = "北海社区", AnnualIncome = null, Aid = AidType.None },
                new Household { HouseholdId = "H3", Subdistrict = "克井镇", Village = "前进村", AnnualIncome = 0.01m, Aid = AidType.Temporary },
                new Household { HouseholdId = "H4", Subdistrict = "克井镇", Village = "前进村", AnnualIncome = 8000m, Aid = AidType.None },
            ],
            [
                new Member { HouseholdId = "H1", Id = head, Name = "欧阳建国", Relation = "户主", Categories = AidCategory.Dibao | AidCategory.Gangxing, SeriousIllness = true },
                new Member { HouseholdId = "H1", Id = child, Name = "欧阳小雨", Relation = "子女", Categories = AidCategory.Dibao, SevereDisability = true },
                new Member { HouseholdId = "H2", Id = tekun, Name = LongName, Relation = "本人", Categories = AidCategory.Tekun, TekunSupport = "分散" },
            ]);
        await using var store = await OpenInitializedAsync();

        await store.Population.ImportAsync(snapshot, Batch("lowincome.csv"), 3, 0, Ct);
        var loaded = await store.Population.LoadSnapshotAsync(Ct);

        // H3 and H4 have no member in this snapshot but are listed: active and read back like the others (an income
        // with cents, none, a cent, a whole number: SQLite keeps the last as an integer).
        Assert.Equal(snapshot.Households, loaded.Households);
        Assert.Equal(snapshot.Members, loaded.Members);
        Assert.Equal([12345.67m, null, 0.01m, 8000m], loaded.Households.Select(h => h.AnnualIncome));
        Assert.Equal((4L, 3L), await store.Population.CountActiveAsync(Ct));
    }

    [SkippableFact]
    public async Task Population_LoadSnapshotAsync_NextSnapshot_OnlyItsHouseholdsAndMembersWithTheirNewValues()
    {
        var (a, b, c) = (TestIds.Valid(24), TestIds.Valid(25), TestIds.Valid(26));
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Medical, 8000.50m).Member("H1", a, "张三").Member("H1", b, "李四")
            .Household("H2").Member("H2", c, "王五").Build(), Batch("may.csv"), 3, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Education, 20000.10m).Member("H1", a, "张三", AidCategory.Bianyuan).Build(), Batch("june.csv"), 1, 0, Ct);
        var loaded = await store.Population.LoadSnapshotAsync(Ct);

        var household = Assert.Single(loaded.Households);
        Assert.Equal(("H1", AidType.Education, (decimal?)20000.10m), (household.HouseholdId, household.Aid, household.AnnualIncome));
        var member = Assert.Single(loaded.Members);
        Assert.Equal((a, "张三", AidCategory.Bianyuan), (member.Id, member.Name, member.Categories));
        Assert.Equal((1L, 1L), await store.Population.CountActiveAsync(Ct));
    }

    [SkippableFact]
    public async Task Population_LoadSnapshotAsync_HouseholdRefreshedByLaterSnapshot_MembersStillInSnapshotOrder()
    {
        // Listed head, spouse, child, then a grandmother who joins; IDs (birth dates) sort them grandmother, spouse, head, child.
        var head = TestIds.Make(TestIds.Jiyuan, new DateOnly(1970, 2, 2), 31);
        var spouse = TestIds.Make(TestIds.Jiyuan, new DateOnly(1968, 4, 4), 32);
        var child = TestIds.Make(TestIds.Jiyuan, new DateOnly(1995, 6, 6), 33);
        var grandmother = TestIds.Make(TestIds.Jiyuan, new DateOnly(1945, 8, 8), 34);
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1").Member("H1", head, "赵大").Member("H1", spouse, "钱二").Member("H1", child, "孙三").Build(), Batch("may.csv"), 3, 0, Ct);

        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Medical).Member("H1", head, "赵大", AidCategory.Tekun).Member("H1", spouse, "钱二")
            .Member("H1", child, "孙小三").Member("H1", grandmother, "李四").Build(), Batch("june.csv"), 4, 0, Ct);
        var loaded = await store.Population.LoadSnapshotAsync(Ct);
        var entries = await store.Population.HouseholdEntriesAsync(spouse.Key, Ct);

        Assert.Equal([head, spouse, child, grandmother], loaded.Members.Select(m => m.Id));
        Assert.Equal(["赵大", "钱二", "孙小三", "李四"], loaded.Members.Select(m => m.Name));
        Assert.Equal([head.Value, spouse.Value, child.Value, grandmother.Value], entries.Select(e => e.IdText));
    }

    [SkippableFact]
    public async Task Population_ImportAsync_FirstLoadFailingAfterItsMembers_NothingStoredTheIdIndexKeptAndUsedByTheNext()
    {
        var (a, b) = (TestIds.Valid(60), TestIds.Valid(61));
        var snapshot = new SnapshotBuilder().Household("H1").Member("H1", a, "甲").Member("H1", b, "乙").Build();
        await using var store = await OpenInitializedAsync();
        var keys = await PopulationForeignKeysAsync();

        // The progress callback hears of the last member (1 household + 2 members) before the members' ID index is
        // built again on a first load (SQLite; on PostgreSQL, the foreign keys are put back too): failing there rolls
        // the dropped index and keys back with the rows.
        var failure = await Assert.ThrowsAsync<Core.Errors.MatchingException>(() => store.Population.ImportAsync(snapshot, Batch("may.csv"), 2, 0, Ct,
            stored => { if (stored == 3) { throw new InvalidOperationException("stopped after the members"); } }));
        var afterFailure = await MemberIndexesAsync();
        var keysAfterFailure = await PopulationForeignKeysAsync();
        var membersAfterFailure = (await store.CountRowsAsync(Ct))["member"];
        await store.Population.ImportAsync(snapshot, Batch("may.csv"), 2, 0, Ct);

        Assert.Contains("rolled back (stopped after the members)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, membersAfterFailure);
        Assert.Equal(["ix_member_id_key"], afterFailure);
        Assert.Equal(["ix_member_id_key"], await MemberIndexesAsync());
        Assert.Equal(5, keys.Count);
        Assert.Equal(keys, keysAfterFailure);
        Assert.Equal(keys, await PopulationForeignKeysAsync());
        Assert.Equal([a.Value, b.Value], (await store.Population.HouseholdEntriesAsync(b.Key, Ct)).Select(e => e.IdText));
    }

    [SkippableFact]
    public async Task Population_ImportAsync_FirstLoadOfAMemberWithoutItsHousehold_RefusedByTheForeignKeyPutBack()
    {
        // A snapshot the reader never makes (every member's household is in it): the first load's keys still hold.
        var snapshot = new SnapshotBuilder().Household("H1").Member("H1", TestIds.Valid(62), "甲").Member("H9", TestIds.Valid(63), "乙").Build();
        await using var store = await OpenInitializedAsync();

        await Assert.ThrowsAsync<Core.Errors.MatchingException>(() => store.Population.ImportAsync(snapshot, Batch("may.csv"), 2, 0, Ct));

        Assert.Equal(0, (await store.CountRowsAsync(Ct))["member"]);
        Assert.Equal(5, (await PopulationForeignKeysAsync()).Count);
    }

    /// <summary>The foreign keys of the household and member tables, as table.column → table, as the database lists them.</summary>
    private Task<List<string>> PopulationForeignKeysAsync() => QueryAsync(Options.Provider switch
    {
        DatabaseProvider.Sqlite => "SELECT m.name || '.' || k.\"from\" || '>' || k.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) k WHERE m.name IN ('household', @p) ORDER BY 1",
        DatabaseProvider.Postgres => "SELECT conrelid::regclass::text || ':' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('household'::regclass, @p::regclass) ORDER BY 1",
        _ => "SELECT OBJECT_NAME(parent_object_id) + '.' + name FROM sys.foreign_keys WHERE parent_object_id IN (OBJECT_ID('household'), OBJECT_ID(@p)) ORDER BY 1",
    }, "member");

    private Task<List<string>> MemberIndexesAsync() => IndexesAsync("member");

    [SkippableFact]
    public async Task Population_LoadRulePopulationAsync_MembersStoredOutOfHouseholdOrder_InHouseholdOrderAsTheSnapshotReadsThem()
    {
        var ids = Enumerable.Range(40, 6).Select(TestIds.Valid).ToArray();
        await using var store = await OpenInitializedAsync();

        // Listed interleaved, H2's, H1's, H2's, H3's, H1's; then the next snapshot moves H2's first member to H1.
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H2").Household("H1").Household("H3")
            .Member("H2", ids[0], "甲").Member("H1", ids[1], "乙").Member("H2", ids[2], "丙").Member("H3", ids[3], "丁").Member("H1", ids[4], "戊")
            .Build(), Batch("may.csv"), 5, 0, Ct);
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H2").Household("H1").Household("H3")
            .Member("H2", ids[2], "丙").Member("H1", ids[1], "乙").Member("H3", ids[3], "丁").Member("H1", ids[4], "戊").Member("H1", ids[0], "甲")
            .Member("H3", ids[5], "己").Build(), Batch("june.csv"), 6, 0, Ct);
        var population = await store.Population.LoadRulePopulationAsync(Ct);
        var snapshot = await store.Population.LoadSnapshotAsync(Ct);

        var members = Enumerable.Range(0, population.Count).Select(population.Member).ToList();
        Assert.Equal(snapshot.Members, members);
        Assert.Equal(["H1", "H1", "H1", "H2", "H3", "H3"], members.Select(m => m.HouseholdId));
        Assert.Equal(["乙", "戊", "甲", "丙", "丁", "己"], members.Select(m => m.Name));
    }

    [SkippableFact]
    public async Task Population_LoadRulePopulationAsync_HouseholdIdsBeyondTheBasicPlane_InTheDatabasesOrder()
    {
        // UTF-16 puts a surrogate pair (😀) before U+FF21 (Ａ); SQLite's bytes (F0… against EF…) put it after. The run's
        // population ranks the households it read in storage order as the database sorts them.
        var ids = Enumerable.Range(60, 4).Select(TestIds.Valid).ToArray();
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H😀").Household("HＡ").Household("HA").Household("H\u00e9")
            .Member("H😀", ids[0], "甲").Member("HＡ", ids[1], "乙").Member("HA", ids[2], "丙").Member("H\u00e9", ids[3], "丁")
            .Build(), Batch("may.csv"), 4, 0, Ct);
        var population = await store.Population.LoadRulePopulationAsync(Ct);
        var snapshot = await store.Population.LoadSnapshotAsync(Ct);

        Assert.Equal(snapshot.Members, Enumerable.Range(0, population.Count).Select(population.Member));
    }

    [SkippableFact]
    public async Task Population_LoadRulePopulationAsync_ActiveMemberOfAnInactiveHousehold_StillWhereTheSnapshotReadsIt()
    {
        var ids = Enumerable.Range(50, 4).Select(TestIds.Valid).ToArray();
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H3").Household("H1").Household("H2")
            .Member("H3", ids[0], "甲").Member("H1", ids[1], "乙").Member("H2", ids[2], "丙").Member("H1", ids[3], "丁")
            .Build(), Batch("may.csv"), 4, 0, Ct);

        // Not what an import leaves, but a database edited by hand can: H2's household gone from the active ones.
        await ExecuteAsync("UPDATE household SET active = 0 WHERE household_id = 'H2'");
        var population = await store.Population.LoadRulePopulationAsync(Ct);
        var snapshot = await store.Population.LoadSnapshotAsync(Ct);

        var members = Enumerable.Range(0, population.Count).Select(population.Member).ToList();
        Assert.Equal(snapshot.Members, members);
        Assert.Equal(["乙", "丁", "丙", "甲"], members.Select(m => m.Name));
    }

    [SkippableFact]
    public async Task Population_HouseholdEntriesAsync_PersonWhoMoved_EveryHouseholdOfTheirsWithMembersInOrderAndActiveFlags()
    {
        var (head1, mover, head2, alone) = (TestIds.Valid(35), TestIds.Valid(36), TestIds.Valid(37), TestIds.Valid(38));
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(new LowIncomeSnapshot(
            [
                new Household { HouseholdId = "H1", Subdistrict = "梨林镇", Village = "范庄村", AnnualIncome = 12345.67m, HousingDifficulty = true, Aid = AidType.Medical | AidType.Housing },
                new Household { HouseholdId = "H3", Subdistrict = "克井镇", Village = "前进村" },
            ],
            [
                new Member { HouseholdId = "H1", Id = head1, Name = "周建华", Relation = "户主", Categories = AidCategory.Dibao, SeriousIllness = true },
                new Member { HouseholdId = "H1", Id = mover, Name = "周小燕", Relation = "子女", Categories = AidCategory.Dibao | AidCategory.Tekun, SevereDisability = true },
                new Member { HouseholdId = "H3", Id = alone, Name = "吴独居", Relation = "本人", Categories = AidCategory.Tekun },
            ]), Batch("may.csv"), 3, 0, Ct);

        // 周小燕 married into H2; H3 is no longer in the database.
        await store.Population.ImportAsync(new SnapshotBuilder()
            .Household("H1", AidType.Medical | AidType.Housing, 12345.67m, "梨林镇").Member("H1", head1, "周建华")
            .Household("H2", AidType.None, 9876543.21m, "北海街道").Member("H2", head2, "郑强").Member("H2", mover, "周小燕", AidCategory.Bianyuan)
            .Build(), Batch("june.csv"), 3, 0, Ct);
        var entries = await store.Population.HouseholdEntriesAsync(mover.Key, Ct);
        var gone = await store.Population.HouseholdEntriesAsync(alone.Key, Ct);

        Assert.Equal(
            [("H1", head1.Value, "周建华", true, true), ("H1", mover.Value, "周小燕", false, true), ("H2", head2.Value, "郑强", true, true), ("H2", mover.Value, "周小燕", true, true)],
            entries.Select(e => (e.HouseholdId, e.IdText, e.Name, e.Active, e.HouseholdActive)));
        var before = entries[1];
        Assert.Equal(("子女", "dibao,tekun", false, true), (before.Relation, before.Categories, before.SeriousIllness, before.SevereDisability));
        // The household's fields are today's (June's snapshot no longer marks H1's 住房困难); the member's are as last listed.
        Assert.Equal(("梨林镇", (decimal?)12345.67m, false, "medical,housing"), (before.Subdistrict, before.AnnualIncome, before.HousingDifficulty, before.Aid));
        Assert.Equal(("bianyuan", "北海街道", (decimal?)9876543.21m, string.Empty), (entries[3].Categories, entries[3].Subdistrict, entries[3].AnnualIncome, entries[3].Aid));
        var left = Assert.Single(gone);
        Assert.Equal(("H3", "吴独居", "本人", "前进村", false, false), (left.HouseholdId, left.Name, left.Relation, left.Village, left.Active, left.HouseholdActive));
        Assert.Empty(await store.Population.HouseholdEntriesAsync(TestIds.Valid(39).Key, Ct));
    }
}
