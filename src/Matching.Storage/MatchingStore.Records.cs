using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Matching.Core.Departments;
using Matching.Core.Identity;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>
    /// The batches a run uses, by department then batch: every snapshot department's current batch and every ledger
    /// department's batches not withdrawn (<see cref="BatchState.Current"/>, <see cref="BatchState.Counting"/>).
    /// </summary>
    public async Task<IReadOnlyList<BatchRecord>> CountingBatchesAsync(IReadOnlySet<string> ledgers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        await RequireSchemaAsync(cancellationToken);
        var rows = (await _connection.QueryAsync<BatchRecord>(new CommandDefinition(
            $"{BatchColumns} FROM import_batch WHERE kind = @kind ORDER BY batch_id",
            new { kind = DepartmentBatchKind }, cancellationToken: cancellationToken))).ToList();
        return [.. WithStates(rows, ledgers)
            .Where(b => b.State is BatchState.Current or BatchState.Counting)
            .OrderBy(b => b.Department, StringComparer.Ordinal).ThenBy(b => b.BatchId)];
    }

    /// <summary>
    /// Streams a batch's records in row order, their fields laid out by <paramref name="layout"/> (matched by name to
    /// the layout the batch was stored with). For a ledger (<paramref name="ledger"/>), only the row each event counts
    /// by, and only events dated after <paramref name="afterDay"/> (a day number; undated events always) when given:
    /// older ones count for nothing. The object yielded is reused: read it before asking for the next.
    /// </summary>
    public async IAsyncEnumerable<StoredRecord> ReadRecordsAsync(
        BatchRecord batch, RecordLayout layout, bool ledger, int? afterDay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(layout);
        var columns = ColumnsFor(RecordLayout.Parse(batch.Layout), layout);
        await using var command = _connection.CreateCommand();
        var typed = string.Concat(columns.Select(c => ", " + c.Column));
        var filter = !ledger ? string.Empty : afterDay is null ? " AND counted = 1" : " AND counted = 1 AND (event_day < 0 OR event_day > @afterDay)";
        command.CommandText =
            $"SELECT source_row, id_kind, id_key, raw_id, name, birth{typed} FROM source_record WHERE batch_id = @batchId{filter} ORDER BY source_row";
        command.CommandTimeout = 0;
        AddParameter(command, "@batchId", batch.BatchId);
        if (ledger && afterDay is { } day)
        {
            AddParameter(command, "@afterDay", (long)day);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var record = new StoredRecord();
        var kinds = new Dictionary<string, IdKind>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            record.SourceRow = reader.GetInt64(0);
            var kindText = reader.GetString(1);
            if (!kinds.TryGetValue(kindText, out var kind))
            {
                kinds[kindText] = kind = Enum.TryParse<IdKind>(kindText, out var k) ? k : IdKind.Empty;
            }

            record.IdKind = kind;
            record.IdKey = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            record.RawId = reader.IsDBNull(3) ? null : reader.GetString(3);
            record.Name = reader.GetString(4);
            record.BirthDate = reader.GetString(5);
            var values = record.Values;
            values.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                var ordinal = 6 + i;
                if (reader.IsDBNull(ordinal))
                {
                    continue;
                }

                var field = columns[i].Field;
                switch (RecordLayout.StorageOf(field.Type))
                {
                    case FieldType.Text:
                        values.SetText(field.Slot, reader.GetString(ordinal));
                        break;
                    case FieldType.Date:
                        values.SetDate(field.Slot, StoredDate.Parse(reader.GetString(ordinal)));
                        break;
                    case FieldType.Amount:
                        values.SetFen(field.Slot, reader.GetInt64(ordinal));
                        break;
                    default:
                        values.SetFlag(field.Slot, reader.GetInt64(ordinal) != 0);
                        break;
                }
            }

            yield return record;
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
