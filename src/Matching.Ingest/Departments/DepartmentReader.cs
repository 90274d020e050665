using System.Globalization;
using System.Runtime.CompilerServices;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Ingest.Coverage;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Rejects;

namespace Matching.Ingest.Departments;

/// <summary>
/// Reads a department extract row by row into one reused <see cref="DepartmentRecord"/>, field by field as its
/// header map declares, so that a file of any length streams through in constant memory. A row is rejected only
/// when it cannot be used at all: more cells than the header, an ID or name cell holding a line break or a control
/// character, a typed cell that does not read (a yes/no or coded value outside its vocabulary included), or neither ID
/// nor name. The typed cells' empties are counted as they pass (<see cref="Fill"/>). A row with a damaged ID is kept (and listed
/// for the department to check). For a ledger, each row's event key is worked out (<see cref="LedgerOptions"/>).
/// </summary>
public sealed class DepartmentReader
{
    private readonly SourceTable _table;
    private readonly CellParsers _parsers;
    private readonly int _idColumn;
    private readonly int _nameColumn;
    private readonly int _birthColumn;
    private readonly (RecordField Field, FieldSpec Spec, int Column)[] _fields;
    private readonly bool[] _emptyIsValue;
    private readonly EventKeyMaker? _ledger;
    private readonly char[] _scratch = new char[256];

    public DepartmentReader(SourceTable table, CellParsers parsers)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(parsers);
        _table = table;
        _parsers = parsers;
        var map = table.Map;
        Layout = map.Layout();
        _idColumn = table.Column(HeaderMap.IdField);
        _nameColumn = table.Column(HeaderMap.NameField);
        _birthColumn = table.Column(HeaderMap.BirthDateField);
        _fields = [.. Layout.Fields.Where(f => table.Column(f.Name) >= 0).Select(f => (f, map.Fields[f.Name], table.Column(f.Name)))];
        _emptyIsValue = [.. _fields.Select(f => parsers.ReadsEmpty(f.Field.Name, f.Field.Type))];
        Fill = new FieldFill(_fields.Select(f => (f.Field.Name, FillUnit.Rows)));
        _ledger = map.Kind == SourceKind.Ledger ? new EventKeyMaker(map, Layout, hasRecordNumber: map.Ledger is { RecordNumber.Length: > 0 } l && table.Column(l.RecordNumber) >= 0) : null;
    }

    /// <summary>Where each typed field sits in <see cref="DepartmentRecord.Values"/>.</summary>
    public RecordLayout Layout { get; }

    /// <summary>The row read last, when <see cref="Rejected"/> is null: valid until the next <see cref="Read"/>.</summary>
    public DepartmentRecord Current { get; } = new();

    /// <summary>Why the row read last is not stored, or null when it is.</summary>
    public RejectedRow? Rejected { get; private set; }

    /// <summary>For a stored row whose ID cannot be made valid as typed: what the department should check; else null.</summary>
    public RejectedRow? IdProblem { get; private set; }

    /// <summary>Data rows read so far (footers and blank rows not counted).</summary>
    public long RowsRead => _table.DataRows;

    /// <summary>How often each typed field's cell was empty, over the rows whose cells were read.</summary>
    public FieldFill Fill { get; }

    /// <summary>Advances to the next data row: false at the end. Then either <see cref="Rejected"/> says why the row
    /// is not stored, or <see cref="Current"/> holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        Rejected = null;
        IdProblem = null;
        if (!_table.Read())
        {
            return false;
        }

        var reader = _table.Reader;
        var row = reader.SourceRow;
        if (_table.HasExtraCells)
        {
            Rejected = new RejectedRow(row, string.Empty, string.Empty, RejectReason.TooManyCells,
                SourceTable.ExtraCellsReason(reader.FieldCount, _table.Headers.Count));
            return true;
        }

        var record = Current;
        record.SourceRow = row;
        var rawId = reader.GetString(_idColumn);
        var name = _nameColumn < 0 ? string.Empty : reader.GetString(_nameColumn).Trim();
        if (HasControl(rawId, HeaderMap.IdField, masked: true) || HasControl(name, HeaderMap.NameField, masked: false))
        {
            return true;
        }

        var parsed = IdParser.Parse(rawId);
        if (parsed.Kind == IdKind.Empty && name.Length == 0)
        {
            Rejected = new RejectedRow(row, _table.ColumnName(HeaderMap.IdField), string.Empty, RejectReason.NoIdOrName, "neither an ID nor a name");
            return true;
        }

        record.RawId = rawId;
        record.Parsed = parsed;
        record.Name = name;
        record.BirthDate = _birthColumn < 0 ? string.Empty : reader.GetString(_birthColumn).Trim();
        record.Values.Clear();
        for (var i = 0; i < _fields.Length; i++)
        {
            var (field, spec, column) = _fields[i];
            var raw = reader.GetSpan(column, _scratch);
            Fill.Count(i, !_emptyIsValue[i] && raw.IsWhiteSpace());
            if (!_parsers.TryRead(field, spec, raw, record.Values, out var why))
            {
                // A yes/no or coded cell outside its vocabulary is unknown; a date or amount that does not read is invalid.
                var reason = field.Type is FieldType.Flag or FieldType.Code ? RejectReason.ValueUnknown : RejectReason.ValueInvalid;
                Rejected = new RejectedRow(row, _table.ColumnName(field.Name), RejectValue.Mask(raw.ToString()), reason, why);
                return true;
            }
        }

        if (!parsed.IsValid)
        {
            IdProblem = new RejectedRow(row, _table.ColumnName(HeaderMap.IdField), IdNumber.Mask(rawId.Trim()),
                parsed.Kind == IdKind.Empty ? RejectReason.IdMissing : RejectReason.IdInvalid, parsed.Reason) { IdKind = parsed.Kind };
        }

        record.Event = _ledger?.KeyOf(record);
        return true;
    }

    /// <summary>
    /// An ID or name cell with a line break or another control character is the mark of a broken file (a stray quote
    /// swallowed the next rows into it) or of a NUL-padded export: the row is refused, never stored with it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool HasControl(string cell, string field, bool masked)
    {
        foreach (var c in cell)
        {
            if (char.IsControl(c) && c != '\t')
            {
                Rejected = new RejectedRow(_table.Reader.SourceRow, _table.ColumnName(field), masked ? IdNumber.Mask(cell.Trim()) : RejectValue.Mask(cell),
                    RejectReason.ValueInvalid, "holds a line break or a control character (a stray quote in the file?)");
                return true;
            }
        }

        return false;
    }
}
