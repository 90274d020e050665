using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Core.Tables;
using Matching.Storage.Dialects;
using Microsoft.Data.Sqlite;

namespace Matching.Storage;

public sealed partial class BatchStore
{
    /// <summary>
    /// The batches a run uses, by department then batch: every snapshot department's current batch and every ledger
    /// department's batches not withdrawn (<see cref="BatchState.Current"/>, <see cref="BatchState.Counting"/>).
    /// </summary>
    public async Task<IReadOnlyList<BatchRecord>> CountingAsync(IReadOnlySet<string> ledgers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        await _db.RequireSchemaAsync(cancellationToken);
        var rows = (await _db.Connection.QueryAsync<BatchRecord>(new CommandDefinition(
            $"{BatchColumns} FROM import_batch WHERE kind = @kind ORDER BY batch_id",
            new { kind = DepartmentBatchKind }, cancellationToken: cancellationToken))).ToList();
        return [.. WithStates(rows, ledgers)
            .Where(b => b.State is BatchState.Current or BatchState.Counting)
            .OrderBy(b => b.Department, StringComparer.Ordinal).ThenBy(b => b.BatchId)];
    }

    /// <summary>
    /// Streams a batch's records in row order, their fields laid out by <paramref name="layout"/> (matched by name to
    /// the layout the batch was stored with; only its fields are read). For a ledger (<paramref name="ledger"/>), only
    /// the row each event counts by, and only events dated after <paramref name="afterDay"/> (a day number; undated
    /// events always) when given: older ones count for nothing. The objects yielded are reused: read each before asking
    /// for the next. On SQLite the rows are read through its C API (<see cref="SqliteRawReader"/>), a block of
    /// <see cref="SqliteBlock"/> rows at a time under the connection's mutex (taken once a block, not by every call on
    /// the row), elsewhere through the provider's reader; both fill the record the same way (<see cref="Fill"/>).
    /// </summary>
    public async IAsyncEnumerable<StoredRecord> ReadRecordsAsync(
        BatchRecord batch, RecordLayout layout, bool ledger, int? afterDay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(layout);
        var columns = ColumnsFor(RecordLayout.Parse(batch.Layout), layout);
        var typed = string.Concat(columns.Select(c => ", " + c.Column));
        var filter = !ledger ? string.Empty : afterDay is null ? " AND counted = 1" : " AND counted = 1 AND (event_day < 0 OR event_day > @afterDay)";
        var sql = $"SELECT source_row, id_kind, id_key, raw_id, name, birth{typed} FROM source_record WHERE batch_id = @batchId{filter} ORDER BY source_row";
        var kinds = new IdKinds();
        if (_db.Connection is SqliteConnection sqlite)
        {
            using var rows = new SqliteRawReader(sqlite, sql, ledger && afterDay is { } after ? [batch.BatchId, after] : [batch.BatchId]);
            var block = new StoredRecord[SqliteBlock];
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = new StoredRecord();
            }

            int filled;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                filled = 0;

                // No await while the mutex is held: it is the thread's own, and the caller's awaits come between blocks.
                using (rows.HoldConnection())
                {
                    while (filled < block.Length && rows.Read())
                    {
                        Fill(new RawRow(rows, kinds), block[filled++], columns);
                    }
                }

                for (var i = 0; i < filled; i++)
                {
                    yield return block[i];
                }
            }
            while (filled == block.Length);

            yield break;
        }

        await using var command = _db.Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        AddParameter(command, "@batchId", batch.BatchId);
        if (ledger && afterDay is { } day)
        {
            AddParameter(command, "@afterDay", (long)day);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var record = new StoredRecord();
        while (await reader.ReadAsync(cancellationToken))
        {
            Fill(new ProviderRow(reader, kinds), record, columns);
            yield return record;
        }
    }

    /// <summary>Rows a SQLite read of records takes under one hold of the connection's mutex.</summary>
    private const int SqliteBlock = 256;

    /// <summary>The current row of either reader, as <see cref="Fill"/> reads it.</summary>
    private interface IStoredRow
    {
        bool IsNull(int ordinal);

        long GetInt64(int ordinal);

        string GetString(int ordinal);

        IdKind GetIdKind(int ordinal);

        DateOnly? GetDate(int ordinal);
    }

    private readonly struct RawRow(SqliteRawReader rows, IdKinds kinds) : IStoredRow
    {
        public bool IsNull(int ordinal) => rows.IsNull(ordinal);

        public long GetInt64(int ordinal) => rows.GetInt64(ordinal);

        public string GetString(int ordinal) => rows.GetString(ordinal);

        public IdKind GetIdKind(int ordinal) => kinds.Of(rows.GetUtf8(ordinal));

        public DateOnly? GetDate(int ordinal) => StoredDate.Parse(rows.GetUtf8(ordinal));
    }

    private readonly struct ProviderRow(DbDataReader reader, IdKinds kinds) : IStoredRow
    {
        public bool IsNull(int ordinal) => reader.IsDBNull(ordinal);

        public long GetInt64(int ordinal) => reader.GetInt64(ordinal);

        public string GetString(int ordinal) => reader.GetString(ordinal);

        public IdKind GetIdKind(int ordinal) => kinds.Of(reader.GetString(ordinal));

        public DateOnly? GetDate(int ordinal) => StoredDate.Parse(reader.GetString(ordinal));
    }

    /// <summary>Fills <paramref name="record"/> from the current row of <c>source_row, id_kind, id_key, raw_id, name, birth</c> and the typed columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill<TRow>(TRow row, StoredRecord record, List<(RecordField Field, string Column)> columns)
        where TRow : struct, IStoredRow
    {
        record.SourceRow = row.GetInt64(0);
        record.IdKind = row.GetIdKind(1);
        record.IdKey = row.IsNull(2) ? null : row.GetInt64(2);
        record.RawId = row.IsNull(3) ? null : row.GetString(3);
        record.Name = row.GetString(4);
        record.BirthDate = row.GetString(5);
        var values = record.Values;
        values.Clear();
        for (var i = 0; i < columns.Count; i++)
        {
            var ordinal = 6 + i;
            if (row.IsNull(ordinal))
            {
                continue;
            }

            var field = columns[i].Field;
            switch (RecordLayout.StorageOf(field.Type))
            {
                case FieldType.Text:
                    values.SetText(field.Slot, row.GetString(ordinal));
                    break;
                case FieldType.Date:
                    values.SetDate(field.Slot, row.GetDate(ordinal));
                    break;
                case FieldType.Amount:
                    values.SetFen(field.Slot, row.GetInt64(ordinal));
                    break;
                default:
                    values.SetFlag(field.Slot, row.GetInt64(ordinal) != 0);
                    break;
            }
        }
    }

    /// <summary>The stored ID kinds met so far (a handful), by their text and by its UTF-8 bytes: no string made per row.</summary>
    private sealed class IdKinds
    {
        private readonly List<(byte[] Utf8, string Text, IdKind Kind)> _known = [];

        public IdKind Of(ReadOnlySpan<byte> utf8)
        {
            foreach (var (bytes, _, kind) in _known)
            {
                if (utf8.SequenceEqual(bytes))
                {
                    return kind;
                }
            }

            return Add(System.Text.Encoding.UTF8.GetString(utf8));
        }

        public IdKind Of(string text)
        {
            foreach (var (_, known, kind) in _known)
            {
                if (known == text)
                {
                    return kind;
                }
            }

            return Add(text);
        }

        private IdKind Add(string text)
        {
            var kind = Enum.TryParse<IdKind>(text, out var k) ? k : IdKind.Empty;
            _known.Add((System.Text.Encoding.UTF8.GetBytes(text), text, kind));
            return kind;
        }
    }

    /// <summary>
    /// For each field of <paramref name="wanted"/> that <paramref name="stored"/> has with the same type: its column. A
    /// code field stored as text (by a batch imported before the field was coded) reads its text as it was typed: the
    /// caller canonicalises it through the field's vocabulary.
    /// </summary>
    private static List<(RecordField Field, string Column)> ColumnsFor(RecordLayout stored, RecordLayout wanted)
    {
        var columns = new List<(RecordField, string)>();
        foreach (var field in wanted.Fields)
        {
            if (stored.TryGet(field.Name, out var was) && (was.Type == field.Type || (was.Type == FieldType.Text && field.Type == FieldType.Code)))
            {
                columns.Add((field, ColumnOf(was)));
            }
        }

        return columns;
    }

    /// <summary>The storage column of a field's slot: <c>text0</c>, <c>date1</c>, <c>fen2</c>, <c>flag0</c>.</summary>
    internal static string ColumnOf(RecordField field) => RecordLayout.StorageOf(field.Type) switch
    {
        FieldType.Text => "text",
        FieldType.Date => "date",
        FieldType.Amount => "fen",
        _ => "flag",
    } + field.Slot.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
