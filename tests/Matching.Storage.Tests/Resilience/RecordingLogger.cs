using Microsoft.Extensions.Logging;

namespace Matching.Storage.Tests.Resilience;

/// <summary>A logger that keeps every line, and signals the first retry so that a test can end a fault just then.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<(string Event, string Message)> _lines = [];
    private readonly TaskCompletionSource _firstRetry = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first <c>DatabaseRetry</c> or <c>FileRetry</c> line is written.</summary>
    public Task FirstRetry => _firstRetry.Task;

    /// <summary>The messages of the lines written under <paramref name="eventName"/> (a <c>Log</c> method name).</summary>
    public IReadOnlyList<string> Lines(string eventName)
    {
        lock (_gate)
        {
            return [.. _lines.Where(l => l.Event == eventName).Select(l => l.Message)];
        }
    }

    public IReadOnlyList<string> AllLines()
    {
        lock (_gate)
        {
            return [.. _lines.Select(l => l.Message)];
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_gate)
        {
            _lines.Add((eventId.Name ?? string.Empty, formatter(state, exception)));
        }

        if (eventId.Name is "DatabaseRetry" or "FileRetry")
        {
            _firstRetry.TrySetResult();
        }
    }
}
