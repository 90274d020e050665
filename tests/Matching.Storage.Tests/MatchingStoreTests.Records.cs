using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Matching.Core.Departments;
using Matching.Core.Identity;

namespace Matching.Storage.Tests;

/// <summary>Department records for the storage suite: rows to import through the store's streaming writer, and read back.</summary>
public abstract partial class MatchingStoreTests<TDb>
{
    /// <summary>The typed fields the suite's records carry (every type, two amounts).</summary>
    protected static readonly RecordLayout TestLayout = RecordLayout.Of(
    [
        ("school", FieldType.Text, "学校"), ("disease", FieldType.Text, "诊断"), ("visitDate", FieldType.Date, "就诊日期"),
        ("selfPaid", FieldType.Amount, "个人自付"), ("total", FieldType.Amount, "医疗总费用"), ("hardship", FieldType.Flag, "是否家庭经济困难"),
    ]);

    /// <summary>The ledger departments of the shipped header maps.</summary>
    protected static readonly IReadOnlySet<string> Ledgers = new HashSet<string>(["medical-bills", "death", "disaster"], StringComparer.Ordinal);

    /// <summary>A row to import: the ID cell as typed, the name, fields in stored form (dates yyyy-MM-dd, yuan, 1/0), and a ledger event.</summary>
    protected sealed record TestRow(long SourceRow, string RawId, string Name, (string Field, string Value)[] Fields)
    {
        public EventKey? Event { get; init; }

        public string BirthDate { get; init; } = string.Empty;
    }

    protected static TestRow Row(long row, string rawId, string name, params (string Field, string Value)[] fields) => new(row, rawId, name, fields);

    /// <summary>A self-paid bill: a ledger event keyed by its date and (ID, amount), as an extract without bill numbers keys it.</summary>
    protected static TestRow Bill(long row, string rawId, string name, DateOnly date, decimal selfPaid) =>
        new(row, rawId, name, [("visitDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("selfPaid", selfPaid.ToString(CultureInfo.InvariantCulture))])
        {
            Event = new EventKey(date.DayNumber, Hash($"{rawId}|{selfPaid}")),
        };

    private static UInt128 Hash(string text)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new UInt128(BitConverter.ToUInt64(bytes, 0), BitConverter.ToUInt64(bytes, 8));
    }

    protected static BatchInfo DepartmentBatch(string department, string fileName) =>
        Batch(fileName) with { Kind = BatchStore.DepartmentBatchKind, Department = department };

    /// <summary>
    /// Imports <paramref name="rows"/> as a batch of <paramref name="batch"/>'s department through the store's
    /// streaming writer; a snapshot unless <paramref name="kind"/> says ledger; short snapshots accepted unless
    /// <paramref name="acceptShrink"/> is false.
    /// </summary>
    protected static Task<DepartmentBatchResult> ImportAsync(MatchingStore store, BatchInfo batch, TestRow[] rows, long rejected = 0,
        DepartmentKind kind = DepartmentKind.Snapshot, bool acceptShrink = true, double minShare = 0.5)
    {
        var request = new DepartmentBatchRequest(batch, kind, TestLayout, minShare, acceptShrink);
        return store.Batches.ImportDepartmentAsync(request, async (writer, token) =>
        {
            var record = new DepartmentRecord();
            foreach (var row in rows)
            {
                Fill(record, row);
                await writer.WriteAsync(record, token);
            }

            return new DepartmentRead(rows.Length + rejected, rejected, null);
        }, Ct);
    }

    private static void Fill(DepartmentRecord record, TestRow row)
    {
        record.SourceRow = row.SourceRow;
        record.RawId = row.RawId;
        record.Parsed = IdParser.Parse(row.RawId);
        record.Name = row.Name;
        record.BirthDate = row.BirthDate;
        record.Event = row.Event;
        record.Values.Clear();
        foreach (var (name, text) in row.Fields)
        {
            if (!TestLayout.TryGet(name, out var field))
            {
                continue;
            }

            switch (field.Type)
            {
                case FieldType.Text: record.Values.SetText(field.Slot, text); break;
                case FieldType.Date: record.Values.SetDate(field.Slot, DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                case FieldType.Amount: record.Values.SetFen(field.Slot, Fen.FromYuan(decimal.Parse(text, CultureInfo.InvariantCulture))); break;
                default: record.Values.SetFlag(field.Slot, text == "1"); break;
            }
        }
    }

    /// <summary>A record read back: its ID as stored, and its fields in stored form by name.</summary>
    protected sealed record ReadBack(long SourceRow, IdKind IdKind, long? IdKey, string? RawId, string Name, string BirthDate, IReadOnlyDictionary<string, string> Fields);

    /// <summary>Every record of a batch as a run reads it (a ledger's: only the rows its events count by, after <paramref name="afterDay"/>).</summary>
    protected static async Task<List<ReadBack>> RecordsAsync(MatchingStore store, long batchId, bool ledger = false, int? afterDay = null, RecordLayout? layout = null)
    {
        var batch = await BatchAsync(store, batchId);
        var read = new List<ReadBack>();
        layout ??= TestLayout;
        await foreach (var r in store.Batches.ReadRecordsAsync(batch, layout, ledger, afterDay, Ct))
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

            read.Add(new ReadBack(r.SourceRow, r.IdKind, r.IdKey, r.RawId, r.Name, r.BirthDate, fields));
        }

        return read;
    }

    /// <summary>A batch as <c>matching batch list</c> shows it.</summary>
    protected static async Task<BatchRecord> BatchAsync(MatchingStore store, long batchId) =>
        (await store.Batches.ListAsync(null, Ledgers, Ct)).Single(b => b.BatchId == batchId);
}
