using System.CommandLine;
using Matching.Cli.Localization;
using Matching.Cli.Rules;
using Matching.Cli.Worker;
using Matching.Core.Errors;
using Matching.Core.Localization;
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
        await report.CheckAsync(Text.Get("DoctorSettings"), () => Task.FromResult(Text.Format("DoctorSettingsRead",
            File.Exists(MatchingSettings.DefaultPath) ? MatchingSettings.DefaultPath : Text.Get("DoctorSettingsDefaults"))));
        await report.CheckAsync(Text.Get("DoctorHeaderMaps"), () => Task.FromResult(
            Text.Format("DoctorHeaderMapsFound", context.HeaderMapDirectory, TextList.Join(context.HeaderMaps.Departments))));
        await report.CheckAsync(Text.Get("DoctorRules"), () =>
        {
            _ = RulesFile.Compile(context.Rules, context.HeaderMaps, WarningRun.Departments(context.HeaderMaps), context.Settings.RulesFile);
            return Task.FromResult(Text.Format("DoctorRulesFound", context.Rules.Rules.Count, context.Rules.Receivers.Count));
        });
        await report.CheckAsync(Text.Get("DoctorAnswers"), () =>
        {
            _ = context.Answers;
            return Task.FromResult(Text.Format("DoctorAnswersRead", context.Settings.AnswersFile ?? Text.Get("DoctorAnswersBeside")));
        });
        await report.CheckAsync(Text.Get("DoctorTimeZone"), () => Task.FromResult(
            Text.Format("DoctorTimeZoneFound", context.Clock.Zone.Id, context.Clock.ShowWithOffset(context.Time.GetUtcNow()))));
        await report.CheckAsync(Text.Get("DoctorDatabase"), async () =>
        {
            await using var store = await context.OpenStoreAsync(cancellationToken);
            await store.RequireSchemaAsync(cancellationToken);
            return Text.Format("DoctorDatabaseFound", context.Storage.Provider, store.TargetVersion);
        });
        if (context.Storage.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(context.Storage.ConnectionString).DataSource;
            report.Folder(Text.Get("DoctorDatabaseFolder"), Path.GetDirectoryName(Path.GetFullPath(file))!);
            report.Private(Text.Get("DoctorDatabaseFile"), file);
        }

        report.Folder(Text.Get("DoctorRejects"), context.Settings.RejectsFolder);
        WorkerSettings? worker = null;
        await report.CheckAsync(Text.Get("DoctorSchedule"), () =>
        {
            if (!File.Exists(jobsFile))
            {
                throw new MatchingException(Text.Format("ErrJobsMissing", jobsFile));
            }

            worker = WorkerSettings.Load(jobsFile, context.Settings.Worker.TimeZone);
            return Task.FromResult(Text.Format("DoctorScheduleFound", jobsFile, worker.NightlyCron, worker.Zone.Id));
        }, warnOnly: true);
        if (worker is not null)
        {
            foreach (var (name, folder) in new[]
            {
                (Text.Get("DoctorDrop"), worker.Folders.Drop), (Text.Get("DoctorArchive"), worker.Folders.Archive),
                (Text.Get("DoctorRejectedFiles"), worker.Folders.Rejected), (Text.Get("DoctorOutbox"), worker.Outbox), (Text.Get("DoctorLogs"), worker.LogFolder),
            })
            {
                report.Folder(name, folder);
            }
        }

        await context.Out.WriteLineAsync();
        await context.Out.WriteLineAsync(report.Failures == 0
            ? report.Warnings > 0 ? Text.Format("DoctorNothingWrongWarnings", report.Warnings) : Text.Get("DoctorNothingWrong")
            : Text.Format("DoctorProblems", report.Failures, report.Warnings > 0 ? Text.Format("DoctorProblemsWarnings", report.Warnings) : string.Empty));
        return report.Failures == 0 ? CliApp.Ok : CliApp.Failed;
    }
}
