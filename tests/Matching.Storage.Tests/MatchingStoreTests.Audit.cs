using System.Data.Common;
using Matching.Storage.Dialects;
using Matching.Testing;

namespace Matching.Storage.Tests;

public abstract partial class MatchingStoreTests<TDb>
{
    private static AccessRecord Access(string command, DateTimeOffset at, string user = "alice") => new()
    {
        At = at, OsUser = user, Host = "srv1", Command = command, FullIds = true, Outcome = AccessOutcome.Ok,
    };

    [SkippableFact]
    public async Task Access_RecordAsync_ThenRead_EveryFieldBackOldestFirst()
    {
        await using var store = await OpenInitializedAsync();
        string[] ids = [TestIds.Valid(2).Value, TestIds.Valid(1).Value];
        var at = new DateTimeOffset(2026, 12, 1, 1, 2, 3, TimeSpan.Zero);

        await store.Access.RecordAsync(Access("show", at).WithSubjects(ids) with { OutputPath = "/out/x.xlsx", OutputSha256 = "ab", Detail = "warning 7" }, Ct);
        await store.Access.RecordAsync(Access("export", at.AddDays(1), "bob") with { FullIds = false, SubjectCount = 12, Outcome = AccessOutcome.Refused }, Ct);
        var all = await store.Access.ListAsync(null, null, Ct);

        Assert.Equal(["show", "export"], all.Select(r => r.Command));
        var show = all[0];
        Assert.Equal((at, "alice", "srv1", true, 2L), (show.At, show.OsUser, show.Host, show.FullIds, show.SubjectCount));
        Assert.Equal(string.Join('\n', ids.Order(StringComparer.Ordinal)), show.Subjects);
        Assert.Equal(AccessRecord.HashOf(ids), show.SubjectHash);
        Assert.Equal(("/out/x.xlsx", "ab", "warning 7", AccessOutcome.Ok), (show.OutputPath, show.OutputSha256, show.Detail, show.Outcome));
        Assert.Equal((false, 12L, AccessOutcome.Refused), (all[1].FullIds, all[1].SubjectCount, all[1].Outcome));
        Assert.Equal(["export"], (await store.Access.ListAsync(at.AddHours(1), null, Ct)).Select(r => r.Command));
        Assert.Equal(["show"], (await store.Access.ListAsync(null, "alice", Ct)).Select(r => r.Command));
    }

    [SkippableFact]
    public async Task AccessAudit_UpdateOnSqliteOrPostgres_RefusedByTrigger()
    {
        Skip.If(Options.Provider == DatabaseProvider.SqlServer, "SQL Server's audit is protected by DENY, not a trigger (README)");
        await using (var store = await OpenInitializedAsync())
        {
            await store.Access.RecordAsync(Access("show", DateTimeOffset.UnixEpoch), Ct);
        }

        await using var connection = SqlDialects.For(Options.Provider).CreateConnection(Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE access_audit SET os_user = 'mallory'";

        var error = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Warnings_RecordDispositionsAsync_WithAccess_RecordedInTheSameTransactionWithTheCount()
    {
        await using var store = await OpenInitializedAsync();

        var result = await store.Warnings.RecordDispositionsAsync("medical-insurance", [], Access("feedback import", DateTimeOffset.UnixEpoch), Ct);

        var record = Assert.Single(await store.Access.ListAsync(null, null, Ct));
        Assert.Equal(("feedback import", (long)result.Recorded), (record.Command, record.SubjectCount));
    }
}
