using Matching.Core.Errors;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Tables;

/// <summary>Issue 19, item 4: only regular files are read; nothing is opened that could block or never end.</summary>
public sealed class InputFileTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TempFolder _temp = new("matching-input-");

    [SkippableFact]
    public async Task Open_Fifo_RefusedWithoutWaitingForAWriter()
    {
        Skip.If(OperatingSystem.IsWindows(), "no FIFOs on Windows");
        var fifo = SpecialFiles.Fifo(_temp.PathOf("f.csv"));

        var error = await Assert.ThrowsAsync<InputFileException>(() => Task.Run(() => TableReaders.Open(fifo, IngestLimits.Default)).WaitAsync(Bound));

        Assert.Contains("f.csv: is a named pipe (FIFO), not a regular file", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Open_LinkToDevZero_RefusedWithoutReading()
    {
        Skip.If(OperatingSystem.IsWindows(), "no /dev/zero on Windows");
        var link = SpecialFiles.LinkToDevZero(_temp.PathOf("z.csv"));

        var error = await Assert.ThrowsAsync<InputFileException>(() => Task.Run(() => TableReaders.Open(link, IngestLimits.Default)).WaitAsync(Bound));

        Assert.Contains("character device", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Require_Socket_Refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "no socket files on Windows");
        var path = _temp.PathOf("s.csv");
        using var socket = SpecialFiles.BoundSocket(path);

        var error = Assert.Throws<InputFileException>(() => InputFile.Require(path, IngestLimits.Default));

        Assert.Contains("socket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_LinkToRegularFile_Accepted()
    {
        var file = _temp.WriteText("a.csv", "姓名,身份证号\n");
        var link = _temp.PathOf("b.csv");
        File.CreateSymbolicLink(link, file);

        Assert.Equal(new FileInfo(file).Length, InputFile.Require(link, IngestLimits.Default));
    }

    [Fact]
    public void Require_OverSizeLimit_RefusedNamingTheLimit()
    {
        var file = _temp.WriteText("a.csv", "姓名,身份证号\n甲,1\n");

        var error = Assert.Throws<InputFileException>(() => InputFile.Require(file, IngestLimits.Default with { MaxFileBytes = 4 }));

        Assert.Contains("ingest:maxFileBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_FolderAndMissing_Refused()
    {
        Assert.Contains("is a folder", Assert.Throws<InputFileException>(() => InputFile.Require(_temp.Root, IngestLimits.Default)).Message, StringComparison.Ordinal);
        Assert.Contains("no such file", Assert.Throws<InputFileException>(() => InputFile.Require(_temp.PathOf("none.csv"), IngestLimits.Default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsSameFile_SamePathLinkAndDotDot_True_OtherFile_False()
    {
        var file = _temp.WriteText("a.csv", "x");
        var other = _temp.WriteText("b.csv", "x");
        var link = _temp.PathOf("link.csv");
        File.CreateSymbolicLink(link, file);
        Directory.CreateDirectory(_temp.PathOf("sub"));

        Assert.True(InputFile.IsSameFile(file, file));
        Assert.True(InputFile.IsSameFile(file, link));
        Assert.True(InputFile.IsSameFile(file, Path.Combine(_temp.Root, "sub", "..", "a.csv")));
        Assert.False(InputFile.IsSameFile(file, other));
        Assert.False(InputFile.IsSameFile(file, _temp.PathOf("missing.csv")));
    }

    public void Dispose() => _temp.Dispose();
}
