using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Storage.Tests;

public sealed class RulePopulationImageTests : IDisposable
{
    private static readonly PopulationStamp Stamp = new(7, new string('a', 64), "2026-06-01T00:30:00.0000000Z", 6);
    private readonly TempFolder _temp = new("rules-image-");

    private string PathOf(string name) => Path.Combine(_temp.Root, "index", name);

    /// <summary>Two households with every field set one way or the other, and a member whose household is not in the snapshot.</summary>
    private static RulePopulation Population() => new(new LowIncomeSnapshot(
        [
            new Household { HouseholdId = "H1", Subdistrict = "梨林镇", Village = "范庄村", AnnualIncome = 12345.670m, HousingDifficulty = true, Aid = AidType.Medical | AidType.Housing },
            new Household { HouseholdId = "H2", Subdistrict = "克井镇", Village = "", Aid = Enum.GetValues<AidType>().Aggregate((all, aid) => all | aid) },
        ],
        [
            new Member { HouseholdId = "H1", Id = TestIds.Valid(1), Name = "周建华", Relation = "户主", Categories = AidCategory.Dibao, SeriousIllness = true },
            new Member { HouseholdId = "H1", Id = TestIds.Valid(2), Name = "周小燕", Relation = "子女", Categories = AidCategory.Dibao | AidCategory.Tekun, SevereDisability = true, TekunSupport = "集中供养" },
            new Member { HouseholdId = "H2", Id = TestIds.Valid(3), Name = "", Relation = "本人", Categories = AidCategory.Tekun, SeriousIllness = true, SevereDisability = true },
            new Member { HouseholdId = "H9", Id = TestIds.Valid(1), Name = "阿依努尔·艾山", Relation = "", Categories = AidCategory.Bianyuan | AidCategory.Gangxing | AidCategory.Other },
        ]));

    [Fact]
    public void TryRead_WhatWasWritten_SameMembersHouseholdsAndIndex()
    {
        var population = Population();
        var path = PathOf("r.bin");

        RulePopulationImage.Write(path, population, Stamp);
        var state = RulePopulationImage.TryRead(path, Stamp, out var read);

        Assert.Equal(PopulationImageState.Valid, state);
        Assert.Equal(Enumerable.Range(0, population.Count).Select(population.Member), Enumerable.Range(0, read!.Count).Select(read.Member));
        Assert.Equal(Enumerable.Range(0, population.Count).Select(population.HouseholdOf), Enumerable.Range(0, read.Count).Select(read.HouseholdOf));
        Assert.Equal(decimal.GetBits(12345.670m), decimal.GetBits(read.Household("H1").AnnualIncome!.Value)); // its scale too
        Assert.Null(read.Household("H2").AnnualIncome);
        Assert.Equal(population.HouseholdIds, read.HouseholdIds);
        Assert.Equal(population.HeadOf("H1"), read.HeadOf("H1"));
        Assert.True(read.Index.TryFind(TestIds.Valid(3).Key, out var person));
        Assert.Equal(2, person);
    }

    [Fact]
    public void TryRead_EmptyPopulation_Valid()
    {
        var path = PathOf("empty.bin");

        RulePopulationImage.Write(path, new RulePopulation(new LowIncomeSnapshot([], [])), Stamp);

        Assert.Equal(PopulationImageState.Valid, RulePopulationImage.TryRead(path, Stamp, out var read));
        Assert.Equal(0, read!.Count);
    }

    [Fact]
    public void TryRead_AnotherSnapshotsStamp_Stale()
    {
        var path = PathOf("r.bin");
        RulePopulationImage.Write(path, Population(), Stamp);

        foreach (var other in (PopulationStamp[])[Stamp with { BatchId = 8 }, Stamp with { SchemaVersion = 7 }, Stamp with { Sha256 = new string('b', 64) }, Stamp with { ImportedAt = "2026-07-01T00:30:00.0000000Z" }])
        {
            Assert.Equal(PopulationImageState.Stale, RulePopulationImage.TryRead(path, other, out var read));
            Assert.Null(read);
        }
    }

    [Fact]
    public void TryRead_WrittenByAnotherBuild_Stale()
    {
        var path = PathOf("r.bin");
        RulePopulationImage.Write(path, Population(), Stamp);
        var bytes = File.ReadAllBytes(path);

        bytes[48] ^= 0x01; // the build's hash, after the fixed counts: checked before the checksum, as the stamp is
        File.WriteAllBytes(path, bytes);

        Assert.Equal(PopulationImageState.Stale, RulePopulationImage.TryRead(path, Stamp, out var read));
        Assert.Null(read);
    }

    [Theory]
    [InlineData("key")]
    [InlineData("categories")]
    [InlineData("flags")]
    [InlineData("aid")]
    [InlineData("none")] // the checksum written again over the same bytes: valid, so the others fail for their value
    public void TryRead_ValuesNoProgramWritesBehindAValidChecksum_Invalid(string field)
    {
        var population = Population();
        var path = PathOf("r.bin");
        RulePopulationImage.Write(path, population, Stamp);
        var bytes = File.ReadAllBytes(path);
        var header = BitConverter.ToInt32(bytes, 12);
        var (persons, households, texts, nameChars, textChars) =
            (BitConverter.ToInt32(bytes, 28), BitConverter.ToInt32(bytes, 32), BitConverter.ToInt32(bytes, 36), BitConverter.ToInt32(bytes, 40), BitConverter.ToInt32(bytes, 44));
        var categoriesAt = header + (persons * 8) + ((persons + 1) * 4) + (nameChars * 2) + ((texts + 1) * 4) + (textChars * 2) + (persons * 12);
        var aidAt = categoriesAt + (persons * 2) + (households * 28) + 2;

        switch (field)
        {
            case "key": BitConverter.TryWriteBytes(bytes.AsSpan(header), 0L); break;
            case "categories": bytes[categoriesAt] = 0x80; break;
            case "flags": bytes[categoriesAt + persons] = 4; break;
            case "aid": bytes[aidAt] = 0x80; break;
            default: break;
        }

        var hash = new System.IO.Hashing.XxHash3();
        hash.Append(bytes.AsSpan(0, header - 8));
        hash.Append(bytes.AsSpan(header));
        BitConverter.TryWriteBytes(bytes.AsSpan(header - 8), hash.GetCurrentHashAsUInt64());
        File.WriteAllBytes(path, bytes);

        var state = RulePopulationImage.TryRead(path, Stamp, out var read);

        Assert.Equal(field == "none" ? PopulationImageState.Valid : PopulationImageState.Invalid, state);
        Assert.Equal(field == "none", read is not null);
    }

    [Fact]
    public void TryRead_TruncatedOrMissing_InvalidOrMissing()
    {
        var path = PathOf("r.bin");
        RulePopulationImage.Write(path, Population(), Stamp);

        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^1]);

        Assert.Equal(PopulationImageState.Invalid, RulePopulationImage.TryRead(path, Stamp, out var read));
        Assert.Null(read);
        Assert.Equal(PopulationImageState.Missing, RulePopulationImage.TryRead(PathOf("none.bin"), Stamp, out _));
    }

    [Fact]
    public void TryRead_EveryByteFlipped_NeverValidNeverThrows()
    {
        var path = PathOf("r.bin");
        RulePopulationImage.Write(path, Population(), Stamp);
        var bytes = File.ReadAllBytes(path);

        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x10;
            File.WriteAllBytes(path, copy);
            Assert.NotEqual(PopulationImageState.Valid, RulePopulationImage.TryRead(path, Stamp, out _));
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_OwnerOnly_NoTemporaryFileLeft()
    {
        var path = PathOf("r.bin");
        RulePopulationImage.Write(path, Population(), Stamp);

        RulePopulationImage.Write(path, Population(), Stamp with { BatchId = 8 });

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(["r.bin"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        Assert.Equal(PopulationImageState.Valid, RulePopulationImage.TryRead(path, Stamp with { BatchId = 8 }, out _));
    }

    public void Dispose() => _temp.Dispose();
}
