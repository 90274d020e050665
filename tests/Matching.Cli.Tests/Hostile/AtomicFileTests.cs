using Matching.Core.Errors;
using Matching.Export;
using Matching.Testing;

namespace Matching.Cli.Tests.Hostile;

/// <summary>Issue 19, items 6 and 7: every output appears whole under its name or not at all, and never through a link.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _temp = new("matching-atomic-");

    [Fact]
    public void Dispose_WithoutCommit_NothingLeftAndEarlierFileKept()
    {
        var path = _temp.WriteText("out.xlsx", "earlier");

        using (var file = AtomicFile.Create(path, OutputOptions.Default))
        {
            file.Stream.Write("half a workbook"u8);
        }

        Assert.Equal("earlier", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_temp.Root));
    }

    [Fact]
    public void Create_WhileWriting_FinalNameUntouchedAndTemporaryHiddenBeside()
    {
        var path = _temp.PathOf("out.csv");

        using var file = AtomicFile.Create(path, OutputOptions.Default);
        file.Stream.Write("x"u8);

        Assert.False(File.Exists(path));
        Assert.Equal(_temp.Root, Path.GetDirectoryName(file.TemporaryPath));
        Assert.StartsWith(".out.csv.", Path.GetFileName(file.TemporaryPath), StringComparison.Ordinal);
        Assert.EndsWith(".tmp", file.TemporaryPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_Hashed_Sha256OfTheFileAsCommittedOnlyThen()
    {
        var path = _temp.PathOf("result.csv");
        using var file = AtomicFile.Create(path, hashed: true);
        file.Stream.Write("\uFEFFsource_row,raw_id\r\n"u8);
        file.Stream.Write(new byte[100_000]);
        file.Stream.WriteByte(7);
        Assert.Null(file.Sha256);

        file.Commit();

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), file.Sha256);
        Assert.Equal(22 + 100_000 + 1, new FileInfo(path).Length);
    }

    [Fact]
    public void Commit_HashedManyBlocksOnItsOwnThread_Sha256OfTheBytesInTheirOrder()
    {
        // More blocks than wait to be hashed, of every size, each different: hashed in the order written.
        var path = _temp.PathOf("result.csv");
        using var file = AtomicFile.Create(path, hashed: true);
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var block = new byte[random.Next(1, 70_000)];
            random.NextBytes(block);
            file.Stream.Write(block);
        }

        file.Commit();

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), file.Sha256);
    }

    [Fact]
    public async Task Write_HashingThreadFailed_ThrowsItInsteadOfWaitingForRoom()
    {
        // More blocks than wait to be hashed, after the hashing failed (its hash disposed under it): each write must
        // throw what the hashing failed with, not wait for a thread that will never take another block.
        using var stream = new HashingStream(Stream.Null, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var hash = (System.Security.Cryptography.IncrementalHash)typeof(HashingStream)
            .GetField("_hash", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(stream)!;
        hash.Dispose();

        var writing = Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                stream.Write(new byte[1000]);
            }
        });

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writing.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Throws<ObjectDisposedException>(() => stream.Digest());
    }

    [Fact]
    public void Dispose_HashedWithoutCommit_NothingLeftNoSha256()
    {
        var path = _temp.PathOf("result.csv");
        var file = AtomicFile.Create(path, hashed: true);
        file.Stream.Write("half a result"u8);

        file.Dispose();

        Assert.Null(file.Sha256);
        Assert.Empty(Directory.GetFiles(_temp.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task CommitAsync_Hashed_Sha256OfTheFile()
    {
        var path = _temp.PathOf("result.csv");
        await using var file = AtomicFile.Create(path, hashed: true);
        await file.Stream.WriteAsync("source_row,raw_id\r\n1,x\r\n"u8.ToArray());

        await file.CommitAsync(CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), file.Sha256);
    }

    [Fact]
    public void Commit_NotHashed_NoSha256()
    {
        using var file = AtomicFile.Create(_temp.PathOf("out.xlsx"), OutputOptions.Default);
        file.Stream.Write("workbook"u8);
        file.Commit();

        Assert.Null(file.Sha256);
    }

    [Fact]
    public void Commit_LinkPlantedUnderTheName_LinkReplacedVictimUntouched()
    {
        var victim = _temp.WriteText("victim.txt", "not yours");
        var path = _temp.PathOf("education.xlsx");
        File.CreateSymbolicLink(path, victim);

        using (var file = AtomicFile.Create(path, OutputOptions.Default))
        {
            file.Stream.Write("workbook"u8);
            file.Commit();
        }

        Assert.Equal("not yours", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal("workbook", File.ReadAllText(path));
    }

    [Fact]
    public void Create_FolderIsALink_RefusedUnlessAllowed()
    {
        var real = Directory.CreateDirectory(_temp.PathOf("real")).FullName;
        var link = _temp.PathOf("out");
        Directory.CreateSymbolicLink(link, real);

        var error = Assert.Throws<MatchingException>(() => AtomicFile.Create(Path.Combine(link, "a.xlsx"), OutputOptions.Default));
        using (var allowed = AtomicFile.Create(Path.Combine(link, "a.xlsx"), new OutputOptions { AllowLinkedFolder = true }))
        {
            allowed.Commit();
        }

        Assert.Contains("output:allowLinkedFolder", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(real, "a.xlsx")));
    }

    [Fact]
    public async Task Options_SetInOneFlow_NotSeenByAnother()
    {
        // Commands run side by side in one process (the tests do): each sees only its own settings.
        var seen = new bool[2];
        await Task.WhenAll(
            Task.Run(async () =>
            {
                AtomicFile.Options = new OutputOptions { AllowLinkedFolder = true };
                await Task.Delay(50);
                seen[0] = AtomicFile.Options.AllowLinkedFolder;
            }),
            Task.Run(async () =>
            {
                await Task.Delay(25);
                seen[1] = AtomicFile.Options.AllowLinkedFolder;
            }));

        Assert.Equal([true, false], seen);
    }

    public void Dispose() => _temp.Dispose();
}
