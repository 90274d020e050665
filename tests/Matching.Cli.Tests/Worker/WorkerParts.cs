using Matching.Cli.Audit;
using Matching.Cli.Exports;
using Matching.Cli.Imports;
using Matching.Cli.Retention;
using Matching.Cli.Rules;
using Matching.Cli.Worker;
using Microsoft.Extensions.Logging;

namespace Matching.Cli.Tests.Worker;

/// <summary>The worker's jobs made by hand, of the same use cases the host registers, for tests that drive a job directly.</summary>
internal static class WorkerParts
{
    public static Intake Intake(CliContext context, DropFolder folder, ILogger<Intake> log, WorkerSettings? settings = null) =>
        new(new DepartmentImport(context.Config, context.Stores, context.Time, TextWriter.Null), context.Config, context.Time, folder, log, settings);

    public static NightlyJob Nightly(CliContext context, Intake intake, WorkerSettings settings, ILogger<NightlyJob> log) =>
        new(intake,
            new WarningRun(context.Config, context.Stores, context.Time, TextWriter.Null),
            new WarningExport(context.Config, context.Stores, context.Time, TextWriter.Null),
            new AccessAudit(context.Stores, context.Time),
            new RetentionPurge(context.Config, context.Stores, context.Time),
            context.Config, context.Time, settings, log);
}
