using Matching.Core.Errors;
using Matching.Storage.Dialects;

namespace Matching.Storage.Tests;

public abstract partial class MatchingStoreTests<TDb>
{
    private static readonly TimeSpan Minutes = TimeSpan.FromMinutes(5);

    [SkippableFact]
    public async Task RunLock_HeldByAnother_RefusedAfterWaitNamingHolderAndSince()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        await using var first = await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct);

        var error = await Assert.ThrowsAsync<MatchingException>(() => RunLock.AcquireAsync(Options, Minutes, TimeSpan.FromMilliseconds(300), TimeProvider.System, Ct));

        Assert.Contains($"held by {RunLock.Me} since ", error.Message, StringComparison.Ordinal);
        Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RunLock_Released_NextOneTakesIt()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        await (await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct)).DisposeAsync();

        await using var second = await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct);

        Assert.NotNull(second);
    }

    [SkippableFact]
    public async Task RunLock_WaitingWhileHolderFinishes_TakesItWhenReleased()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        var first = await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct);
        var waiting = RunLock.AcquireAsync(Options, Minutes, TimeSpan.FromSeconds(30), TimeProvider.System, Ct);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        await first.DisposeAsync();

        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(second);
    }

    [SkippableFact]
    public async Task RunLock_LeftByADeadProcess_ExpiresAndIsTaken()
    {
        await using (var store = await OpenInitializedAsync())
        {
            // What a killed run leaves: its row, never renewed again, expired a minute ago.
            await using var connection = SqlDialects.For(Options.Provider).CreateConnection(Options.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO run_lock (name, holder, token, acquired_at, expires_at) VALUES ('run', 'operator@gone pid 1', 'x', '2026-11-28T01:00:00.000Z', @expires)";
            var expires = insert.CreateParameter();
            expires.ParameterName = "@expires";
            expires.Value = DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
            insert.Parameters.Add(expires);
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await using var taken = await RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct);

        Assert.NotNull(taken);
    }

    [SkippableFact]
    public async Task RunLock_Held_RenewedBeforeItExpires()
    {
        await (await OpenInitializedAsync()).DisposeAsync();
        // A 3-second lease renewed every second, watched for more than twice its length: without renewal it would have
        // lapsed; the margin keeps a renewal delayed by a busy machine from failing the test.
        await using var held = await RunLock.AcquireAsync(Options, TimeSpan.FromSeconds(3), TimeSpan.Zero, TimeProvider.System, Ct);

        await Task.Delay(7000);

        await Assert.ThrowsAsync<MatchingException>(() => RunLock.AcquireAsync(Options, Minutes, TimeSpan.Zero, TimeProvider.System, Ct));
    }
}
