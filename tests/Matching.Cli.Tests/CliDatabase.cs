using System.Globalization;
using Matching.Core.Departments;
using Matching.Ingest.HeaderMaps;
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

    private static readonly HeaderMapCatalog Maps = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory);

    /// <summary>A stored department record: its ID as stored, and its fields in stored form by name (dates yyyy-MM-dd, yuan 0.00, flags 1/0).</summary>
    public sealed record StoredRow(long SourceRow, IdKindText IdKind, long? IdKey, string? RawId, string Name, IReadOnlyDictionary<string, string> Fields);

    /// <summary>The name of an ID kind as stored (<c>Valid18</c>, <c>ExcelDamaged</c> …).</summary>
    public readonly record struct IdKindText(string Value)
    {
        public override string ToString() => Value;

        public static implicit operator string(IdKindText kind) => kind.Value;
    }

    /// <summary>A batch as <c>matching batch list</c> sees it (state worked out from the shipped header maps).</summary>
    public static async Task<BatchRecord> BatchAsync(CliRun cli, long batchId)
    {
        await using var store = await OpenStoreAsync(cli);
        return (await store.Batches.ListAsync(null, Maps.Ledgers, CancellationToken.None)).Single(b => b.BatchId == batchId);
    }

    /// <summary>Every stored row of a department batch (a ledger's too, whether its event counts or not), in row order.</summary>
    public static async Task<IReadOnlyList<StoredRow>> RecordsAsync(CliRun cli, long batchId)
    {
        await using var store = await OpenStoreAsync(cli);
        var batch = (await store.Batches.ListAsync(null, Maps.Ledgers, CancellationToken.None)).Single(b => b.BatchId == batchId);
        var layout = Maps.Get(batch.Department!).Layout();
        var rows = new List<StoredRow>();
        await foreach (var r in store.Batches.ReadRecordsAsync(batch, layout, ledger: false, afterDay: null, CancellationToken.None))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in layout.Fields)
            {
                var text = field.Type switch
                {
                    FieldType.Text or FieldType.Code => r.Values.Text(field.Slot),
                    FieldType.Date => r.Values.Date(field.Slot)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    FieldType.Amount => r.Values.Fen(field.Slot) is { } fen ? Fen.ToYuan(fen).ToString("0.00", CultureInfo.InvariantCulture) : null,
                    _ => r.Values.Flag(field.Slot) is { } flag ? (flag ? "1" : "0") : null,
                };
                if (text is not null)
                {
                    fields[field.Name] = text;
                }
            }

            rows.Add(new StoredRow(r.SourceRow, new IdKindText(r.IdKind.ToString()), r.IdKey, r.RawId, r.Name, fields));
        }

        return rows;
    }
}
