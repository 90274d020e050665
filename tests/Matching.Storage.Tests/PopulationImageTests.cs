using Matching.Core.Population;
using Matching.Testing;

namespace Matching.Storage.Tests;

public sealed class PopulationImageTests : IDisposable
{
    private static readonly PopulationStamp Stamp = new(7, new string('a', 64), "2026-06-01T00:30:00.0000000Z", 6);
    private readonly TempFolder _temp = new("population-image-");

    private string PathOf(string name) => Path.Combine(_temp.Root, "index", name);

    [Fact]
    public void TryRead_WhatWasWritten_SameKeysNamesAndDuplicates()
    {
        var (a, b) = (TestIds.Valid(1), TestIds.Valid(2));
        var index = new PopulationIndex([a.Key, b.Key, a.Key], ["张三", "", "张三（已故）"], null);
        var path = PathOf("p.bin");

        PopulationImage.Write(path, index, Stamp);
        var state = PopulationImage.TryRead(path, Stamp, out var read);

        Assert.Equal(PopulationImageState.Valid, state);
        Assert.Equal((3, 1), (read!.Count, read.DuplicateCount));
        Assert.Equal(["张三", "", "张三（已故）"], Enumerable.Range(0, 3).Select(p => read.Name(p).ToString()));
        Assert.Equal([a.Key, b.Key, a.Key], Enumerable.Range(0, 3).Select(read.Key));
        Assert.True(read.TryFind(b.Key, out var second));
        Assert.Equal(1, second);
        Assert.True(read.TryFind(a.Key, out var first));
        Assert.Equal(0, first); // the first of the same person's entries, as when built
        Assert.False(read.Contains(TestIds.Valid(3).Key));
    }

    [Fact]
    public void Write_TemporaryFileAKilledWriteLeft_DeletedAndOneBeingWrittenKept()
    {
        // Another image's leftovers, and a temporary file written now (another process writing the same image), stay.
        var path = PathOf("p.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var left = PathOf($".p.bin.{Guid.NewGuid():N}.tmp");
        var writing = PathOf($".p.bin.{Guid.NewGuid():N}.tmp");
        var other = PathOf($".q.bin.{Guid.NewGuid():N}.tmp");
        foreach (var file in new[] { left, writing, other })
        {
            File.WriteAllText(file, "110101199003077777 张三");
        }

        File.SetLastWriteTimeUtc(left, DateTime.UtcNow - ImageFile.LeftoverAge - TimeSpan.FromMinutes(1));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow - TimeSpan.FromDays(1));

        PopulationImage.Write(path, new PopulationIndex([TestIds.Valid(1).Key], ["张三"], null), Stamp);

        Assert.False(File.Exists(left));
        Assert.True(File.Exists(writing));
        Assert.True(File.Exists(other));
        Assert.Equal(PopulationImageState.Valid, PopulationImage.TryRead(path, Stamp, out _));
    }

    [Fact]
    public void TryRead_EmptyPopulation_Valid()
    {
        var path = PathOf("empty.bin");

        PopulationImage.Write(path, new PopulationIndex([], [], null), Stamp);

        Assert.Equal(PopulationImageState.Valid, PopulationImage.TryRead(path, Stamp, out var read));
        Assert.Equal(0, read!.Count);
    }

    [Theory]
    [InlineData(8, "batch")]
    [InlineData(7, "schema")]
    [InlineData(7, "sha")]
    [InlineData(7, "time")]
    public void TryRead_AnotherSnapshotsStamp_Stale(long batchId, string changed)
    {
        var path = PathOf("p.bin");
        PopulationImage.Write(path, new PopulationIndex([TestIds.Valid(1).Key], ["张三"], null), Stamp);
        var other = changed switch
        {
            "schema" => Stamp with { SchemaVersion = 7 },
            "sha" => Stamp with { Sha256 = new string('b', 64) },
            "time" => Stamp with { ImportedAt = "2026-07-01T00:30:00.0000000Z" },
            _ => Stamp with { BatchId = batchId },
        };

        Assert.Equal(PopulationImageState.Stale, PopulationImage.TryRead(path, other, out var read));
        Assert.Null(read);
    }

    [Fact]
    public void TryRead_Truncated_Invalid()
    {
        var path = PathOf("p.bin");
        PopulationImage.Write(path, new PopulationIndex([TestIds.Valid(1).Key], ["张三"], null), Stamp);
        var bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..^1]);

        Assert.Equal(PopulationImageState.Invalid, PopulationImage.TryRead(path, Stamp, out var read));
        Assert.Null(read);
    }

    [Fact]
    public void TryRead_EveryByteFlipped_NeverValid()
    {
        var path = PathOf("p.bin");
        PopulationImage.Write(path, new PopulationIndex([TestIds.Valid(1).Key, TestIds.Valid(2).Key], ["张三", "李四"], null), Stamp);
        var bytes = File.ReadAllBytes(path);

        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x10;
            File.WriteAllBytes(path, copy);
            Assert.NotEqual(PopulationImageState.Valid, PopulationImage.TryRead(path, Stamp, out _));
        }
    }

    [Fact]
    public void TryRead_NoFile_Missing()
    {
        Assert.Equal(PopulationImageState.Missing, PopulationImage.TryRead(PathOf("none.bin"), Stamp, out var read));
        Assert.Null(read);
    }

    [Fact]
    public void Write_OverAnOlderImage_ReplacesItAndLeavesNoTemporaryFile()
    {
        var path = PathOf("p.bin");
        PopulationImage.Write(path, new PopulationIndex([TestIds.Valid(1).Key], ["张三"], null), Stamp);
        var newer = Stamp with { BatchId = 8 };

        PopulationImage.Write(path, new PopulationIndex([TestIds.Valid(2).Key], ["李四"], null), newer);

        Assert.Equal(PopulationImageState.Valid, PopulationImage.TryRead(path, newer, out var read));
        Assert.Equal("李四", read!.Name(0).ToString());
        Assert.Equal(["p.bin"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    public void Dispose() => _temp.Dispose();
}
