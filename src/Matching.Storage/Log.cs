using Microsoft.Extensions.Logging;

namespace Matching.Storage;

/// <summary>
/// Every log line Storage writes, in one place. The exception's type and provider code, the attempt and the delay,
/// and of the connection string the data source only: never a password, an ID, a name or an exception message.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Warning, "Database {Operation} on {DataSource}: attempt {Attempt} failed ({Error}); retrying in {Delay}")]
    public static partial void DatabaseRetry(this ILogger logger, string operation, string dataSource, int attempt, string error, TimeSpan delay);

    [LoggerMessage(101, LogLevel.Error, "Database {Operation} on {DataSource} failed transiently too often ({Error}); refusing database calls for {BreakDuration}")]
    public static partial void DatabaseCircuitOpened(this ILogger logger, string operation, string dataSource, string error, TimeSpan breakDuration);

    [LoggerMessage(102, LogLevel.Information, "Database calls allowed again ({DataSource} answered)")]
    public static partial void DatabaseCircuitClosed(this ILogger logger, string dataSource);

    [LoggerMessage(103, LogLevel.Warning, "Moving a file: attempt {Attempt} failed ({Error}); retrying in {Delay}")]
    public static partial void FileRetry(this ILogger logger, int attempt, string error, TimeSpan delay);
}
