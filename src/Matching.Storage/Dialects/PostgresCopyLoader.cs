using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Matching.Storage.Dialects;

/// <summary>
/// A bulk load through PostgreSQL's binary COPY: rows stream to the server as they are added, typed exactly as the
/// columns are (binary COPY refuses an int where a bigint is due). Plain inserts copy straight into the table; an
/// upsert copies into a temporary staging table (dropped at commit, gone at rollback) and merges it in one
/// <c>INSERT … SELECT … ON CONFLICT … DO UPDATE</c> when completed.
/// </summary>
internal sealed class PostgresCopyLoader(NpgsqlConnection connection, BulkTarget target) : IBulkLoader
{
    private readonly NpgsqlDbType[] _types = [.. target.Columns.Select(c => c.Type switch
    {
        BulkColumnType.Whole => NpgsqlDbType.Bigint,
        BulkColumnType.Amount => NpgsqlDbType.Numeric,
        _ => NpgsqlDbType.Text,
    })];

    private NpgsqlBinaryImporter? _importer;

    private bool Upsert => target.Key.Count > 0;

    private string Staging => $"load_{target.Table}";

    public ValueTask AddAsync(CancellationToken cancellationToken, params ReadOnlySpan<object?> values)
    {
        if (_importer is null)
        {
            return new ValueTask(StartAsync(values.ToArray(), cancellationToken));
        }

        Write(values);
        return ValueTask.CompletedTask;
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_importer is null)
        {
            return;
        }

        await _importer.CompleteAsync(cancellationToken);
        await _importer.DisposeAsync();
        _importer = null;
        if (Upsert)
        {
            var columns = target.ColumnList;
            var refresh = string.Join(", ", target.Refreshed.Select(c => $"{c} = EXCLUDED.{c}"));
            await using var merge = new NpgsqlCommand(
                $"INSERT INTO {target.Table} ({columns}) SELECT {columns} FROM {Staging} ORDER BY load_seq ON CONFLICT ({string.Join(", ", target.Key)}) DO UPDATE SET {refresh}",
                connection);
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task StartAsync(object?[] first, CancellationToken cancellationToken)
    {
        var into = target.Table;
        if (Upsert)
        {
            // CREATE … AS … WITH NO DATA takes the columns' types but none of their constraints or identity; load_seq
            // numbers the rows as copied, so that the merge inserts new ones (and numbers their member_seq) in the
            // order the snapshot lists them.
            into = Staging;
            await using var create = new NpgsqlCommand(
                $"""
                CREATE TEMP TABLE {Staging} ON COMMIT DROP AS SELECT {target.ColumnList} FROM {target.Table} WITH NO DATA;
                ALTER TABLE {Staging} ADD COLUMN load_seq BIGINT GENERATED ALWAYS AS IDENTITY
                """, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        _importer = await connection.BeginBinaryImportAsync($"COPY {into} ({target.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        Write(first);
    }

    private void Write(ReadOnlySpan<object?> values)
    {
        var importer = _importer!;
        importer.StartRow();
        for (var i = 0; i < _types.Length; i++)
        {
            var value = values[i];
            if (value is null)
            {
                importer.WriteNull();
                continue;
            }

            switch (_types[i])
            {
                case NpgsqlDbType.Bigint:
                    importer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                    break;
                case NpgsqlDbType.Numeric:
                    importer.Write(Convert.ToDecimal(value, CultureInfo.InvariantCulture), NpgsqlDbType.Numeric);
                    break;
                default:
                    importer.Write((string)value, NpgsqlDbType.Text);
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_importer is not null)
        {
            // Not completed: the COPY is cancelled and the transaction's rollback undoes it.
            await _importer.DisposeAsync();
        }
    }
}
