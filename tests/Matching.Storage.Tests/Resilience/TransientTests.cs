using System.Data.Common;
using Matching.Core.Errors;
using Matching.Storage.Resilience;
using Microsoft.Data.Sqlite;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Matching.Storage.Tests.Resilience;

public sealed class TransientTests
{
    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(1, false)] // SQLITE_ERROR: no such table, syntax
    [InlineData(11, false)] // SQLITE_CORRUPT
    [InlineData(13, false)] // SQLITE_FULL
    [InlineData(14, false)] // SQLITE_CANTOPEN
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    public void IsTransient_SqliteException_OnlyBusyAndLocked(int code, bool expected)
    {
        Assert.Equal(expected, Transient.IsTransient(new SqliteException("x", code)));
    }

    [Fact]
    public void IsTransient_SqliteBusy_ProviderItselfDoesNotSayTransient()
    {
        // Why the codes are checked at all: Microsoft.Data.Sqlite leaves DbException.IsTransient false for every code.
        Assert.False(new SqliteException("database is locked", Transient.SqliteBusy).IsTransient);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IsTransient_OtherProvider_AsItSays(bool providerSays)
    {
        Assert.Equal(providerSays, Transient.IsTransient(new ProviderException(providerSays)));
    }

    [Fact]
    public void IsTransient_Timeouts_True()
    {
        Assert.True(Transient.IsTransient(new TimeoutException()));
        Assert.True(Transient.IsTransient(new TimeoutRejectedException()));
    }

    [Theory]
    [InlineData(unchecked((int)0x80070020), true)] // ERROR_SHARING_VIOLATION
    [InlineData(unchecked((int)0x80070021), true)] // ERROR_LOCK_VIOLATION
    [InlineData(unchecked((int)0x80070005), false)] // ERROR_ACCESS_DENIED
    [InlineData(unchecked((int)0x80070070), false)] // ERROR_DISK_FULL
    [InlineData(unchecked((int)0x800700B7), false)] // ERROR_ALREADY_EXISTS
    [InlineData(32, false)] // a raw errno: EPIPE on Unix, not a sharing violation
    [InlineData(17, false)] // EEXIST
    public void IsTransient_IOException_OnlySharingOrLockViolation(int hresult, bool expected)
    {
        Assert.Equal(expected, Transient.IsTransient(new IOException("x", hresult)));
    }

    [Fact]
    public void IsTransient_EwouldblockOnLinux_True()
    {
        // .NET on Linux reports a FileShare.None conflict (an advisory lock) with the raw errno EWOULDBLOCK, 11.
        Assert.Equal(OperatingSystem.IsLinux(), Transient.IsTransient(new IOException("in use", 11)));
    }

    [Fact]
    public void IsTransient_RealSharingViolation_AsThisPlatformReportsIt()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            var error = Assert.ThrowsAny<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());

            Assert.True(Transient.IsTransient(error), $"HResult 0x{error.HResult:X}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void IsTransient_MissingFileOrFolder_False()
    {
        Assert.False(Transient.IsTransient(new FileNotFoundException("x")));
        Assert.False(Transient.IsTransient(new DirectoryNotFoundException("x")));
        Assert.False(Transient.IsTransient(new UnauthorizedAccessException("x")));
    }

    [Fact]
    public void IsTransient_Cancellation_False()
    {
        Assert.False(Transient.IsTransient(new OperationCanceledException()));
        Assert.False(Transient.IsTransient(new TaskCanceledException()));
    }

    [Fact]
    public void IsTransient_MatchingException_FalseEvenAroundATransientFault()
    {
        Assert.False(Transient.IsTransient(new MatchingException("database: busy", new SqliteException("x", Transient.SqliteBusy))));
        Assert.False(Transient.IsTransient(new InputFileException("a.csv", "locked", inner: new IOException("x", unchecked((int)0x80070020)))));
    }

    [Fact]
    public void IsTransient_OpenCircuitAndOtherFaults_False()
    {
        Assert.False(Transient.IsTransient(new BrokenCircuitException()));
        Assert.False(Transient.IsTransient(new InvalidOperationException()));
        Assert.False(Transient.IsTransient(new ArgumentException("bad connection string")));
    }

    private sealed class ProviderException(bool transient) : DbException("provider fault")
    {
        public override bool IsTransient => transient;
    }
}
