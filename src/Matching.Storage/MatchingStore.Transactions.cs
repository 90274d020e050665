using System.Data.Common;
using Matching.Core.Errors;
using Polly;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>
    /// Runs <paramref name="body"/> as one transaction through the database pipeline and commits it. A transient fault
    /// rolls the attempt back and starts the whole transaction over (the schema check included), so a body must build
    /// everything it returns inside itself; nothing is retried per row. A database fault that is not transient, or
    /// one that outlasted the retries, the timeout or the circuit breaker, becomes a <see cref="MatchingException"/>
    /// saying "database: <paramref name="failure"/> (…)".
    /// </summary>
    private async Task<T> CommitAsync<T>(
        string operation, string failure, bool requireSchema, Func<DbTransaction, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await _resilience.ExecuteAsync(operation, _dataSource, async token =>
            {
                await EnsureOpenAsync(token);
                if (requireSchema)
                {
                    await RequireSchemaAsync(token);
                }

                await using var transaction = await _connection.BeginTransactionAsync(token);
                var result = await body(transaction, token);
                await transaction.CommitAsync(token);
                return result;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or ExecutionRejectedException or InvalidOperationException)
        {
            throw new MatchingException($"database: {failure} ({ConnectionSecrets.Scrub(ex.Message, _connectionString)})", ex);
        }
    }
}
