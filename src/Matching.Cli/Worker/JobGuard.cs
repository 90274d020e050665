using Matching.Core.Errors;
using Matching.Storage;
using Microsoft.Extensions.Logging;

namespace Matching.Cli.Worker;

/// <summary>
/// What every job does with a failure: log it (a <see cref="MatchingException"/> by its one-line message, which masks
/// IDs, and passwords masked by <see cref="ConnectionSecrets"/>) and leave the next firing to try again. Shutting down is not a failure.
/// </summary>
internal static class JobGuard
{
    public static async Task RunAsync(ILogger log, string job, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (OperationCanceledException)
        {
            log.JobCancelled(job);
        }
        catch (MatchingException ex)
        {
            log.JobFailed(job, DisplayText.Escape(ConnectionSecrets.Mask(ex.Message)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.JobCrashed(ex, job);
        }
    }
}
