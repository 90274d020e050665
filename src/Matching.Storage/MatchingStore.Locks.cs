using System.Globalization;
using Dapper;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>
    /// Takes lock <paramref name="name"/> for <paramref name="holder"/> unless someone else holds it unexpired.
    /// Returns null when taken, else who holds it, since when and until when.
    /// </summary>
    internal async Task<(string Holder, string Since, string Expires)?> TryTakeLockAsync(
        string name, string holder, string token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var now = _time.GetUtcNow();
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        await _connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM run_lock WHERE name = @name AND expires_at < @now",
            new { name, now = Iso(now) }, transaction, cancellationToken: cancellationToken));
        await _connection.ExecuteAsync(new CommandDefinition(
            _dialect.TakeLock,
            new { name, holder, token, now = Iso(now), expires = Iso(now + ttl) }, transaction, cancellationToken: cancellationToken));
        var current = await _connection.QuerySingleAsync<(string Holder, string Token, string Since, string Expires)>(new CommandDefinition(
            "SELECT holder, token, acquired_at, expires_at FROM run_lock WHERE name = @name",
            new { name }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return current.Token == token ? null : (current.Holder, current.Since, current.Expires);
    }

    internal Task RenewLockAsync(string name, string token, TimeSpan ttl, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE run_lock SET expires_at = @expires WHERE name = @name AND token = @token",
            new { name, token, expires = Iso(_time.GetUtcNow() + ttl) }, cancellationToken: cancellationToken));

    internal Task ReleaseLockAsync(string name, string token, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM run_lock WHERE name = @name AND token = @token", new { name, token }, cancellationToken: cancellationToken));

    private static string Iso(DateTimeOffset time) => StoredTime.Format(time);
}
