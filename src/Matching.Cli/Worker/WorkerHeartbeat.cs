using System.Runtime.InteropServices;
using Matching.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Cli.Worker;

/// <summary>
/// The worker's life as others see it: its heartbeat row (<see cref="WorkerLease"/>) from start to stop, so that
/// <c>matching status</c> lists it, and the log lines of its start and of its stop with what stopped it (SIGTERM from
/// systemd or <c>kill</c>, Ctrl+C, or a stop asked by the host: a Windows service stop, a test). Registered first, so
/// it starts before the schedule and stops after it.
/// </summary>
internal sealed class WorkerHeartbeat(Stores stores, TimeProvider time, ILogger<WorkerHeartbeat> log) : IHostedService, IDisposable, IAsyncDisposable
{
    private readonly List<PosixSignalRegistration> _signals = [];
    private WorkerLease? _lease;
    private string? _signal;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Only logged here, at once (a signal can come while the schedule is still starting, when no stop is run):
        // the host's own handlers do the stopping and cancel the signal's default action.
        foreach (var (signal, name) in new[] { (PosixSignal.SIGTERM, "SIGTERM"), (PosixSignal.SIGINT, "SIGINT (Ctrl+C)"), (PosixSignal.SIGQUIT, "SIGQUIT") })
        {
            try
            {
                _signals.Add(PosixSignalRegistration.Create(signal, _ =>
                {
                    if (Interlocked.CompareExchange(ref _signal, name, null) is null)
                    {
                        log.WorkerStopping(name, Environment.ProcessId);
                    }
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Windows has no SIGQUIT (nor SIGTERM from a service manager): the stop is logged as asked by the host.
            }
        }

        _lease = await WorkerLease.StartAsync(stores.Storage, time, cancellationToken);
        log.WorkerAlive(Environment.MachineName, Environment.ProcessId, new BureauClock(time.LocalTimeZone).ShowWithOffset(time.GetUtcNow()));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _signal, "host", null) is null)
        {
            log.WorkerStopping("a stop asked by the host (service stop or shutdown)", Environment.ProcessId);
        }

        await ReleaseAsync();
    }

    /// <summary>
    /// Also when the host is disposed without being stopped: a signal that came while the schedule was still starting
    /// cancels the start, and the host then stops none of the services it had started.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        Dispose();
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _signals.Clear();
    }

    private async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _lease, null) is { } lease)
        {
            await lease.DisposeAsync();
            log.WorkerStopped(Environment.ProcessId);
        }
    }
}
