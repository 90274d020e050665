using System.Globalization;
using System.Text.Json;
using Dapper;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Core.Tables;
using Matching.Storage.Dialects;
using Matching.Storage.Localization;

namespace Matching.Storage;

public sealed partial class BatchStore
{
    /// <summary>The columns the upgrade rewrites, keyed by batch and row (an upsert onto rows that exist).</summary>
    private static readonly BulkTarget LegacyTarget = new("source_record",
        [.. RecordWriter.Target.Columns, new BulkColumn("fields", BulkColumnType.Text)], Key: ["batch_id", "source_row"], Keep: []);

    /// <summary>
    /// Finishes the upgrade to schema v5 (<c>matching init</c>): department batches stored before it hold their fields
    /// as JSON; each is rewritten in typed columns with the layout <paramref name="departmentOf"/> gives, one
    /// transaction per batch, and a ledger department's events are keyed and counted once across its batches. A
    /// department the header maps no longer know keeps its batches as they are (they are listed, not used). Returns
    /// how many batches were rewritten, and how many amounts were dropped as beyond reason (over 10^9 yuan).
    /// </summary>
    public async Task<(int Batches, int AmountsDropped)> UpgradeLegacyAsync(
        Func<string, LegacyDepartment?> departmentOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(departmentOf);
        var legacy = (await _db.Connection.QueryAsync<(long BatchId, string Department)>(new CommandDefinition(
            "SELECT batch_id, department FROM import_batch WHERE kind = @kind AND layout IS NULL ORDER BY batch_id",
            new { kind = DepartmentBatchKind }, cancellationToken: cancellationToken))).ToList();
        var dropped = 0;
        var ledgers = new HashSet<string>(StringComparer.Ordinal);
        var converted = 0;
        foreach (var (batchId, department) in legacy)
        {
            if (departmentOf(department) is not { } plan)
            {
                continue;
            }

            dropped += await _db.CommitAsync("schema upgrade", Text.Format("FailedUpgradeBatch", batchId), requireSchema: false,
                (transaction, token) => RewriteLegacyBatchAsync(batchId, plan, transaction, token), cancellationToken);
            converted++;
            if (plan.Kind == DepartmentKind.Ledger)
            {
                ledgers.Add(department);
            }
        }

        foreach (var department in ledgers)
        {
            await _db.CommitAsync("schema upgrade", Text.Format("FailedUpgradeEvents", department), requireSchema: false, async (transaction, token) =>
            {
                var batches = (await _db.Connection.QueryAsync<long>(new CommandDefinition(
                    "SELECT batch_id FROM import_batch WHERE kind = @kind AND department = @department AND status <> @withdrawn ORDER BY batch_id",
                    new { kind = DepartmentBatchKind, department, withdrawn = BatchStatus.Withdrawn.Text() }, transaction, cancellationToken: token))).ToList();
                foreach (var batchId in batches)
                {
                    var (fresh, known) = await CountOnceAsync(department, batchId, transaction, token);
                    await _db.Connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE import_batch SET new_events = @fresh, known_events = @known WHERE batch_id = @batchId",
                        new { fresh, known, batchId }, transaction, cancellationToken: token));
                }

                return 0;
            }, cancellationToken);
        }

        return (converted, dropped);
    }

    private async Task<int> RewriteLegacyBatchAsync(long batchId, LegacyDepartment plan, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await _db.Connection.QueryAsync<(long SourceRow, string IdKind, long? IdKey, string? RawId, string Name, string Fields)>(new CommandDefinition(
            "SELECT source_row, id_kind, id_key, raw_id, name, fields FROM source_record WHERE batch_id = @batchId ORDER BY source_row",
            new { batchId }, transaction, cancellationToken: cancellationToken));
        var record = new DepartmentRecord();
        var values = new object?[LegacyTarget.Columns.Count];
        var dropped = 0;
        long usable = 0;
        await using (var upsert = _dialect.CreateBulkLoader(_db.Connection, transaction, LegacyTarget))
        {
            foreach (var row in rows)
            {
                var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(row.Fields) ?? [];
                var kind = Enum.TryParse<IdKind>(row.IdKind, out var k) ? k : IdKind.Empty;
                record.SourceRow = row.SourceRow;
                record.RawId = row.RawId ?? (row.IdKey is { } key ? IdNumber.FromKey(key).Value : string.Empty);
                record.Parsed = row.RawId is null && row.IdKey is { } exact
                    ? new IdParseResult(IdKind.Valid18, IdNumber.FromKey(exact), IdRepairs.None, IdNumber.Length)
                    : IdParser.Parse(record.RawId);
                record.Name = row.Name;
                record.BirthDate = fields.TryGetValue("birthDate", out var birth) ? birth : string.Empty;
                record.Values.Clear();
                foreach (var field in plan.Layout.Fields)
                {
                    if (!fields.TryGetValue(field.Name, out var text) || text.Length == 0)
                    {
                        continue;
                    }

                    switch (field.Type)
                    {
                        case FieldType.Text or FieldType.Code:
                            record.Values.SetText(field.Slot, text);
                            break;
                        case FieldType.Date:
                            record.Values.SetDate(field.Slot, StoredDate.Parse(text));
                            break;
                        case FieldType.Amount when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan) && Math.Abs(yuan) <= 1_000_000_000m:
                            record.Values.SetFen(field.Slot, Fen.FromYuan(yuan));
                            break;
                        case FieldType.Amount:
                            dropped++;
                            break;
                        default:
                            record.Values.SetFlag(field.Slot, text == "1");
                            break;
                    }
                }

                record.Event = plan.KeyOf?.Invoke(record);
                if (record.IsUsable)
                {
                    usable++;
                }

                RecordWriter.Fill(values, batchId, record.SourceRow, kind.ToString(), row.IdKey, row.RawId, record.Name, record.BirthDate, record.Event, record.Values);
                values[^1] = "{}";
                await upsert.AddAsync(cancellationToken, values);
            }

            await upsert.CompleteAsync(cancellationToken);
        }

        await _db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE import_batch SET layout = @layout, rows_usable = @usable WHERE batch_id = @batchId",
            new { layout = plan.Layout.Describe(), usable, batchId }, transaction, cancellationToken: cancellationToken));
        return dropped;
    }
}
