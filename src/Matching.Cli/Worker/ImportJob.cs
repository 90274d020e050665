using Microsoft.Extensions.Logging;
using Quartz;

namespace Matching.Cli.Worker;

/// <summary>A department's own import job (<c>importCrons</c>): takes its stable dropped files; the nightly job runs the rules.</summary>
[DisallowConcurrentExecution]
internal sealed class ImportJob(Intake intake, ILogger<ImportJob> log) : IJob
{
    public const string DepartmentKey = "department";

    public static JobKey KeyFor(string department) => new("import-" + department, "matching");

    public async ValueTask Execute(IJobExecutionContext jobContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobContext);
        var department = jobContext.MergedJobDataMap.GetString(DepartmentKey) ?? string.Empty;
        await JobGuard.RunAsync(log, jobContext.JobDetail.Key.Name, () => intake.ImportAsync(department, cancellationToken));
    }
}
