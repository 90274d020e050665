using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Storage.Tests;

public abstract partial class MatchingStoreTests<TDb>
{
    [SkippableFact]
    public async Task PopulationImageCache_RebuiltAfterImport_ReadsBackTheSameIndex()
    {
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(ThreePersons(), Batch("june.csv"), 3, 0, Ct);
        var images = new PopulationImageCache(Path.Combine(Folder, "index"));

        var built = await images.RebuildAsync(store, Ct);
        var (read, state) = await images.TryLoadAsync(store, Ct);

        Assert.Equal(PopulationImageState.Valid, state);
        Assert.Equal(Persons(await store.Population.LoadIndexAsync(Ct)), Persons(read!));
        Assert.Equal(Persons(built), Persons(read!));
        Assert.True(read!.TryFind(TestIds.Valid(3).Key, out var person));
        Assert.Equal("欧阳娜娜", read.Name(person).ToString());
    }

    [SkippableFact]
    public async Task PopulationImageCache_NewSnapshotSince_StaleThenRebuiltWithIt()
    {
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(ThreePersons(), Batch("june.csv"), 3, 0, Ct);
        var images = new PopulationImageCache(Path.Combine(Folder, "index"));
        await images.RebuildAsync(store, Ct);
        var joins = TestIds.Valid(9);
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H9").Member("H9", joins, "赵六").Build(), Batch("july.csv"), 1, 0, Ct);

        var (stale, state) = await images.TryLoadAsync(store, Ct);
        var loaded = await images.LoadAsync(store, Ct);

        Assert.Equal((PopulationImageState.Stale, (PopulationIndex?)null), (state, stale));
        Assert.Equal([(joins.Key, "赵六")], Persons(loaded));
        Assert.Equal(PopulationImageState.Valid, (await images.TryLoadAsync(store, Ct)).State);
    }

    [SkippableFact]
    public async Task PopulationImageCache_OneByteCorrupted_InvalidThenRebuiltIdentical()
    {
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(ThreePersons(), Batch("june.csv"), 3, 0, Ct);
        var images = new PopulationImageCache(Path.Combine(Folder, "index"));
        var expected = Persons(await images.RebuildAsync(store, Ct));
        var path = images.PathFor(store);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        bytes[^3] ^= 0x01; // a bit of the last name: the length and the stamp still agree, the checksum does not

        await File.WriteAllBytesAsync(path, bytes, Ct);
        var (corrupt, state) = await images.TryLoadAsync(store, Ct);
        var loaded = await images.LoadAsync(store, Ct);

        Assert.Equal((PopulationImageState.Invalid, (PopulationIndex?)null), (state, corrupt));
        Assert.Equal(expected, Persons(loaded));
        Assert.Equal(PopulationImageState.Valid, (await images.TryLoadAsync(store, Ct)).State);
        Assert.NotEqual(bytes, await File.ReadAllBytesAsync(path, Ct));
    }

    [SkippableFact]
    public async Task PopulationImageCache_OtherFormatVersion_InvalidThenRebuilt()
    {
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(ThreePersons(), Batch("june.csv"), 3, 0, Ct);
        var images = new PopulationImageCache(Path.Combine(Folder, "index"));
        var expected = Persons(await images.RebuildAsync(store, Ct));
        var path = images.PathFor(store);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        bytes[8] = PopulationImage.FormatVersion + 1; // the int32 after the 8-byte magic

        await File.WriteAllBytesAsync(path, bytes, Ct);

        Assert.Equal(PopulationImageState.Invalid, (await images.TryLoadAsync(store, Ct)).State);
        Assert.Equal(expected, Persons(await images.LoadAsync(store, Ct)));
        Assert.Equal(PopulationImageState.Valid, (await images.TryLoadAsync(store, Ct)).State);
    }

    [SkippableFact]
    public async Task PopulationImageCache_NoSnapshotYet_MissingAndNothingWritten()
    {
        await using var store = await OpenInitializedAsync();
        var images = new PopulationImageCache(Path.Combine(Folder, "index"));

        var (index, state) = await images.TryLoadAsync(store, Ct);
        var loaded = await images.LoadAsync(store, Ct);

        Assert.Equal((PopulationImageState.Missing, (PopulationIndex?)null), (state, index));
        Assert.Equal(0, loaded.Count);
        Assert.False(File.Exists(images.PathFor(store)));
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PopulationImageCache_Written_OwnerOnlyFileInOwnerOnlyFolder()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes");
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(ThreePersons(), Batch("june.csv"), 3, 0, Ct);
        var images = new PopulationImageCache(Path.Combine(Folder, "index"));

        await images.RebuildAsync(store, Ct);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(images.PathFor(store)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(images.Folder));
        Assert.Equal([Path.GetFileName(images.PathFor(store))], Directory.GetFiles(images.Folder).Select(Path.GetFileName));
    }

    [SkippableFact]
    public async Task RulePopulation_ImageThenNewSnapshot_TheImageWhileCurrentThenTheNewOne()
    {
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(ThreePersons(), Batch("june.csv"), 3, 0, Ct);
        var images = new PopulationImageCache(Path.Combine(Folder, "index"));
        var fromDatabase = await store.Population.LoadRulePopulationAsync(Ct);

        var first = await images.LoadRulePopulationAsync(store, Ct);
        var stamp = await store.Population.StampAsync(Ct);
        var state = RulePopulationImage.TryRead(images.RulesPathFor(store), stamp!, out var fromImage);
        var joins = TestIds.Valid(9);
        await store.Population.ImportAsync(new SnapshotBuilder().Household("H9").Member("H9", joins, "赵六").Build(), Batch("july.csv"), 1, 0, Ct);
        var after = await images.LoadRulePopulationAsync(store, Ct);

        Assert.Equal(PopulationImageState.Valid, state);
        Assert.Equal(Members(fromDatabase), Members(first));
        Assert.Equal(Members(fromDatabase), Members(fromImage!));
        Assert.Equal(["赵六"], Members(after).Select(m => m.Name));
        Assert.Equal(PopulationImageState.Valid, RulePopulationImage.TryRead(images.RulesPathFor(store), (await store.Population.StampAsync(Ct))!, out _));
    }

    [SkippableFact]
    public async Task RulePopulation_ImageWrittenAside_ValidOnceItsTaskEndsAndReadTheNextTime()
    {
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(ThreePersons(), Batch("june.csv"), 3, 0, Ct);
        var images = new PopulationImageCache(Path.Combine(Folder, "index"));

        var (loaded, written) = await images.LoadRulePopulationImageAsideAsync(store, Ct);
        await written;
        var state = RulePopulationImage.TryRead(images.RulesPathFor(store), (await store.Population.StampAsync(Ct))!, out var fromImage);
        var (again, nothingToWrite) = await images.LoadRulePopulationImageAsideAsync(store, Ct);

        Assert.Equal(PopulationImageState.Valid, state);
        Assert.Equal(Members(loaded), Members(fromImage!));
        Assert.Equal(Members(loaded), Members(again));
        Assert.True(nothingToWrite.IsCompletedSuccessfully);
    }

    [SkippableFact]
    public async Task RulePopulation_ImageDamaged_LoadedFromTheDatabaseAndWrittenAgain()
    {
        await using var store = await OpenInitializedAsync();
        await store.Population.ImportAsync(ThreePersons(), Batch("june.csv"), 3, 0, Ct);
        var images = new PopulationImageCache(Path.Combine(Folder, "index"));
        var expected = Members(await images.LoadRulePopulationAsync(store, Ct));
        var path = images.RulesPathFor(store);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes, Ct);

        var loaded = await images.LoadRulePopulationAsync(store, Ct);

        Assert.Equal(expected, Members(loaded));
        Assert.NotEqual(bytes, await File.ReadAllBytesAsync(path, Ct));
    }

    private static List<Member> Members(Core.Rules.RulePopulation population) =>
        [.. Enumerable.Range(0, population.Count).Select(population.Member)];

    private static LowIncomeSnapshot ThreePersons() => new SnapshotBuilder()
        .Household("H1").Member("H1", TestIds.Valid(1), "张三").Member("H1", TestIds.Valid(2), "李四")
        .Household("H2").Member("H2", TestIds.Valid(3), "欧阳娜娜")
        .Build();

    private static List<(long Key, string Name)> Persons(PopulationIndex index) =>
        [.. Enumerable.Range(0, index.Count).Select(p => (index.Key(p), index.Name(p).ToString()))];
}
