namespace Matching.Core.Departments;

/// <summary>
/// The typed field values of one department record, by slot (<see cref="RecordLayout"/>). Made to be reused row
/// after row: <see cref="Clear"/> empties it without allocating. Amounts are exact, in fen (分).
/// </summary>
public sealed class RecordValues
{
    private readonly string?[] _texts = new string?[RecordLayout.TextSlots];
    private readonly DateOnly?[] _dates = new DateOnly?[RecordLayout.DateSlots];
    private readonly long?[] _amounts = new long?[RecordLayout.AmountSlots];
    private readonly bool?[] _flags = new bool?[RecordLayout.FlagSlots];

    /// <summary>A text field's value, or a code field's canonical code.</summary>
    public string? Text(int slot) => _texts[slot];

    public DateOnly? Date(int slot) => _dates[slot];

    /// <summary>An amount in fen (1 yuan = 100 fen).</summary>
    public long? Fen(int slot) => _amounts[slot];

    public bool? Flag(int slot) => _flags[slot];

    public void SetText(int slot, string? value) => _texts[slot] = value;

    public void SetDate(int slot, DateOnly? value) => _dates[slot] = value;

    public void SetFen(int slot, long? value) => _amounts[slot] = value;

    public void SetFlag(int slot, bool? value) => _flags[slot] = value;

    /// <summary>Whether the slot of <paramref name="field"/> holds a value.</summary>
    public bool Has(RecordField field) => RecordLayout.StorageOf(field.Type) switch
    {
        FieldType.Text => !string.IsNullOrEmpty(_texts[field.Slot]),
        FieldType.Date => _dates[field.Slot].HasValue,
        FieldType.Amount => _amounts[field.Slot].HasValue,
        _ => _flags[field.Slot].HasValue,
    };

    /// <summary>Empties every slot.</summary>
    public void Clear()
    {
        Array.Clear(_texts);
        Array.Clear(_dates);
        Array.Clear(_amounts);
        Array.Clear(_flags);
    }

    /// <summary>Copies every slot into <paramref name="target"/> (which a caller reuses), allocating nothing.</summary>
    public void CopyTo(RecordValues target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _texts.CopyTo(target._texts, 0);
        _dates.CopyTo(target._dates, 0);
        _amounts.CopyTo(target._amounts, 0);
        _flags.CopyTo(target._flags, 0);
    }

    /// <summary>A copy that later changes to this one do not touch.</summary>
    public RecordValues Copy()
    {
        var copy = new RecordValues();
        CopyTo(copy);
        return copy;
    }
}
