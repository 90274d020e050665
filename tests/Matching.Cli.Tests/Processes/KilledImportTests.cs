using System.Diagnostics;
using System.Globalization;
using Matching.Samples;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Matching.Cli.Tests.Processes;

/// <summary>
/// An import killed (SIGKILL) while it writes its transaction: the database is as it was before, and the same file
/// imported again loads whole. The program runs as a real OS process; the test freezes it (SIGSTOP) once it has seen
/// the import hold SQLite's write lock, checks that the frozen import still holds it and has not committed, and only
/// then kills it: the kill lands inside the one transaction however fast the machine is, and however late the test's
/// own continuations run on a busy machine (it freezes the import on the poll that sees the lock, with no wait between).
/// </summary>
[Collection(SeparateProcesses.Name)]
public sealed class KilledImportTests(ITestOutputHelper log)
{
    private const int Persons = 300_000;
    private const int ExtractRows = 200_000;

    [SkippableFact]
    public async Task Import_KilledInsideItsTransaction_StoresNothingAndTheSameFileThenLoadsWhole()
    {
        Skip.If(OperatingSystem.IsWindows(), "freezing a process (SIGSTOP) needs Unix");
        using var cli = new CliRun();
        var data = cli.PathOf("bench");
        BenchmarkData.Write(data, new BenchmarkOptions { Persons = Persons, Rows = ExtractRows, DamagedShare = 0 });
        var lowIncome = Path.Combine(data, BenchmarkData.LowIncomeFileName);
        var extract = Path.Combine(data, BenchmarkData.ExtractFileName);
        await SucceedAsync(cli, "init");

        await KillInsideTransactionAsync(cli, "SELECT COUNT(*) FROM import_batch", "lowincome", "import", lowIncome, "--rejects", cli.PathOf("r.xlsx"));

        Assert.Equal(("0", "0", "0"), await CountsAsync(cli,
            "SELECT (SELECT COUNT(*) FROM import_batch WHERE kind = 'lowincome') AS a, (SELECT COUNT(*) FROM household) AS b, (SELECT COUNT(*) FROM member) AS c"));
        var again = await SucceedAsync(cli, "lowincome", "import", lowIncome, "--rejects", cli.PathOf("r.xlsx"));
        Assert.Contains($"rows read: {Persons}, loaded: {Persons}, rejected: 0", again, StringComparison.Ordinal);
        Assert.Equal(("1", "300000", "1"), await CountsAsync(cli,
            "SELECT (SELECT COUNT(*) FROM import_batch WHERE kind = 'lowincome') AS a, (SELECT COUNT(*) FROM member WHERE active = 1) AS b, (SELECT COUNT(*) FROM import_batch) AS c"));

        // The same for a department extract, on top of the loaded population.
        await KillInsideTransactionAsync(cli, "SELECT COUNT(*) FROM import_batch WHERE kind <> 'lowincome'", "import", "education", extract);

        Assert.Equal(("0", "0", "0"), await CountsAsync(cli,
            "SELECT (SELECT COUNT(*) FROM import_batch WHERE kind <> 'lowincome') AS a, (SELECT COUNT(*) FROM source_record) AS b, (SELECT COUNT(*) FROM import_attempt) AS c"));
        var department = await SucceedAsync(cli, "import", "education", extract);
        Assert.Contains($"rows read: {ExtractRows}, accepted: {ExtractRows}, rejected: 0", department, StringComparison.Ordinal);
        Assert.Equal(("1", "200000", "300000"), await CountsAsync(cli,
            "SELECT (SELECT COUNT(*) FROM import_batch WHERE department = 'education' AND status = 'pending') AS a, (SELECT COUNT(*) FROM source_record) AS b, (SELECT COUNT(*) FROM member WHERE active = 1) AS c"));
    }

    /// <summary>
    /// Starts the command and lets it run in slices of a few milliseconds (<see cref="CliProcess.FreezeWhenAsync"/>),
    /// frozen between them, until the frozen process is seen holding the database's write lock (a probe's
    /// <c>BEGIN IMMEDIATE</c> is refused busy) with <paramref name="batchesSql"/> still counting none: its transaction
    /// is open and can go no further. Then it is killed. Polling it running free, 20 ms apart, once saw it only after
    /// its commit on a loaded machine. The -wal file is no signal: with the store's 64 MB page cache it stays empty
    /// until the commit writes it.
    /// </summary>
    private async Task KillInsideTransactionAsync(CliRun cli, string batchesSql, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        using var process = CliProcess.Start(cli.Folder, [.. args, "--db", cli.Database]);
        await using (var probe = await WriteLockProbe.OpenAsync(cli.Database))
        {
            var inside = await process.FreezeWhenAsync(
                () => WriteLockProbe.LookAsync(() => Task.FromResult(WriteLockProbe.WriterActive(probe) && Count(probe, batchesSql) == 0)),
                TimeSpan.FromMilliseconds(2));
            if (!inside)
            {
                var (exit, output, error) = await process.WaitAsync();
                Assert.Fail($"`{string.Join(' ', args)}` ended (exit {exit}) before it was seen inside its transaction: {output} {error}");
            }

            process.Kill();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(' ', args[..2])}: frozen inside its transaction and killed at {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        var (killedExit, killedOut, _) = await process.WaitAsync();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exit {killedExit}, -wal left {WalBytes(cli):N0} bytes"));
        Assert.NotEqual(0, killedExit);
        Assert.DoesNotContain("batch", killedOut, StringComparison.Ordinal);
    }

    private static long Count(SqliteConnection probe, string sql)
    {
        using var command = probe.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static long WalBytes(CliRun cli) => File.Exists(cli.Database + "-wal") ? new FileInfo(cli.Database + "-wal").Length : 0;

    private static async Task<string> SucceedAsync(CliRun cli, params string[] args)
    {
        var (exit, output, error) = await CliProcess.RunAsync(cli.Folder, [.. args, "--db", cli.Database]);
        Assert.True(exit == 0, $"`{string.Join(' ', args)}` exit {exit}: {error}");
        return output;
    }

    /// <summary>Columns a, b and c of a one-row query.</summary>
    private static async Task<(string, string, string)> CountsAsync(CliRun cli, string sql)
    {
        var row = Assert.Single(await CliDatabase.QueryAsync(cli, sql));
        return (row["a"], row["b"], row["c"]);
    }
}
