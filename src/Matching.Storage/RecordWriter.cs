using Matching.Core.Departments;
using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// Writes a batch's department records as they are read, through the dialect's bulk loader, and counts them. Only
/// <see cref="BatchStore.ImportDepartmentAsync"/> makes one, inside the import's transaction.
/// </summary>
public sealed class RecordWriter
{
    /// <summary>The columns of a record row, in the order <see cref="WriteAsync"/> gives them.</summary>
    internal static readonly BulkTarget Target = new("source_record",
    [
        new("batch_id", BulkColumnType.Whole), new("source_row", BulkColumnType.Whole), new("id_kind", BulkColumnType.Text),
        new("id_key", BulkColumnType.Whole), new("raw_id", BulkColumnType.Text), new("name", BulkColumnType.Text), new("birth", BulkColumnType.Text),
        new("counted", BulkColumnType.Whole), new("event_day", BulkColumnType.Whole), new("event_hi", BulkColumnType.Whole), new("event_lo", BulkColumnType.Whole),
        new("text0", BulkColumnType.Text), new("text1", BulkColumnType.Text), new("text2", BulkColumnType.Text), new("text3", BulkColumnType.Text),
        new("date0", BulkColumnType.Text), new("date1", BulkColumnType.Text),
        new("fen0", BulkColumnType.Whole), new("fen1", BulkColumnType.Whole), new("fen2", BulkColumnType.Whole), new("fen3", BulkColumnType.Whole),
        new("flag0", BulkColumnType.Whole), new("flag1", BulkColumnType.Whole),
    ], Key: [], Keep: []);

    private readonly IBulkLoader _loader;
    private readonly long _batchId;
    private readonly object?[] _row = new object?[Target.Columns.Count];

    internal RecordWriter(IBulkLoader loader, long batchId)
    {
        _loader = loader;
        _batchId = batchId;
    }

    /// <summary>Rows written.</summary>
    public long Accepted { get; private set; }

    /// <summary>Rows written that identify someone (<see cref="DepartmentRecord.IsUsable"/>).</summary>
    public long Usable { get; private set; }

    /// <summary>Stores one record (the reader's reused row may change as soon as this returns).</summary>
    public ValueTask WriteAsync(DepartmentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Accepted++;
        if (record.IsUsable)
        {
            Usable++;
        }

        Fill(_row, _batchId, record.SourceRow, record.Parsed.Kind.ToString(), record.Parsed.IsValid ? record.Parsed.Id.Key : null,
            record.Parsed.IsExact ? null : record.RawId, record.Name, record.BirthDate, record.Event, record.Values);
        return _loader.AddAsync(cancellationToken, _row);
    }

    /// <summary>A record row's column values, in <see cref="Target"/>'s order (counted set: each row counts until proved a resend).</summary>
    internal static void Fill(object?[] row, long batchId, long sourceRow, string idKind, long? idKey, string? rawId, string name, string birth,
        EventKey? key, RecordValues values)
    {
        row[0] = batchId;
        row[1] = sourceRow;
        row[2] = idKind;
        row[3] = idKey;
        row[4] = rawId;
        row[5] = name;
        row[6] = birth;
        row[7] = 1L;
        row[8] = key?.Day;
        row[9] = key?.High;
        row[10] = key?.Low;
        var at = 11;
        for (var i = 0; i < RecordLayout.TextSlots; i++)
        {
            row[at++] = values.Text(i);
        }

        for (var i = 0; i < RecordLayout.DateSlots; i++)
        {
            row[at++] = values.Date(i) is { } date ? StoredDate.Format(date) : null;
        }

        for (var i = 0; i < RecordLayout.AmountSlots; i++)
        {
            row[at++] = values.Fen(i);
        }

        for (var i = 0; i < RecordLayout.FlagSlots; i++)
        {
            row[at++] = values.Flag(i) is { } flag ? (flag ? 1L : 0L) : null;
        }
    }
}
