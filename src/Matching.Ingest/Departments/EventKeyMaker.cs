using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Matching.Core.Departments;
using Matching.Ingest.HeaderMaps;

namespace Matching.Ingest.Departments;

/// <summary>
/// Which event a ledger row records (<see cref="EventKey"/>), as its header map's <see cref="LedgerOptions"/> say:
/// the event's date, and a hash of its record number where the file has that column and the row a value, else of the
/// key fields (the ID, or for an unusable ID the cell and the name, then each key field's value).
/// </summary>
public sealed class EventKeyMaker
{
    private readonly int _dateSlot;
    private readonly int _numberSlot;
    private readonly bool _keyHasId;
    private readonly RecordField[] _key;
    private char[] _buffer = new char[256];

    /// <param name="map">A ledger's header map.</param>
    /// <param name="layout">Its record layout.</param>
    /// <param name="hasRecordNumber">Whether the file has the record-number column.</param>
    public EventKeyMaker(HeaderMap map, RecordLayout layout, bool hasRecordNumber)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(layout);
        var ledger = map.Ledger ?? new LedgerOptions();
        _dateSlot = layout.TryGet(ledger.DateField, out var date) && date.Type == FieldType.Date ? date.Slot : -1;
        _numberSlot = hasRecordNumber && layout.TryGet(ledger.RecordNumber, out var number) && number.Type == FieldType.Text ? number.Slot : -1;
        IEnumerable<string> keyFields = ledger.Key.Count > 0
            ? ledger.Key
            : [HeaderMap.IdField, .. layout.Fields.Where(f => f.Type == FieldType.Amount).Select(f => f.Name)];
        _keyHasId = keyFields.Contains(HeaderMap.IdField);
        _key = [.. keyFields.Where(f => f != HeaderMap.IdField && f != ledger.DateField)
            .Select(f => layout.TryGet(f, out var field) ? field : default).Where(f => f.Name is not null)];
    }

    /// <summary>The event <paramref name="record"/> records.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public EventKey KeyOf(DepartmentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var values = record.Values;
        var day = _dateSlot >= 0 && values.Date(_dateSlot) is { } date ? date.DayNumber : EventKey.NoDate;
        var text = new KeyText(this);
        if (_numberSlot >= 0 && values.Text(_numberSlot) is { Length: > 0 } number)
        {
            // A record number names the event whatever else the row says (a resent bill may be corrected).
            text.Append('#');
            text.Append(number);
        }
        else
        {
            if (_keyHasId)
            {
                if (record.Parsed.IsValid)
                {
                    text.Append(record.Parsed.Id.Value);
                }
                else
                {
                    text.Append('?');
                    text.Append(record.RawId.AsSpan().Trim());
                    text.Append('|');
                    text.Append(record.Name);
                }
            }

            foreach (var field in _key)
            {
                text.Append('|');
                text.AppendValue(values, field);
            }
        }

        return new EventKey(day, XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text.Written)));
    }

    /// <summary>The key's text built in the plan's reused buffer.</summary>
    private ref struct KeyText(EventKeyMaker plan)
    {
        private int _length;

        public readonly ReadOnlySpan<char> Written => plan._buffer.AsSpan(0, _length);

        public void Append(char c) => Append([c]);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Append(scoped ReadOnlySpan<char> text)
        {
            if (_length + text.Length > plan._buffer.Length)
            {
                var bigger = new char[Math.Max(plan._buffer.Length * 2, _length + text.Length)];
                plan._buffer.AsSpan(0, _length).CopyTo(bigger);
                plan._buffer = bigger;
            }

            text.CopyTo(plan._buffer.AsSpan(_length));
            _length += text.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AppendValue(RecordValues values, RecordField field)
        {
            Span<char> number = stackalloc char[24];
            switch (field.Type)
            {
                case FieldType.Text or FieldType.Code:
                    Append(values.Text(field.Slot));
                    break;
                case FieldType.Date when values.Date(field.Slot) is { } date && date.TryFormat(number, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture):
                    Append(number[..n]);
                    break;
                case FieldType.Amount when values.Fen(field.Slot) is { } fen && fen.TryFormat(number, out var n, provider: CultureInfo.InvariantCulture):
                    Append(number[..n]);
                    break;
                case FieldType.Flag when values.Flag(field.Slot) is { } flag:
                    Append(flag ? '1' : '0');
                    break;
            }
        }
    }
}
