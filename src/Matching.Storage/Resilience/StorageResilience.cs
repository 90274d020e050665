using System.Data.Common;
using System.Globalization;
using Matching.Core.Errors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Matching.Storage.Resilience;

/// <summary>
/// The resilience pipelines of Storage, built once per process (or per worker host) and shared, so that the circuit
/// breaker sees every database call. <see cref="Database"/> wraps opening a connection and each whole transaction in
/// <see cref="MatchingStore"/>; <see cref="Files"/> wraps one file move. What is transient is decided by
/// <see cref="Transient.IsTransient"/> alone; each retry is logged without IDs, names or connection secrets.
/// </summary>
public sealed class StorageResilience
{
    /// <summary>The operation key of opening a connection: its attempts get <see cref="ResilienceOptions.OpenTimeoutSeconds"/>.</summary>
    public const string OpenOperation = "open";

    private const string UnknownDataSource = "(unknown)";

    private static readonly ResiliencePropertyKey<string> DataSourceKey = new("Matching.Storage.DataSource");

    /// <summary>Builds the pipelines.</summary>
    /// <param name="options">Retries, delays, timeouts and breaker; validated here.</param>
    /// <param name="logger">Where retries are logged; none when null.</param>
    /// <exception cref="MatchingException">A setting is out of range (every one named).</exception>
    public StorageResilience(ResilienceOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new MatchingException(string.Join("; ", problems));
        }

        Options = options;
        var log = logger ?? NullLogger.Instance;
        Database = BuildDatabase(options, log);
        Files = BuildFiles(options, log);
    }

    /// <summary>The defaults of <see cref="ResilienceOptions"/>, logging nowhere: what a <see cref="StorageOptions"/> uses unless told.</summary>
    public static StorageResilience Default { get; } = new(new ResilienceOptions());

    public ResilienceOptions Options { get; }

    /// <summary>
    /// Retry (exponential, jitter) → circuit breaker → timeout per attempt, all on transient faults only. The store
    /// runs each unit through it with its data source and operation; run nothing per row through it.
    /// </summary>
    public ResiliencePipeline Database { get; }

    /// <summary>
    /// Retry only (exponential, jitter), for one file move or write: synchronous <c>Execute</c> works. Put the choice of
    /// the destination inside the callback so that a retry chooses again.
    /// </summary>
    public ResiliencePipeline Files { get; }

    /// <summary>
    /// Runs one unit of database work in <see cref="Database"/>, with the operation and data source that its log lines
    /// name. <paramref name="work"/> gets the attempt's token (cancelled by the attempt timeout) and must start the unit
    /// from scratch each time.
    /// </summary>
    internal async Task<T> ExecuteAsync<T>(
        string operation, string dataSource, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        context.Properties.Set(DataSourceKey, dataSource);
        try
        {
            return await Database.ExecuteAsync(
                static async (ctx, work) => await work(ctx.CancellationToken), context, work);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// What a log line may say about where the data lives: the connection string's data source, server or host, and
    /// nothing else (no user, no password).
    /// </summary>
    public static string DataSourceOf(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in (ReadOnlySpan<string>)["Data Source", "DataSource", "Filename", "Server", "Host", "Address"])
            {
                if (builder.TryGetValue(key, out var value) && value is string text && !string.IsNullOrWhiteSpace(text))
                {
                    return ConnectionSecrets.Mask(text);
                }
            }
        }
        catch (ArgumentException)
        {
            // Not a connection string we can read: opening it will say so.
        }

        return UnknownDataSource;
    }

    /// <summary>For log lines: the exception's type and provider code, never its message (it may quote data).</summary>
    internal static string Describe(Exception? ex) => ex switch
    {
        null => "no exception",
        SqliteException sqlite => string.Create(CultureInfo.InvariantCulture, $"{nameof(SqliteException)} {sqlite.SqliteErrorCode}"),
        DbException { SqlState: { } state } => $"{ex.GetType().Name} {state}",
        IOException => string.Create(CultureInfo.InvariantCulture, $"{ex.GetType().Name} 0x{ex.HResult:X}"),
        _ => ex.GetType().Name,
    };

    private static ValueTask<bool> IsTransientOutcome(Outcome<object> outcome) =>
        ValueTask.FromResult(outcome.Exception is { } ex && Transient.IsTransient(ex));

    private static string DataSourceIn(ResilienceContext context) =>
        context.Properties.GetValue(DataSourceKey, UnknownDataSource);

    private static ResiliencePipeline BuildDatabase(ResilienceOptions options, ILogger log)
    {
        var builder = new ResiliencePipelineBuilder { Name = "Matching.Storage.Database" };
        if (options.DatabaseRetries > 0)
        {
            builder.AddRetry(Retry(options.DatabaseRetries, options.DatabaseDelayMilliseconds, args =>
                log.DatabaseRetry(args.Context.OperationKey ?? "call", DataSourceIn(args.Context), args.AttemptNumber + 1,
                    Describe(args.Outcome.Exception), args.RetryDelay)));
        }

        var openTimeout = TimeSpan.FromSeconds(options.OpenTimeoutSeconds);
        var commitTimeout = TimeSpan.FromSeconds(options.CommitTimeoutSeconds);
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => IsTransientOutcome(args.Outcome),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(options.BreakerSamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(options.BreakerBreakSeconds),
                OnOpened = args =>
                {
                    log.DatabaseCircuitOpened(args.Context.OperationKey ?? "call", DataSourceIn(args.Context),
                        Describe(args.Outcome.Exception), args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = args =>
                {
                    log.DatabaseCircuitClosed(DataSourceIn(args.Context));
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                // Opening takes a moment (or SQLite's busy wait); a transaction may be a 20-million-row import.
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.OperationKey == OpenOperation ? openTimeout : commitTimeout),
            })
            .Build();
    }

    /// <summary>Retries of transient faults only, exponential with jitter, each one logged by <paramref name="logRetry"/>.</summary>
    private static RetryStrategyOptions Retry(int attempts, int delayMilliseconds, Action<OnRetryArguments<object>> logRetry) => new()
    {
        ShouldHandle = args => IsTransientOutcome(args.Outcome),
        MaxRetryAttempts = attempts,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(delayMilliseconds),
        OnRetry = args =>
        {
            logRetry(args);
            return ValueTask.CompletedTask;
        },
    };

    private static ResiliencePipeline BuildFiles(ResilienceOptions options, ILogger log)
    {
        var builder = new ResiliencePipelineBuilder { Name = "Matching.Storage.Files" };
        if (options.FileRetries > 0)
        {
            builder.AddRetry(Retry(options.FileRetries, options.FileDelayMilliseconds, args =>
                log.FileRetry(args.AttemptNumber + 1, Describe(args.Outcome.Exception), args.RetryDelay)));
        }

        return builder.Build();
    }
}
