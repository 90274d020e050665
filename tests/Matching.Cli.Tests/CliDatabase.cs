using System.Globalization;
using Matching.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Cli.Tests;

/// <summary>Reads back what a <see cref="CliRun"/> stored: through the store, or with plain SQL on its SQLite file.</summary>
public static class CliDatabase
{
    /// <summary>Opens the run's database as the CLI does.</summary>
    public static Task<MatchingStore> OpenStoreAsync(CliRun cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return MatchingStore.OpenAsync(StorageOptions.Resolve(cli.Database, null), TimeProvider.System, CancellationToken.None);
    }

    /// <summary>Row counts of every data table.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CliRun cli)
    {
        await using var store = await OpenStoreAsync(cli);
        return await store.CountRowsAsync(CancellationToken.None);
    }

    /// <summary>The rows of a query, each cell as invariant text (empty for NULL), keyed by column name.</summary>
    public static async Task<IReadOnlyList<Dictionary<string, string>>> QueryAsync(CliRun cli, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(parameters);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = cli.Database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<Dictionary<string, string>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }
}
