using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;
using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// Applies the numbered scripts <c>Sql/&lt;dialect&gt;/NNN_name.sql</c> (embedded) that the database has not seen,
/// each in its own transaction, recording them in <c>schema_version</c>. Running it again changes nothing.
/// </summary>
internal static class Migrator
{
    public static IReadOnlyList<(int Version, string Name)> Scripts(string folder)
    {
        var prefix = $"Matching.Storage.Sql.{folder}/";
        return [.. typeof(Migrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Select(n => (int.Parse(n[..3], CultureInfo.InvariantCulture), n))
            .OrderBy(s => s.Item1)];
    }

    public static async Task<int> CurrentVersionAsync(DbConnection connection, ISqlDialect dialect, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(dialect.EnsureVersionTable, cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken: cancellationToken));
    }

    public static async Task<(int From, int To)> UpgradeAsync(
        DbConnection connection, ISqlDialect dialect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var folder = dialect.Folder;
        var from = await CurrentVersionAsync(connection, dialect, cancellationToken);
        var to = from;
        foreach (var (version, name) in Scripts(folder))
        {
            if (version <= from)
            {
                continue;
            }

            var sql = await ReadAsync($"Matching.Storage.Sql.{folder}/{name}");
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = StoredTime.Format(now) },
                transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            to = version;
        }

        return (from, to);
    }

    private static async Task<string> ReadAsync(string resource)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"migration {resource} is not embedded");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
