using System.Globalization;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Rejects;

namespace Matching.Ingest.Departments;

/// <summary>
/// Reads a department extract into <see cref="SourceRecord"/>s, field by field as its header map declares. A row is
/// rejected only when it cannot be used at all: more cells than the header, a typed cell that does not read, or
/// neither ID nor name. A row with a damaged ID is kept (and listed for the department to check).
/// </summary>
public static class DepartmentReader
{
    public static DepartmentReadResult Read(SourceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var map = table.Map;
        var idColumn = table.Column(HeaderMap.IdField);
        var nameColumn = table.Column(HeaderMap.NameField);
        var others = map.Fields.Where(f => f.Key is not HeaderMap.IdField and not HeaderMap.NameField && table.Column(f.Key) >= 0)
            .Select(f => (Field: f.Key, Spec: f.Value, Column: table.Column(f.Key))).ToArray();
        var records = new List<SourceRecord>();
        var rejected = new List<RejectedRow>();
        var idProblems = new List<RejectedRow>();
        while (table.Read())
        {
            var row = table.Reader.SourceRow;
            if (table.HasExtraCells)
            {
                rejected.Add(new RejectedRow(row, string.Empty, string.Empty, RejectReason.TooManyCells,
                    string.Create(CultureInfo.InvariantCulture, $"the row has {table.Reader.FieldCount} cells, the header {table.Headers.Count}: a stray separator?")));
                continue;
            }

            var rawId = table.Reader.GetString(idColumn);
            var name = nameColumn < 0 ? string.Empty : table.Reader.GetString(nameColumn).Trim();
            var parsed = IdParser.Parse(rawId);
            if (parsed.Kind == IdKind.Empty && name.Length == 0)
            {
                rejected.Add(new RejectedRow(row, table.ColumnName(HeaderMap.IdField), string.Empty, RejectReason.NoIdOrName, "neither an ID nor a name"));
                continue;
            }

            var fields = ReadFields(table, others, row, out var problem);
            if (problem is not null)
            {
                rejected.Add(problem);
                continue;
            }

            if (!parsed.IsValid)
            {
                idProblems.Add(new RejectedRow(row, table.ColumnName(HeaderMap.IdField), IdNumber.Mask(rawId.Trim()),
                    parsed.Kind == IdKind.Empty ? RejectReason.IdMissing : RejectReason.IdInvalid, parsed.Reason));
            }

            records.Add(new SourceRecord(row, rawId, parsed, name, fields));
        }

        return new DepartmentReadResult(records, table.DataRows, rejected, idProblems);
    }

    private static Dictionary<string, string> ReadFields(
        SourceTable table, (string Field, FieldSpec Spec, int Column)[] others, long row, out RejectedRow? problem)
    {
        problem = null;
        var fields = new Dictionary<string, string>(others.Length, StringComparer.Ordinal);
        foreach (var (field, spec, column) in others)
        {
            var raw = table.Reader.GetString(column);
            if (!FieldTypes.TryRead(spec.Type, raw, out var value, out var why))
            {
                problem = new RejectedRow(row, table.ColumnName(field), RejectValue.Mask(raw), RejectReason.ValueInvalid, why);
                return fields;
            }

            if (value.Length > 0)
            {
                fields[field] = value;
            }
        }

        return fields;
    }
}
