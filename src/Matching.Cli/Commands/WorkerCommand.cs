using System.CommandLine;
using Matching.Cli.Localization;
using Matching.Cli.Worker;
using Matching.Core.Errors;
using Microsoft.Extensions.Hosting;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching worker</c>: runs the Quartz scheduler with the jobs of <c>jobs/worker.json</c> until stopped. Ctrl+C or
/// SIGTERM stops it cleanly: a file being imported commits whole or rolls back whole, a run in progress is marked and
/// its batches stay pending for the next one.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CommandGuard guard)
    {
        var jobs = new Option<string>("--jobs") { Description = Text.Get("HelpWorker_jobs"), DefaultValueFactory = _ => Path.Combine("jobs", "worker.json") };
        var command = new Command("worker", Text.Get("HelpWorker_command"));
        command.Options.Add(jobs);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(jobs)!, t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string jobsFile, CancellationToken cancellationToken)
    {
        if (Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService())
        {
            // A Windows service starts in System32: relative folders in worker.json mean the program's folder.
            Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        }

        // The worker's log and its jobs' messages in the operator's language, on every thread Quartz and the host start.
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.CurrentUICulture;
        var settings = WorkerSettings.Load(jobsFile, context.Settings.Worker.TimeZone);
        // Every file the jobs read, read and checked now: a broken one stops the worker at its start, not at 02:00;
        // the jobs then work with what was checked (WorkerHost registers this configuration).
        _ = context.Rules;
        _ = context.HeaderMaps;
        _ = context.Answers;
        await using (var store = await context.OpenStoreAsync(cancellationToken))
        {
            await store.RequireSchemaAsync(cancellationToken);
        }

        using var host = WorkerHost.Build(context, settings);
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A stop asked (SIGTERM, Ctrl+C) while the schedule was still starting: the worker stopped as asked, which
            // is its normal end (systemd reads exit code 0 as a clean stop). The log says what stopped it.
            return CliApp.Ok;
        }
        catch (Quartz.SchedulerException ex)
        {
            // Quartz's own words (its schema check names the tables and scripts), without a stack trace.
            throw new MatchingException(Text.Format("ErrScheduleCannotStart", ex.Message), ex);
        }

        return CliApp.Ok;
    }
}
