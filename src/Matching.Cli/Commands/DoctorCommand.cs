using System.CommandLine;
using Matching.Cli.Localization;
using Matching.Cli.Rules;
using Matching.Cli.Worker;
using Matching.Core.Errors;
using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching doctor</c>: after an install or a change, everything the program needs, checked in one go and said on
/// one screen: the settings, header maps, rules and answers; the bureau's time zone; the database (reachable, schema
/// current); the folders (there, writable, not open to every user of the server: they hold personal data). One line
/// per check; exit 2 when any check fails, 0 when only warnings or nothing is found.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CommandGuard guard)
    {
        var jobs = new Option<string>("--jobs") { Description = Text.Get("HelpDoctor_jobs"), DefaultValueFactory = _ => Path.Combine("jobs", "worker.json") };
        var command = new Command("doctor", Text.Get("HelpDoctor_command"));
        command.Options.Add(jobs);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(jobs)!, t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string jobsFile, CancellationToken cancellationToken)
    {
        var report = new DoctorReport(context.Out);
        await report.CheckAsync("settings", () => Task.FromResult(
            $"{(File.Exists(MatchingSettings.DefaultPath) ? MatchingSettings.DefaultPath : "defaults (no matching.json beside the program)")} read; every value valid"));
        await report.CheckAsync("header maps", () => Task.FromResult(
            $"{context.HeaderMapDirectory}: departments {string.Join(", ", context.HeaderMaps.Departments)}"));
        await report.CheckAsync("rules", () =>
        {
            _ = RulesFile.Compile(context.Rules, context.HeaderMaps, WarningRun.Departments(context.HeaderMaps), context.Settings.RulesFile);
            return Task.FromResult($"{context.Rules.Rules.Count} rules, {context.Rules.Receivers.Count} receivers; every department and code they name exists");
        });
        await report.CheckAsync("answers", () =>
        {
            _ = context.Answers;
            return Task.FromResult($"{context.Settings.AnswersFile ?? "answers.json beside the program"}: read");
        });
        await report.CheckAsync("time zone", () => Task.FromResult(
            $"{context.Clock.Zone.Id} (worker:timeZone): it is {context.Clock.ShowWithOffset(context.Time.GetUtcNow())} for the bureau"));
        await report.CheckAsync("database", async () =>
        {
            await using var store = await context.OpenStoreAsync(cancellationToken);
            await store.RequireSchemaAsync(cancellationToken);
            return $"{context.Storage.Provider}: reachable, schema version {store.TargetVersion} (current)";
        });
        if (context.Storage.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(context.Storage.ConnectionString).DataSource;
            report.Folder("database folder", Path.GetDirectoryName(Path.GetFullPath(file))!);
            report.Private("database file", file);
        }

        report.Folder("reject reports", context.Settings.RejectsFolder);
        WorkerSettings? worker = null;
        await report.CheckAsync("worker schedule", () =>
        {
            if (!File.Exists(jobsFile))
            {
                throw new MatchingException(Text.Format("ErrJobsMissing", jobsFile));
            }

            worker = WorkerSettings.Load(jobsFile, context.Settings.Worker.TimeZone);
            return Task.FromResult($"{jobsFile}: nightly `{worker.NightlyCron}` in {worker.Zone.Id}");
        }, warnOnly: true);
        if (worker is not null)
        {
            foreach (var (name, folder) in new[]
            {
                ("drop folder", worker.Folders.Drop), ("archive", worker.Folders.Archive), ("rejected files", worker.Folders.Rejected),
                ("outbox", worker.Outbox), ("logs", worker.LogFolder),
            })
            {
                report.Folder(name, folder);
            }
        }

        await context.Out.WriteLineAsync();
        await context.Out.WriteLineAsync(report.Failures == 0
            ? $"doctor: nothing wrong{(report.Warnings > 0 ? $" ({report.Warnings} warnings)" : string.Empty)}"
            : $"doctor: {report.Failures} problems{(report.Warnings > 0 ? $", {report.Warnings} warnings" : string.Empty)}: fix them and run `matching doctor` again");
        return report.Failures == 0 ? CliApp.Ok : CliApp.Failed;
    }
}
